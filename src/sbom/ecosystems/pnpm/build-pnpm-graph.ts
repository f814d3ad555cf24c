import {
  candidateDirectories,
  fallbackRootName,
  INSTALL_PATH_PROPERTY,
  joinRelative,
  manifestLicenses,
  manifestString,
  workspaceManifest,
  type NodeProject,
} from '../../common/node-project.js';
import { hashesFromIntegrity } from '../../common/npm-package.js';
import { PackageGraphBuilder } from '../../common/package-graph-builder.js';
import { selectWorkspaceDirectories } from '../../common/workspace-glob.js';
import type { DependencyGraph } from '../../model/graph.js';
import { candidateKeys, parseDepPath, withoutPeerSuffix } from './dep-path.js';
import type { PnpmLockfile, PnpmPackage } from './parse-pnpm-lock.js';

/** pnpm shortens store directory names longer than this with a hash, so the path is no longer predictable. */
const MAX_STORE_NAME_LENGTH = 120;

/**
 * Graph of a pnpm lockfile: one component per name+version (the peer
 * variants of a package are one component, their edges joined), one root
 * per importer, `link:` references resolved to the importer they point at.
 */
export function buildPnpmGraph(lockfile: PnpmLockfile, project: NodeProject, workspacePatterns: readonly string[]): DependencyGraph {
  const builder = new PackageGraphBuilder('pnpm', project.lockfile.path);
  lockfile.problems.forEach((problem) => builder.warn(problem));

  const refByKey = new Map<string, string>();
  for (const pkg of lockfile.packages.values()) {
    const ref = builder.addLibrary(pkg.name, pkg.version, {
      hashes: hashesFromIntegrity(pkg.integrity),
      properties: pkg.patched ? { 'chainward:patched': 'true' } : {},
    });
    if (!ref) continue;
    refByKey.set(pkg.key, ref);
    const installPath = storePath(pkg, lockfile, project.directory);
    if (installPath) builder.setLibraryPropertyOnce(ref, INSTALL_PATH_PROPERTY, installPath);
  }

  const importerRefByPath = addImporterRoots(lockfile, project, builder);
  const resolve = (from: string, baseDirectory: string, name: string, reference: string): string | undefined => {
    if (reference.startsWith('link:')) {
      const ref = importerRefByPath.get(joinRelative(baseDirectory, reference.slice('link:'.length)));
      if (!ref) builder.warn(`${from}: ${name} links to ${reference}, which is not a workspace project; left out`);
      return ref;
    }
    for (const key of candidateKeys(name, reference, lockfile.generation)) {
      const ref = refByKey.get(key);
      if (ref) return ref;
    }
    builder.warn(`${from}: no lockfile entry for ${name} ${reference}`);
    return undefined;
  };

  for (const importer of lockfile.importers) {
    const from = importerRefByPath.get(joinRelative(importer.path)) as string;
    for (const { name, reference, kind } of importer.dependencies) {
      const target = resolve(`importer ${importer.path}`, importer.path, name, reference);
      if (target) builder.addEdge(from, target, kind);
    }
  }
  for (const pkg of lockfile.packages.values()) {
    const from = refByKey.get(pkg.key);
    if (!from) continue;
    // Links inside packages and snapshots are relative to the lockfile's directory.
    for (const [name, reference] of pkg.dependencies) {
      const target = resolve(pkg.key, '', name, reference);
      if (target) builder.addEdge(from, target, pkg.peerNames.has(name) ? 'peer' : 'prod');
    }
    for (const [name, reference] of pkg.optionalDependencies) {
      const target = resolve(pkg.key, '', name, reference);
      if (target) builder.addEdge(from, target, 'optional');
    }
  }
  warnOnUnlockedProjects(lockfile, project, workspacePatterns, builder);
  const workspaceManifests = lockfile.importers
    .map((importer) => project.otherManifests.get(joinRelative(project.directory, importer.path))?.path)
    .filter((file): file is string => file !== undefined);
  return builder.build([...project.sources, ...workspaceManifests]);
}

/** One root per importer, keyed by its path relative to the lockfile ('' for the root project). */
function addImporterRoots(lockfile: PnpmLockfile, project: NodeProject, builder: PackageGraphBuilder): Map<string, string> {
  const linkedNames = namesFromLinks(lockfile);
  const refByPath = new Map<string, string>();
  for (const importer of lockfile.importers) {
    const path = joinRelative(importer.path);
    const directory = joinRelative(project.directory, importer.path);
    const read = path === '' ? project.rootManifest : workspaceManifest(project, directory);
    refByPath.set(
      path,
      builder.addRoot({
        name: manifestString(read?.manifest, 'name') ?? linkedNames.get(path) ?? fallbackRootName(directory),
        version: manifestString(read?.manifest, 'version') ?? '',
        directory,
        sourceFile: read?.file.path ?? project.lockfile.path,
        licenses: manifestLicenses(read),
      }),
    );
  }
  return refByPath;
}

/** The lockfile does not name its importers, but a `link:` to one says what its dependants call it. */
function namesFromLinks(lockfile: PnpmLockfile): Map<string, string> {
  const names = new Map<string, string>();
  const note = (base: string, name: string, reference: string): void => {
    if (!reference.startsWith('link:')) return;
    const target = joinRelative(base, reference.slice('link:'.length));
    if (!names.has(target)) names.set(target, name);
  };
  for (const importer of lockfile.importers) for (const d of importer.dependencies) note(importer.path, d.name, d.reference);
  for (const pkg of lockfile.packages.values()) for (const [name, reference] of pkg.dependencies) note('', name, reference);
  return names;
}

/**
 * `node_modules/.pnpm/<name with + for />@<version>/node_modules/<name>`: only
 * for an instance without peers (their directory names carry the peers) and
 * for names pnpm does not shorten or hash (too long, or with capitals).
 */
function storePath(pkg: PnpmPackage, lockfile: PnpmLockfile, directory: string): string | undefined {
  if (withoutPeerSuffix(pkg.key, lockfile.generation) !== pkg.key) return undefined;
  // Tarball and git packages are stored under a name derived from their URL, not their version.
  if (parseDepPath(pkg.key, lockfile.generation)?.version !== pkg.version || /[:/]/.test(pkg.version)) return undefined;
  const storeName = `${pkg.name.replace('/', '+')}@${pkg.version}`;
  if (storeName.length > MAX_STORE_NAME_LENGTH || storeName !== storeName.toLowerCase()) return undefined;
  return `${directory}node_modules/.pnpm/${storeName}/node_modules/${pkg.name}`;
}

/** A package.json that pnpm-workspace.yaml selects but the lockfile has no importer for: the lockfile is out of date. */
function warnOnUnlockedProjects(lockfile: PnpmLockfile, project: NodeProject, patterns: readonly string[], builder: PackageGraphBuilder): void {
  if (patterns.length === 0) return;
  const locked = new Set(lockfile.importers.map((importer) => joinRelative(importer.path)));
  for (const directory of selectWorkspaceDirectories(patterns, candidateDirectories(project))) {
    if (!locked.has(directory)) builder.warn(`workspace project ${directory} is not in pnpm-lock.yaml; run pnpm install to update the lockfile`);
  }
}
