import type { InstallEntry } from './install-entries.js';

/** Install entries by path, as Node's module resolution sees the disk. */
export type InstallIndex = ReadonlyMap<string, InstallEntry>;

/** Links pointing at links are followed this many times at most (npm never writes a chain). */
const MAX_LINK_HOPS = 16;

/**
 * Finds the entry that `require(dependency)` from `fromPath` would load:
 * `<fromPath>/node_modules/<dependency>`, then the same in every parent
 * directory up to the lockfile's own `node_modules`, following links to their
 * targets. A path outside the project (`../lib`) only looks in its own parents
 * outside the project, as Node does once the symlink is resolved.
 * Written by hand because no library resolves against a lockfile instead of a disk.
 */
export function resolveInstall(index: InstallIndex, fromPath: string, dependency: string): InstallEntry | undefined {
  const outside = isOutsideProject(fromPath);
  let directory = fromPath;
  for (;;) {
    const found = index.get(directory === '' ? `node_modules/${dependency}` : `${directory}/node_modules/${dependency}`);
    if (found) return followLink(index, found);
    if (directory === '') return undefined;
    const slash = directory.lastIndexOf('/');
    directory = slash < 0 ? '' : directory.slice(0, slash);
    if (outside && !isOutsideProject(directory)) return undefined;
  }
}

/** The entry a link points to, or the entry itself; undefined for a dangling link. */
export function followLink(index: InstallIndex, entry: InstallEntry): InstallEntry | undefined {
  let current: InstallEntry | undefined = entry;
  for (let hop = 0; current?.linkTarget !== undefined && hop < MAX_LINK_HOPS; hop++) current = index.get(current.linkTarget);
  return current?.linkTarget === undefined ? current : undefined;
}

function isOutsideProject(path: string): boolean {
  return path === '..' || path.startsWith('../');
}
