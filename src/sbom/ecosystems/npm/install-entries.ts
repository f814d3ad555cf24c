import { ChainwardError } from '../../../common/errors.js';
import { splitNpmName } from '../../common/npm-package.js';
import type { GraphWarning } from '../../model/graph.js';
import type { TextFile } from '../types.js';
import { versionFromRegistryTarball } from './registry-tarball.js';
import { checkShape, packageEntrySchema, treeEntrySchema, type PackageEntry, type TreeEntry } from './schema.js';

/** A dependency a package declares, by the name it is required under (an alias's own name). */
export interface DeclaredDependency {
  name: string;
  /** False for optional and peer dependencies, which may legitimately be absent. */
  required: boolean;
}

/**
 * One installed location of a package, the same for every lockfile version:
 * v1's nested tree is flattened into the install paths v2/v3 use as keys.
 */
export interface InstallEntry {
  /** Path relative to the lockfile's directory: `node_modules/a/node_modules/b`, or `packages/x` for a workspace. */
  path: string;
  /** The real package name (for an alias, the aliased package). */
  name: string;
  /** Empty when the lockfile records none. */
  version: string;
  /** For a link (`link: true`): the path of the entry it points to. */
  linkTarget?: string;
  /** Not under node_modules: a workspace or linked local package, its own root. */
  projectRoot: boolean;
  integrity?: string;
  resolved?: string;
  license?: unknown;
  dev: boolean;
  optional: boolean;
  devOptional: boolean;
  bundled: boolean;
  extraneous: boolean;
  dependencies: DeclaredDependency[];
}

/** v1 trees deeper than this are refused: npm never writes them, and deep input must not exhaust the stack. */
export const MAX_TREE_DEPTH = 1000;

/** Reads the `packages` map of a lockfileVersion 2 or 3, in lockfile order, without the root entry (""). */
export function entriesFromPackages(packages: Record<string, unknown>, file: TextFile, warnings: GraphWarning[]): InstallEntry[] {
  const entries: InstallEntry[] = [];
  const unnamedRoots: InstallEntry[] = [];
  for (const [path, raw] of Object.entries(packages)) {
    if (path === '') continue;
    const entry = checkShape(packageEntrySchema, raw, file, `packages["${path}"]`, path);
    const projectRoot = !isUnderNodeModules(path);
    if (entry.link === true) {
      if (entry.resolved === undefined) {
        warnings.push({ file: file.path, message: `link ${path} has no "resolved" target; ignored` });
        continue;
      }
      entries.push(installEntry(path, entry.name ?? nameFromPath(path), '', { linkTarget: normalisePath(entry.resolved) }));
      continue;
    }
    const name = entry.name ?? nameFromPath(path);
    if (!isValidName(name)) {
      warnings.push({ file: file.path, message: `packages["${path}"] has no valid package name; entry skipped` });
      continue;
    }
    if (entry.version === undefined && !projectRoot) {
      warnings.push({ file: file.path, message: `packages["${path}"] has no version; listed without one` });
    }
    entries.push(
      installEntry(path, name, entry.version ?? '', {
        projectRoot,
        integrity: entry.integrity,
        resolved: entry.resolved,
        license: entry.license,
        dev: entry.dev,
        optional: entry.optional,
        devOptional: entry.devOptional,
        bundled: entry.inBundle,
        extraneous: entry.extraneous,
        dependencies: declaredDependencies(entry, projectRoot),
      }),
    );
    if (projectRoot && entry.name === undefined) unnamedRoots.push(entries[entries.length - 1] as InstallEntry);
  }
  // A workspace entry without "name" is known by the node_modules link that points to it.
  if (unnamedRoots.length > 0) {
    const linkNames = new Map(entries.filter((e) => e.linkTarget !== undefined).map((e) => [e.linkTarget, e.name]));
    for (const root of unnamedRoots) root.name = linkNames.get(root.path) ?? root.name;
  }
  return entries;
}

/**
 * Flattens the nested `dependencies` tree of a lockfileVersion 1 into install
 * paths, depth first in document order (so the first path of a package is the
 * first one in the file). Iterative, with a depth limit, so hostile nesting
 * is a bad-input error rather than a stack overflow.
 */
