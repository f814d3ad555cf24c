import path from 'node:path';
import type { Ecosystem } from '../types.js';

/**
 * Go modules: go.mod (the main module's requirements, replacements and exclusions) with
 * the go.sum beside it for checksums. The parser loads only when a go.mod is found.
 */
export const gomod: Ecosystem = {
  id: 'gomod',
  lockfileNames: ['go.mod'],
  plan(lockfile, discovered) {
    const goSum = path.posix.join(path.posix.dirname(lockfile), 'go.sum');
    return { lockfile, manifests: discovered.includes(goSum) ? [goSum] : [] };
  },
  parse: async (files) => (await import('./parse-project.js')).parseGoProject(files),
};
