import { planNodeProject } from '../../common/node-project.js';
import type { Ecosystem } from '../types.js';

/** pnpm-lock.yaml 5.x, 6.x and 9.x. The parser and its libraries load only when such a lockfile is found. */
export const pnpm: Ecosystem = {
  id: 'pnpm',
  lockfileNames: ['pnpm-lock.yaml'],
  plan: (lockfile, discovered) => planNodeProject(lockfile, discovered, ['pnpm-workspace.yaml']),
  parse: async (files) => (await import('./parse-project.js')).parsePnpmProject(files),
};
