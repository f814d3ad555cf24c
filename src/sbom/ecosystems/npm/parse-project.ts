import { ChainwardError } from '../../../common/errors.js';
import type { DependencyGraph } from '../../model/graph.js';
import type { ProjectFiles } from '../types.js';
import { manifestPathFor } from './manifest-path.js';
import { parsePackageLock } from './parse-package-lock.js';

/** Parses an npm lockfile with the package.json beside it, which it cannot do without. */
export function parseNpmProject(files: ProjectFiles): DependencyGraph {
  const expected = manifestPathFor(files.lockfile.path);
  const manifest = files.manifests.find((file) => file.path === expected);
  if (!manifest) {
    throw new ChainwardError({
      code: 'SBOM_MANIFEST_MISSING',
      category: 'bad-input',
      message: `${expected} is missing: npm needs it beside the lockfile to know the project's own dependencies`,
      location: { file: files.lockfile.path },
    });
  }
  return parsePackageLock(files.lockfile, manifest);
}
