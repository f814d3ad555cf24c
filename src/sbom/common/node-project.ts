import path from 'node:path';
import type { ProjectFiles, ProjectPlan, TextFile } from '../ecosystems/types.js';
import { licensesFromPackageJsonField } from '../licenses/normalize.js';
import type { LicenseFact } from '../model/graph.js';
import type { PackageManifest } from './npm-package.js';
import { expectObject, parseJsonFile } from './parse-json.js';

/**
 * Project layout shared by the Node lockfile parsers that read workspaces
 * (Yarn, pnpm): where the lockfile sits, which package.json files to read,
 * and the dependency sections of a manifest.
 */

/** Directory of a lockfile relative to the scan root: '' at the top, else `dir/`. */
export function lockfileDirectory(lockfile: string): string {
  const dir = path.posix.dirname(lockfile);
  return dir === '.' ? '' : `${dir}/`;
}

/** Joins relative POSIX paths and folds `.` and `..`; '' stands for the scan root. */
export function joinRelative(...parts: string[]): string {
  const joined = path.posix.normalize(parts.filter((p) => p !== '' && p !== '.').join('/') || '.');
  return joined === '.' ? '' : joined.replace(/\/$/, '');
}

/**
 * The root package.json (required), the named configuration files beside the
 * lockfile, and every other package.json below it: workspace manifests are
 * picked among them at parse time, once the lockfile says which exist.
 */
export function planNodeProject(lockfile: string, discovered: readonly string[], configNames: readonly string[]): ProjectPlan {
  const dir = lockfileDirectory(lockfile);
  const rootManifest = `${dir}package.json`;
  const present = new Set(discovered);
  const configs = configNames.map((name) => `${dir}${name}`).filter((file) => present.has(file));
  const nested = discovered.filter(
    (file) => file !== rootManifest && file.startsWith(dir) && file.endsWith('/package.json') && !file.includes('/node_modules/'),
  );
  return { lockfile, manifests: [rootManifest, ...configs, ...nested], requiredManifest: rootManifest };
}

/** The files of one lockfile's project, sorted by role. */
export interface NodeProject {
  lockfile: TextFile;
  /** Directory of the lockfile relative to the scan root: '' or `dir/`. */
  directory: string;
  rootManifest?: ReadManifest;
  /**
   * Every other package.json, keyed by its directory relative to the scan root. Read only when a
   * workspace needs it (`workspaceManifest`), so a broken package.json elsewhere in the tree is no error.
   */
  otherManifests: Map<string, TextFile>;
  /** The configuration file named in the plan (`.yarnrc.yml`, `pnpm-workspace.yaml`), when present. */
  config?: TextFile;
  /** Lockfile, root manifest and configuration file, for `graph.sources`. */
  sources: string[];
}

/** Sorts the planned files; a root package.json that is not JSON is bad input. */
export function readNodeProject(files: ProjectFiles, configName: string): NodeProject {
  const directory = lockfileDirectory(files.lockfile.path);
  const project: NodeProject = { lockfile: files.lockfile, directory, otherManifests: new Map(), sources: [files.lockfile.path] };
  for (const file of files.manifests) {
    if (file.path === `${directory}${configName}`) {
      project.config = file;
      project.sources.push(file.path);
    } else if (file.path === `${directory}package.json`) {
      project.rootManifest = readManifest(file);
      project.sources.push(file.path);
    } else if (path.posix.basename(file.path) === 'package.json') {
      project.otherManifests.set(path.posix.dirname(file.path), file);
    }
  }
  return project;
}

/** The package.json of a workspace directory (relative to the scan root), parsed; a malformed one is bad input. */
export function workspaceManifest(project: NodeProject, directory: string): ReadManifest | undefined {
  const file = project.otherManifests.get(directory);
  return file ? readManifest(file) : undefined;
}

/** Workspace candidates: directories holding a package.json below the lockfile, relative to the lockfile's directory. */
export function candidateDirectories(project: NodeProject): string[] {
  return [...project.otherManifests.keys()].filter((dir) => dir.startsWith(project.directory)).map((dir) => dir.slice(project.directory.length));
}

/** Name for a root whose manifest states none: its directory's name, or `project` at the top (as the npm parser does). */
export function fallbackRootName(directory: string): string {
  const trimmed = directory.replace(/\/$/, '');
  return trimmed === '' ? 'project' : path.posix.basename(trimmed);
}

export type DependencySection = 'dependencies' | 'devDependencies' | 'optionalDependencies' | 'peerDependencies';

/** A package.json read for its name, version and dependency sections. */
export interface ReadManifest {
  file: TextFile;
  manifest: PackageManifest;
}

export function readManifest(file: TextFile): ReadManifest {
  const manifest = expectObject(parseJsonFile(file, 'package.json'), file.path, 'package.json') as PackageManifest;
  return { file, manifest };
}

/** The string entries of one dependency section; anything else in it is ignored. */
export function sectionEntries(manifest: PackageManifest | undefined, section: DependencySection): Array<[string, string]> {
  const value: unknown = manifest?.[section];
  if (!value || typeof value !== 'object' || Array.isArray(value)) return [];
  return Object.entries(value as Record<string, unknown>).filter((entry): entry is [string, string] => typeof entry[1] === 'string');
}

/** A string field of a manifest, when it is one. */
export function manifestString(manifest: PackageManifest | undefined, field: 'name' | 'version'): string | undefined {
  const value: unknown = manifest?.[field];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** Where a package is installed, relative to the scan root; the scanner reads its package.json for a licence. */
export const INSTALL_PATH_PROPERTY = 'chainward:npm:install-path';

/** Manifest sections a root's direct dependencies come from, with the edge kind each gives. */
export const ROOT_SECTIONS: ReadonlyArray<readonly [DependencySection, 'prod' | 'optional' | 'dev']> = [
  ['dependencies', 'prod'],
  ['optionalDependencies', 'optional'],
  ['devDependencies', 'dev'],
];

/** Licences a manifest declares (`license`, or the legacy `licenses`), as facts read from the manifest. */
export function manifestLicenses(read: ReadManifest | undefined): LicenseFact[] {
  if (!read) return [];
  return licensesFromPackageJsonField(read.manifest.license ?? read.manifest.licenses, 'manifest');
}
