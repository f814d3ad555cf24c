import {
  candidateDirectories,
  fallbackRootName,
  INSTALL_PATH_PROPERTY,
  manifestLicenses,
  manifestString,
  ROOT_SECTIONS,
  sectionEntries,
  workspaceManifest,
  type ReadManifest,
} from '../../common/node-project.js';
import { hashesFromIntegrity, workspaceGlobs } from '../../common/npm-package.js';
import { PackageGraphBuilder } from '../../common/package-graph-builder.js';
import { selectWorkspaceDirectories } from '../../common/workspace-glob.js';
import type { DependencyGraph, HashFact } from '../../model/graph.js';
import type { ClassicEntry } from './parse-yarn-lock.js';
import { aliasTarget, splitDescriptor } from './yarn-descriptors.js';
import type { YarnProject } from './yarn-project.js';
import { YarnResolutions } from './yarn-resolutions.js';

/**
 * Graph of a Yarn 1 lockfile. Each `name@range` key maps to one entry; the
 * lockfile does not list workspaces, so they come from the root manifest's
 * `workspaces` globs, and a dependency on a workspace is the one whose range
 * has no lockfile entry but whose name is a workspace's.
 */
export function buildClassicGraph(entries: readonly ClassicEntry[], problems: readonly string[], project: YarnProject): DependencyGraph {
  const builder = new PackageGraphBuilder('yarn', project.lockfile.path);
  problems.forEach((problem) => builder.warn(problem));

  const refByDescriptor = new Map<string, string>();
  const entryRefs: Array<[ClassicEntry, string]> = [];
  for (const entry of entries) {
    const first = splitDescriptor(entry.descriptors[0]);
    if (!first) {
      builder.warn(`${entry.descriptors[0]}: not a name@range key; entry skipped`);
      continue;
    }
    const name = aliasTarget(first.range) ?? first.name;
    const ref = builder.addLibrary(name, entry.version, { hashes: classicHashes(entry) });
    if (!ref) continue;
    entryRefs.push([entry, ref]);
    for (const descriptor of entry.descriptors) refByDescriptor.set(descriptor, ref);
  }

  const workspaces = classicWorkspaces(project, builder);
  const rootRef = builder.addRoot({
    name: manifestString(project.rootManifest?.manifest, 'name') ?? fallbackRootName(project.directory),
    version: manifestString(project.rootManifest?.manifest, 'version') ?? '',
    directory: project.directory.replace(/\/$/, ''),
    sourceFile: project.rootManifest?.file.path ?? project.lockfile.path,
    licenses: manifestLicenses(project.rootManifest),
  });
  const workspaceRefs = new Map<string, string>();
  const roots: Array<[string, ReadManifest | undefined]> = [[rootRef, project.rootManifest]];
  for (const workspace of workspaces) {
    const name = manifestString(workspace.manifest, 'name') ?? fallbackRootName(workspace.directory);
    const ref = builder.addRoot({
      name,
      version: manifestString(workspace.manifest, 'version') ?? '',
      directory: workspace.directory,
      sourceFile: workspace.file.path,
      licenses: manifestLicenses(workspace),
    });
    workspaceRefs.set(name, ref);
    roots.push([ref, workspace]);
  }

  const resolutions = new YarnResolutions(project.rootManifest?.manifest);
  const resolve = (from: string, name: string, range: string): string | undefined => {
    const override = resolutions.override(splitDescriptor(from)?.name, name, range);
    const ref = refByDescriptor.get(`${name}@${range}`) ?? (override === undefined ? undefined : refByDescriptor.get(`${name}@${override}`)) ?? workspaceRefs.get(name);
    // Yarn 1 writes no entry for a `link:` folder: it is not a package, so its absence is expected.
    if (!ref && !range.startsWith('link:')) builder.warn(`${from}: no lockfile entry for ${name}@${range}`);
    return ref;
  };
  for (const [entry, ref] of entryRefs) {
    for (const [name, range] of Object.entries(entry.dependencies)) {
      const target = resolve(entry.descriptors[0], name, range);
      if (target) builder.addEdge(ref, target, 'prod');
    }
    for (const [name, range] of Object.entries(entry.optionalDependencies)) {
      const target = refByDescriptor.get(`${name}@${range}`);
      // Yarn 1 leaves out an optional dependency it could not install; that is not an error.
      if (target) builder.addEdge(ref, target, 'optional');
    }
  }
  for (const [ref, read] of roots) {
    for (const [section, kind] of ROOT_SECTIONS) {
      for (const [name, range] of sectionEntries(read?.manifest, section)) {
        const target = resolve(read?.file.path ?? ref, name, range);
        if (!target) continue;
        builder.addEdge(ref, target, kind);
        // Yarn 1 always installs the project root's own dependencies at the top of node_modules.
        if (ref === rootRef) builder.setLibraryPropertyOnce(target, INSTALL_PATH_PROPERTY, `${project.directory}node_modules/${name}`);
      }
    }
  }
  return builder.build([...project.sources, ...workspaces.map((w) => w.file.path)]);
}

interface WorkspaceManifest extends ReadManifest {
  /** Relative to the scan root. */
  directory: string;
}

/** The package.json files the root manifest's `workspaces` globs select. */
function classicWorkspaces(project: YarnProject, builder: PackageGraphBuilder): WorkspaceManifest[] {
  const globs = project.rootManifest ? workspaceGlobs(project.rootManifest.manifest) : [];
  if (globs.length === 0) return [];
  const selected = selectWorkspaceDirectories(globs, candidateDirectories(project));
  if (selected.length === 0) builder.warn(`workspaces ${globs.join(', ')} matched no package.json; the workspaces' own dependencies are listed without a root`);
  return selected.map((relative) => {
    const directory = `${project.directory}${relative}`;
    return { ...(workspaceManifest(project, directory) as ReadManifest), directory };
  });
}

/** `integrity` when present, else the SHA-1 that Yarn 1 appends to `resolved` as `#<hex>`. */
function classicHashes(entry: ClassicEntry): HashFact[] {
  const fromIntegrity = hashesFromIntegrity(entry.integrity);
  if (fromIntegrity.length > 0) return fromIntegrity;
  const sha1 = /#([0-9a-f]{40})$/i.exec(entry.resolved ?? '');
  return sha1 ? [{ alg: 'SHA-1', content: sha1[1].toLowerCase() }] : [];
}
