import { ChainwardError } from '../../../common/errors.js';
import { parseJsonFile } from '../../common/parse-json.js';
import type { GraphWarning } from '../../model/graph.js';
import type { TextFile } from '../types.js';
import { entriesFromDependencyTree, entriesFromPackages, type InstallEntry } from './install-entries.js';
import { checkShape, locateKeys, lockfileDocumentSchema } from './schema.js';

export type LockfileVersion = 1 | 2 | 3;

export interface ReadLockfile {
  lockfileVersion: LockfileVersion;
  /** The top-level `name` npm records (the root package's name, or its folder's). */
  name?: string;
  /** Every install location except the project root, in lockfile order. */
  entries: InstallEntry[];
}

/**
 * Parses a package-lock.json or npm-shrinkwrap.json into install entries.
 * Version 2 carries both layouts; its `packages` map is the complete one and
 * is preferred, as npm 7+ does.
 */
export function readLockfile(file: TextFile, warnings: GraphWarning[]): ReadLockfile {
  const document = checkShape(lockfileDocumentSchema, parseJsonFile(file, 'lockfile JSON'), file, baseName(file.path));
  const lockfileVersion = supportedVersion(document.lockfileVersion, document.dependencies !== undefined, file);
  if (lockfileVersion >= 2 && document.packages) {
    return { lockfileVersion, name: document.name, entries: entriesFromPackages(document.packages, file, warnings) };
  }
  if (document.dependencies) {
    return { lockfileVersion, name: document.name, entries: entriesFromDependencyTree(document.dependencies, file, warnings) };
  }
  if (lockfileVersion === 1) return { lockfileVersion, name: document.name, entries: [] };
  throw new ChainwardError({
    code: 'SBOM_MALFORMED_FILE',
    category: 'bad-input',
    message: `lockfileVersion ${lockfileVersion} lockfile has neither "packages" nor "dependencies"`,
    location: locateKeys(file, ['lockfileVersion']),
  });
}

/**
 * 1, 2 and 3 are the versions npm has written. A file without the key but with
 * a `dependencies` tree is a shrinkwrap from npm 4 or earlier, read as v1.
 */
function supportedVersion(value: unknown, hasDependencyTree: boolean, file: TextFile): LockfileVersion {
  if (value === 1 || value === 2 || value === 3) return value;
  if (value === undefined && hasDependencyTree) return 1;
  const written = value === undefined ? 'no lockfileVersion' : `lockfileVersion ${JSON.stringify(value)}`;
  throw new ChainwardError({
    code: 'SBOM_UNSUPPORTED_LOCKFILE_VERSION',
    category: 'bad-input',
    message: `${baseName(file.path)} has ${written}; supported lockfile versions are 1, 2 and 3`,
    location: locateKeys(file, ['lockfileVersion']),
  });
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}
