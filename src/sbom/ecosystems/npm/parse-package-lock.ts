import { PackageURL } from 'packageurl-js';
import { INSTALL_PATH_PROPERTY } from '../../common/node-project.js';
import { hashesFromIntegrity, npmPurl, splitNpmName } from '../../common/npm-package.js';
import { parseJsonFile } from '../../common/parse-json.js';
import { licensesFromPackageJsonField } from '../../licenses/normalize.js';
import { addEdge, emptyGraph, libraryNode, projectRoot, type ComponentNode, type DependencyGraph } from '../../model/graph.js';
import type { TextFile } from '../types.js';
import { declaredDependencies, installEntry, isValidName, type InstallEntry } from './install-entries.js';
import { readLockfile } from './read-lockfile.js';
import { isRegistryTarball } from './registry-tarball.js';
import { followLink, resolveInstall } from './resolve-install.js';
import { checkShape, projectManifestSchema, type ProjectManifest } from './schema.js';

export const ECOSYSTEM_ID = 'npm';

/** Per purl: what every install location of it says, combined. */
interface LibraryFacts {
  node: ComponentNode;
  allDevelopment: boolean;
  allOptional: boolean;
  anyBundled: boolean;
  allExtraneous: boolean;
  integrities: Set<string>;
}

/**
 * Builds the dependency graph of an npm project from its lockfile
 * (package-lock.json or npm-shrinkwrap.json, lockfileVersion 1–3) and the
 * package.json beside it. Pure: reads no files.
 */
export function parsePackageLock(lockfile: TextFile, manifest: TextFile): DependencyGraph {
  const graph = emptyGraph();
  graph.sources.push(lockfile.path, manifest.path);
  const lock = readLockfile(lockfile, graph.warnings);
  const project = checkShape(projectManifestSchema, parseJsonFile(manifest, 'package.json'), manifest, 'package.json');
  const directory = directoryOf(lockfile.path);

  const index = new Map(lock.entries.map((entry) => [entry.path, entry]));
  const projectEntry = projectRootEntry(project, lock.name, directory);
  const installed = [projectEntry, ...lock.entries.filter((entry) => entry.linkTarget === undefined)];
  for (const entry of lock.entries) {
    if (entry.linkTarget !== undefined && !followLink(index, entry)) {
      graph.warnings.push({ file: lockfile.path, message: `link ${entry.path} points to ${entry.linkTarget}, which the lockfile does not list` });
    }
  }

  const targets = resolveAll(installed, index, (entry, dependency) => {
    const who = entry === projectEntry ? manifest.path : entry.path;
    graph.warnings.push({ file: lockfile.path, message: `${who} depends on ${dependency}, which the lockfile does not install` });
  });
  const reached = reachableFromRoots(installed, targets);

  // One purl per name and version, however many places it is installed at.
  const refs = new Map<InstallEntry, string>();
  const purls = new Map<string, string>();
  for (const entry of installed) {
    if (entry.projectRoot) continue;
    const key = `${entry.name}@${entry.version}`;
    const ref = purls.get(key) ?? npmPurl(entry.name, entry.version);
    purls.set(key, ref);
    refs.set(entry, ref);
  }
  const libraryRefs = new Set(refs.values());
  for (const entry of installed) {
    if (!entry.projectRoot) continue;
    const sourceFile = entry === projectEntry ? manifest.path : lockfile.path;
    const node = applicationNode(entry, sourceFile, directory, (ref) => libraryRefs.has(ref) || graph.components.has(ref));
    if (entry === projectEntry) node.licenses = licensesFromPackageJsonField(project.license ?? project.licenses, 'manifest');
    refs.set(entry, node.ref);
    graph.roots.push(node.ref);
    graph.components.set(node.ref, node);
  }
  const libraries = new Map<string, LibraryFacts>();
  for (const entry of installed) {
    if (entry.projectRoot) continue;
    const extraneous = entry.extraneous || !reached.has(entry);
    recordLocation(libraries, graph, entry, refs.get(entry) as string, { lockfile: lockfile.path, directory, extraneous });
  }

  const roots = new Set(graph.roots);
  for (const [entry, entryTargets] of targets) {
    const from = refs.get(entry) as string;
    for (const target of entryTargets) {
      const to = refs.get(target) as string;
      addEdge(graph, from, to);
      if (roots.has(from) && from !== to) (graph.components.get(to) as ComponentNode).direct = true;
    }
  }
  for (const facts of libraries.values()) finishLibrary(facts);
  graph.roots.sort();
  return graph;
}

/** The project itself, from package.json, as an install entry at path ''. */
function projectRootEntry(project: ProjectManifest, lockfileName: string | undefined, directory: string): InstallEntry {
  const folder = directory.slice(directory.lastIndexOf('/') + 1);
  // Without a name, npm itself calls the project by its folder; so do we, for a stable ref.
  const name = [project.name, lockfileName, folder].find((candidate) => candidate !== undefined && isValidName(candidate)) ?? 'project';
  return installEntry('', name, project.version ?? '', { projectRoot: true, dependencies: declaredDependencies(project, true) });
}

