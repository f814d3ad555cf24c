import type { EdgeKind } from '../../common/classify.js';
import {
  candidateDirectories,
  fallbackRootName,
  INSTALL_PATH_PROPERTY,
  joinRelative,
  manifestLicenses,
  manifestString,
  ROOT_SECTIONS,
  sectionEntries,
  workspaceManifest,
  type ReadManifest,
} from '../../common/node-project.js';
import { workspaceGlobs } from '../../common/npm-package.js';
import { PackageGraphBuilder } from '../../common/package-graph-builder.js';
import { selectWorkspaceDirectories } from '../../common/workspace-glob.js';
import type { DependencyGraph } from '../../model/graph.js';
import type { BerryEntry } from './parse-yarn-lock.js';
import { parsePatchReference, protocolOf, splitDescriptor } from './yarn-descriptors.js';
import type { YarnProject } from './yarn-project.js';
import { withDefaultProtocol, YarnResolutions } from './yarn-resolutions.js';

/** Version Berry writes for workspaces and links: a placeholder, not the package's version. */
const LOCAL_VERSION = '0.0.0-use.local';

interface BerryWorkspace {
  entry: BerryEntry;
  name: string;
  /** Relative to the lockfile's directory, '.' for the project root. */
  path: string;
  manifest?: ReadManifest;
  ref?: string;
}

/**
 * Graph of a Berry lockfile (Yarn 2-4). Every entry is keyed by the
 * descriptors that resolved to it and names its locator in `resolution`;
 * `workspace:` locators are roots, `patch:` locators are the package they
 * patch, `link:`/`portal:` folders are not packages and are left out.
 */
export function buildBerryGraph(entries: readonly BerryEntry[], problems: readonly string[], project: YarnProject): DependencyGraph {
  const builder = new PackageGraphBuilder('yarn', project.lockfile.path);
  problems.forEach((problem) => builder.warn(problem));

  const entryByDescriptor = new Map<string, BerryEntry>();
  const libraryRef = new Map<BerryEntry, string>();
  const workspaces: BerryWorkspace[] = [];
  for (const entry of entries) {
    for (const descriptor of entry.descriptors) entryByDescriptor.set(descriptor, entry);
    const locator = splitDescriptor(entry.resolution);
    if (!locator) {
      builder.warn(`${entry.resolution}: not a locator; entry skipped`);
      continue;
    }
    const protocol = protocolOf(locator.range);
    if (protocol === 'workspace') {
      workspaces.push({ entry, name: locator.name, path: locator.range.slice('workspace:'.length) });
      continue;
    }
    if (protocol === 'link' || protocol === 'portal') {
      builder.warn(`${entry.resolution}: a linked folder, not a package; left out`);
      continue;
    }
    const properties: Record<string, string> = {};
    let name = locator.name;
    let baseProtocol = protocol;
    if (protocol === 'patch') {
      const patch = parsePatchReference(locator.range);
      const base = patch && splitDescriptor(patch.base);
      if (!patch || !base) {
        builder.warn(`${entry.resolution}: unreadable patch reference; entry skipped`);
        continue;
      }
      name = base.name;
      baseProtocol = protocolOf(base.range);
      properties['chainward:patched'] = 'true';
      properties['chainward:yarn:patch'] = patch.source;
    }
    // Berry's checksum hashes Yarn's own re-packed zip, not the published tarball: kept as a fact, never as a hash.
    if (entry.checksum) properties['chainward:yarn:checksum'] = entry.checksum;
    if (baseProtocol !== 'npm') properties['chainward:yarn:resolution'] = entry.resolution;
    const ref = builder.addLibrary(name, entry.version, { properties });
    if (ref) libraryRef.set(entry, ref);
  }

  const workspaceRefByName = addWorkspaceRoots(workspaces, project, builder);
  const workspaceRef = new Map(workspaces.map((w) => [w.entry, w.ref as string]));
  const resolutions = new YarnResolutions(project.rootManifest?.manifest);
  const entryFor = (parent: BerryEntry, name: string, range: string): BerryEntry | undefined => {
    // Berry 6 and older leave the default `npm:` protocol out of dependency ranges.
    const direct = entryByDescriptor.get(`${name}@${range}`) ?? entryByDescriptor.get(`${name}@${withDefaultProtocol(range)}`);
    if (direct) return direct;
    const override = resolutions.override(splitDescriptor(parent.resolution)?.name, name, range);
    return override === undefined ? undefined : entryByDescriptor.get(`${name}@${withDefaultProtocol(override)}`);
  };
  const targetOf = (parent: BerryEntry, name: string, range: string): string | undefined => {
    const entry = entryFor(parent, name, range);
    const ref = entry ? (libraryRef.get(entry) ?? workspaceRef.get(entry)) : protocolOf(range) === 'workspace' ? workspaceRefByName.get(name) : undefined;
    if (!entry && !ref) builder.warn(`${parent.resolution}: no lockfile entry for ${name}@${range}`);
    return ref;
  };

  for (const [entry, ref] of libraryRef) {
    for (const [name, range] of Object.entries(entry.dependencies)) {
      const target = targetOf(entry, name, range);
      if (target) builder.addEdge(ref, target, entry.optionalNames.has(name) ? 'optional' : 'prod');
    }
  }
  const hoisted = project.nodeLinker === 'node-modules';
  for (const workspace of workspaces) {
    const from = workspace.ref as string;
    const kinds = sectionKinds(workspace.manifest);
    for (const [name, range] of Object.entries(workspace.entry.dependencies)) {
      const target = targetOf(workspace.entry, name, range);
      if (!target) continue;
      builder.addEdge(from, target, kinds.get(name) ?? (workspace.entry.optionalNames.has(name) ? 'optional' : 'prod'));
      // With the node-modules linker the project root's own dependencies sit at the top of node_modules.
      if (hoisted && workspace.path === '.') builder.setLibraryPropertyOnce(target, INSTALL_PATH_PROPERTY, `${project.directory}node_modules/${name}`);
    }
  }
  warnOnUnlockedWorkspaces(workspaces, project, builder);
  const used = workspaces.flatMap((w) => (w.manifest && w.path !== '.' ? [w.manifest.file.path] : []));
  return builder.build([...project.sources, ...used]);
}

