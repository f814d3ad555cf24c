import path from 'node:path';
import type { ProjectPlan } from '../types.js';

const PROJECT_FILE = /\.(?:cs|fs|vb)proj$/i;
const PROJECT_LOCK = /^packages\..+\.lock\.json$/i;

/** `App.csproj`, `Lib.fsproj`, `Tool.vbproj`: SDK-style projects that can hold PackageReference items. */
export function isProjectFile(baseName: string): boolean {
  return PROJECT_FILE.test(baseName);
}

/** `packages.<project>.lock.json`, the name NuGet gives a lockfile when several projects share a directory. */
export function isProjectLock(baseName: string): boolean {
  return PROJECT_LOCK.test(baseName);
}

/** The project-specific lockfile name of a project file: spaces in the project name become `_`. */
export function projectLockName(projectBaseName: string): string {
  return `packages.${projectBaseName.replace(/\.[^.]+$/, '').replace(/ /g, '_')}.lock.json`;
}

/**
 * A lockfile needs the project files beside it (name, PrivateAssets, ProjectReference);
 * a project file needs its own lockfile's name (to step aside for it). Both need the
 * nearest Directory.Build.props and Directory.Packages.props above them, which MSBuild imports.
 */
export function planNuGetProject(primary: string, discovered: readonly string[]): ProjectPlan {
  const present = new Set(discovered);
  const directory = path.posix.dirname(primary);
  const inDirectory = (name: string): string => (directory === '.' ? name : `${directory}/${name}`);
  const props = ['Directory.Build.props', 'Directory.Packages.props'].flatMap((name) => {
    const found = nearestAbove(directory, name, present);
    return found ? [found] : [];
  });
  const base = path.posix.basename(primary);
  if (isProjectFile(base)) {
    const lock = inDirectory(projectLockName(base));
    return { lockfile: primary, manifests: [...(present.has(lock) ? [lock] : []), ...props] };
  }
  const projects = discovered.filter((file) => path.posix.dirname(file) === directory && isProjectFile(path.posix.basename(file)));
  return { lockfile: primary, manifests: [...projects, ...props] };
}

/** The file of that name in the directory or the closest one above it, as MSBuild finds Directory.*.props. */
function nearestAbove(directory: string, name: string, present: ReadonlySet<string>): string | undefined {
  let current = directory;
  for (;;) {
    const candidate = current === '.' ? name : `${current}/${name}`;
    if (present.has(candidate)) return candidate;
    if (current === '.') return undefined;
    current = path.posix.dirname(current);
  }
}