export function entriesFromDependencyTree(dependencies: Record<string, unknown>, file: TextFile, warnings: GraphWarning[]): InstallEntry[] {
  const entries: InstallEntry[] = [];
  const stack: Array<{ key: string; raw: unknown; parentPath: string; depth: number }> = [];
  const pushChildren = (children: Record<string, unknown>, parentPath: string, depth: number): void => {
    if (depth > MAX_TREE_DEPTH) {
      throw new ChainwardError({
        code: 'SBOM_MALFORMED_FILE',
        category: 'bad-input',
        message: `"dependencies" is nested more than ${MAX_TREE_DEPTH} levels deep`,
        location: { file: file.path },
      });
    }
    const keys = Object.keys(children);
    for (let i = keys.length - 1; i >= 0; i--) stack.push({ key: keys[i] as string, raw: children[keys[i] as string], parentPath, depth });
  };
  pushChildren(dependencies, '', 1);
  while (stack.length > 0) {
    const { key, raw, parentPath, depth } = stack.pop() as (typeof stack)[number];
    const path = parentPath === '' ? `node_modules/${key}` : `${parentPath}/node_modules/${key}`;
    const entry = checkShape(treeEntrySchema, raw, file, `dependencies entry ${path}`, null);
    if (entry.dependencies) pushChildren(entry.dependencies, path, depth + 1);
    const { name, version, source } = identityFromTreeVersion(key, entry.version);
    if (!isValidName(name)) {
      warnings.push({ file: file.path, message: `${path} has no valid package name; entry skipped` });
      continue;
    }
    if (entry.version === undefined) warnings.push({ file: file.path, message: `${path} has no version; listed without one` });
    entries.push(
      installEntry(path, name, version, {
        integrity: entry.integrity,
        resolved: source ?? entry.resolved,
        dev: entry.dev,
        optional: entry.optional,
        bundled: entry.bundled,
        extraneous: entry.extraneous,
        dependencies: Object.keys(entry.requires ?? {}).map((dependency) => ({ name: dependency, required: true })),
      }),
    );
  }
  return entries;
}

type EntryFacts = Partial<Omit<InstallEntry, 'path' | 'name' | 'version' | 'dev' | 'optional' | 'devOptional' | 'bundled' | 'extraneous'>> & {
  dev?: boolean;
  optional?: boolean;
  devOptional?: boolean;
  bundled?: boolean;
  extraneous?: boolean;
};

/** Every entry gets the same fields in the same order, so the engine keeps one object shape for all of them. */
export function installEntry(path: string, name: string, version: string, facts: EntryFacts = {}): InstallEntry {
  return {
    path,
    name,
    version,
    linkTarget: facts.linkTarget,
    projectRoot: facts.projectRoot ?? false,
    integrity: facts.integrity,
    resolved: facts.resolved,
    license: facts.license,
    dev: facts.dev === true,
    optional: facts.optional === true,
    devOptional: facts.devOptional === true,
    bundled: facts.bundled === true,
    extraneous: facts.extraneous === true,
    dependencies: facts.dependencies ?? [],
  };
}

/**
 * The names a package depends on, each resolved later from its install path.
 * Optional dependencies win over regular ones of the same name, as in npm;
 * devDependencies count only for project roots (npm installs no one else's).
 */
export function declaredDependencies(entry: Pick<PackageEntry, 'dependencies' | 'devDependencies' | 'optionalDependencies' | 'peerDependencies'>, projectRoot: boolean): DeclaredDependency[] {
  const required = new Map<string, boolean>();
  for (const name of Object.keys(entry.peerDependencies ?? {})) required.set(name, false);
  for (const name of Object.keys(entry.dependencies ?? {})) required.set(name, true);
  if (projectRoot) for (const name of Object.keys(entry.devDependencies ?? {})) required.set(name, true);
  for (const name of Object.keys(entry.optionalDependencies ?? {})) required.set(name, false);
  return [...required].map(([name, isRequired]) => ({ name, required: isRequired }));
}

/**
 * v1 writes the installed version, or for an alias `npm:<name>@<version>`, or
 * (older npm) the registry tarball URL, or for git/tarball/directory sources
 * the spec itself (`git+https://…#<commit>`). A source spec gives its commit
 * (after `#`) as the version, or none.
 */
function identityFromTreeVersion(key: string, written: TreeEntry['version']): { name: string; version: string; source?: string } {
  const value = written ?? '';
  if (value.startsWith('npm:')) {
    const spec = value.slice(4);
    const at = spec.lastIndexOf('@');
    if (at > 0) return { name: spec.slice(0, at), version: spec.slice(at + 1) };
  }
  const fromTarball = versionFromRegistryTarball(key, value);
  if (fromTarball !== undefined) return { name: key, version: fromTarball };
  if (/^[a-z][a-z0-9+.-]*:/i.test(value)) {
    const hash = value.indexOf('#');
    return { name: key, version: hash >= 0 ? value.slice(hash + 1) : '', source: value };
  }
  return { name: key, version: value };
}

/** A name a purl can hold: not empty, and not a bare scope (`@scope/`). */
export function isValidName(name: string): boolean {
  return splitNpmName(name).name !== '';
}

export function isUnderNodeModules(path: string): boolean {
  return path.startsWith('node_modules/') || path.includes('/node_modules/');
}

/** The folder name under the last node_modules (`@scope/name` kept whole), or the last segment. */
function nameFromPath(path: string): string {
  const marker = path.lastIndexOf('node_modules/');
  if (marker >= 0) return path.slice(marker + 'node_modules/'.length);
  const slash = path.lastIndexOf('/');
  return slash >= 0 ? path.slice(slash + 1) : path;
}

/** `./packages/a/` → `packages/a`; npm writes link targets relative to the lockfile with `/`. */
function normalisePath(path: string): string {
  return path.replace(/\\/g, '/').replace(/^(\.\/)+/, '').replace(/\/+$/, '');
}
