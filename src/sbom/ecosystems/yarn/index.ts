import { planNodeProject } from '../../common/node-project.js';
import type { Ecosystem } from '../types.js';

/** Yarn 1 and Berry. The parser and its libraries load only when a yarn.lock is found. */
export const yarn: Ecosystem = {
  id: 'yarn',
  lockfileNames: ['yarn.lock'],
  plan: (lockfile, discovered) => planNodeProject(lockfile, discovered, ['.yarnrc.yml']),
  parse: async (files) => (await import('./parse-project.js')).parseYarnProject(files),
};
