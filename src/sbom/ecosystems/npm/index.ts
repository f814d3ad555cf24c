import type { Ecosystem, ProjectPlan } from '../types.js';
import { manifestPathFor } from './manifest-path.js';

const SHRINKWRAP = 'npm-shrinkwrap.json';
const PACKAGE_LOCK = 'package-lock.json';

/**
 * npm: package-lock.json and npm-shrinkwrap.json, lockfileVersion 1, 2 and 3.
 * Workspace packages are read from the lockfile's `packages` map, so only the
 * root package.json is asked for. The parser and its libraries load only when
 * an npm lockfile is found.
 */
export const npm: Ecosystem = {
  id: 'npm',
  lockfileNames: [PACKAGE_LOCK, SHRINKWRAP],
  // In order of preference: npm installs from the shrinkwrap when a directory holds both.
  precedence: [SHRINKWRAP, PACKAGE_LOCK],

  plan(lockfile: string, _discovered: readonly string[]): ProjectPlan {
    const manifest = manifestPathFor(lockfile);
    return { lockfile, manifests: [manifest], requiredManifest: manifest };
  },

  parse: async (files) => (await import('./parse-project.js')).parseNpmProject(files),
};