/** Adds a root per workspace entry, naming it from its package.json when one was read. */
function addWorkspaceRoots(workspaces: BerryWorkspace[], project: YarnProject, builder: PackageGraphBuilder): Map<string, string> {
  if (!workspaces.some((w) => w.path === '.')) {
    // A lockfile always holds the top-level workspace; keep a root for the project even if it is missing.
    workspaces.unshift({ entry: { descriptors: [], version: LOCAL_VERSION, resolution: '', dependencies: {}, optionalNames: new Set() }, name: '', path: '.' });
  }
  const refByName = new Map<string, string>();
  for (const workspace of workspaces) {
    const directory = joinRelative(project.directory, workspace.path);
    workspace.manifest = workspace.path === '.' ? project.rootManifest : workspaceManifest(project, directory);
    const lockfileVersion = workspace.entry.version === LOCAL_VERSION ? '' : workspace.entry.version;
    const name = manifestString(workspace.manifest?.manifest, 'name') ?? (workspace.name || fallbackRootName(directory));
    workspace.ref = builder.addRoot({
      name,
      version: manifestString(workspace.manifest?.manifest, 'version') ?? lockfileVersion,
      directory,
      sourceFile: workspace.manifest?.file.path ?? project.lockfile.path,
      licenses: manifestLicenses(workspace.manifest),
    });
    refByName.set(workspace.name || name, workspace.ref);
  }
  return refByName;
}

/** Edge kind per dependency name from a workspace's package.json; dependencies wins over the others. */
function sectionKinds(read: ReadManifest | undefined): Map<string, EdgeKind> {
  const kinds = new Map<string, EdgeKind>();
  for (const [section, kind] of [...ROOT_SECTIONS].reverse()) {
    for (const [name] of sectionEntries(read?.manifest, section)) kinds.set(name, kind);
  }
  return kinds;
}

/** A package.json the `workspaces` globs select but the lockfile does not know: the lockfile is out of date. */
function warnOnUnlockedWorkspaces(workspaces: readonly BerryWorkspace[], project: YarnProject, builder: PackageGraphBuilder): void {
  const globs = project.rootManifest ? workspaceGlobs(project.rootManifest.manifest) : [];
  if (globs.length === 0) return;
  const locked = new Set(workspaces.map((w) => joinRelative(w.path)));
  for (const directory of selectWorkspaceDirectories(globs, candidateDirectories(project))) {
    if (!locked.has(directory)) builder.warn(`workspace ${directory} is not in yarn.lock; run yarn install to update the lockfile`);
  }
}
