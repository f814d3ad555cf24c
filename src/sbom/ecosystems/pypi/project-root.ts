import path from 'node:path';
import type { LockedRoot, RootRequirement } from './locked-graph.js';
import type { PyprojectInfo } from './pyproject.js';
import type { TextFile } from '../types.js';

/**
 * The project root of a lockfile or requirements file: named by its
 * pyproject.toml when there is one, else after its directory (`project` at the
 * top of the repository), with no version unless the manifest states one.
 */
export function projectRoot(lockfile: string, manifest: TextFile | undefined, pyproject: PyprojectInfo | undefined): Omit<LockedRoot, 'requirements'> {
  const useManifest = manifest !== undefined && pyproject?.name !== undefined;
  return {
    name: pyproject?.name ?? directoryName(manifest?.path ?? lockfile),
    version: pyproject?.version ?? '',
    licenses: pyproject?.licenses ?? [],
    sourceFile: useManifest ? manifest.path : lockfile,
  };
}

function directoryName(file: string): string {
  let directory = path.posix.dirname(file);
  // `requirements/base.txt` belongs to the project around the `requirements` directory.
  if (/^req(uirement)?s?$/i.test(path.posix.basename(directory))) directory = path.posix.dirname(directory);
  return directory === '.' ? 'project' : path.posix.basename(directory);
}

/** The project's declared dependencies as requirements of its root. */
export function rootRequirementsFrom(pyproject: PyprojectInfo): RootRequirement[] {
  return pyproject.dependencies.map((dependency) => ({
    name: dependency.name,
    extras: dependency.extras,
    kind: dependency.kind,
    ...(dependency.specifier === '' || dependency.specifier === '*' ? {} : { constraint: dependency.specifier }),
    // Poetry leaves out of its lockfile what the project's Python range or a marker excludes.
    mayBeAbsent: dependency.marker !== undefined || dependency.python !== undefined,
  }));
}
