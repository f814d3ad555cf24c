/** The package.json beside a lockfile (paths are relative and use `/`). */
export function manifestPathFor(lockfile: string): string {
  const slash = lockfile.lastIndexOf('/');
  return slash < 0 ? 'package.json' : `${lockfile.slice(0, slash)}/package.json`;
}