/** Location-level edges: each installed entry to the entries its dependencies resolve to. */
function resolveAll(
  installed: readonly InstallEntry[],
  index: ReadonlyMap<string, InstallEntry>,
  onMissing: (entry: InstallEntry, dependency: string) => void,
): Map<InstallEntry, InstallEntry[]> {
  const targets = new Map<InstallEntry, InstallEntry[]>();
  for (const entry of installed) {
    const found: InstallEntry[] = [];
    for (const dependency of entry.dependencies) {
      const target = resolveInstall(index, entry.path, dependency.name);
      if (target) found.push(target);
      // An optional or peer dependency that is absent was simply not installed.
      else if (dependency.required) onMissing(entry, dependency.name);
    }
    targets.set(entry, found);
  }
  return targets;
}

/** Locations some project root reaches; the others are extraneous, as `npm ls` calls them. */
function reachableFromRoots(installed: readonly InstallEntry[], targets: ReadonlyMap<InstallEntry, InstallEntry[]>): Set<InstallEntry> {
  const queue = installed.filter((entry) => entry.projectRoot);
  const reached = new Set(queue);
  while (queue.length > 0) {
    for (const target of targets.get(queue.pop() as InstallEntry) ?? []) {
      if (reached.has(target)) continue;
      reached.add(target);
      queue.push(target);
    }
  }
  return reached;
}

/**
 * A project or workspace root. Its ref is its purl, unless a library or
 * another root holds that purl: then the purl qualified with the root's folder.
 */
function applicationNode(entry: InstallEntry, sourceFile: string, directory: string, taken: (ref: string) => boolean): ComponentNode {
  const purl = npmPurl(entry.name, entry.version);
  const folder = joinPath(directory, entry.path);
  const ref = taken(purl) ? qualifiedPurl(entry, folder || '.') : purl;
  const { group, name } = splitNpmName(entry.name);
  const node = projectRoot({ ecosystem: ECOSYSTEM_ID, purl, ref, group, name, version: entry.version, sourceFile, licenses: licensesFromPackageJsonField(entry.license, 'lockfile') });
  // Lets the scanner read a workspace's own package.json for a licence the lockfile lacks.
  if (entry.path !== '') node.properties[INSTALL_PATH_PROPERTY] = folder;
  return node;
}

function qualifiedPurl(entry: InstallEntry, folder: string): string {
  const { group, name } = splitNpmName(entry.name);
  return new PackageURL('npm', group, name, entry.version || undefined, { workspace: folder }, undefined).toString();
}

function recordLocation(
  libraries: Map<string, LibraryFacts>,
  graph: DependencyGraph,
  entry: InstallEntry,
  ref: string,
  context: { lockfile: string; directory: string; extraneous: boolean },
): void {
  const development = entry.dev || entry.devOptional;
  const optional = development || entry.optional;
  let facts = libraries.get(ref);
  if (!facts) {
    const node = installedLibrary(entry, ref, context.lockfile);
    node.properties[INSTALL_PATH_PROPERTY] = joinPath(context.directory, entry.path);
    facts = { node, allDevelopment: true, allOptional: true, anyBundled: false, allExtraneous: true, integrities: new Set() };
    libraries.set(ref, facts);
    graph.components.set(ref, node);
  }
  facts.allDevelopment &&= development;
  facts.allOptional &&= optional;
  facts.anyBundled ||= entry.bundled;
  facts.allExtraneous &&= context.extraneous;
  const { node } = facts;
  if (entry.integrity !== undefined && !facts.integrities.has(entry.integrity)) {
    facts.integrities.add(entry.integrity);
    for (const hash of hashesFromIntegrity(entry.integrity)) {
      if (!node.hashes.some((h) => h.alg === hash.alg && h.content === hash.content)) node.hashes.push(hash);
    }
  }
  if (node.licenses.length === 0) node.licenses = licensesFromPackageJsonField(entry.license, 'lockfile');
  if (entry.resolved !== undefined && !isRegistryTarball(entry.resolved) && node.properties['chainward:resolved'] === undefined) {
    node.properties['chainward:resolved'] = entry.resolved;
  }
}

/** Flags are set only once every location has been seen: a purl is dev/optional only if all its locations are. */
function finishLibrary(facts: LibraryFacts): void {
  const { node } = facts;
  node.development = facts.allDevelopment;
  // CycloneDX has no dev scope: development components are optional at run time.
  node.scope = facts.allOptional ? 'optional' : 'required';
  if (facts.allDevelopment) node.properties['cdx:npm:package:development'] = 'true';
  if (facts.anyBundled) node.properties['cdx:npm:package:bundled'] = 'true';
  if (facts.allExtraneous) node.properties['cdx:npm:package:extraneous'] = 'true';
}

function installedLibrary(entry: InstallEntry, purl: string, sourceFile: string): ComponentNode {
  const { group, name } = splitNpmName(entry.name);
  return libraryNode({ ecosystem: ECOSYSTEM_ID, purl, group, name, version: entry.version, sourceFile });
}

function directoryOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

function joinPath(directory: string, path: string): string {
  return directory === '' ? path : `${directory}/${path}`;
}
