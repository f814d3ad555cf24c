import path from 'node:path';
import type { Ecosystem } from '../types.js';

/** PHP packages through Composer. The parser loads only when a composer.lock is found. */
export const composer: Ecosystem = {
  id: 'composer',
  lockfileNames: ['composer.lock'],
  plan: (lockfile, discovered) => {
    const manifest = path.posix.join(path.posix.dirname(lockfile), 'composer.json');
    return { lockfile, manifests: discovered.includes(manifest) ? [manifest] : [] };
  },
  parse: async (files) => (await import('./parse-project.js')).parseComposerProject(files),
};
