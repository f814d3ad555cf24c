import path from 'node:path';
import { assembleGraph } from '../../common/assemble-graph.js';
import type { TypedEdge } from '../../common/classify.js';
import type { ComponentNode, DependencyGraph, HashFact } from '../../model/graph.js';
import { declaredReferences, nugetLibrary, projectRoot, type NuGetProject } from './nuget-project.js';
import type { LockEntry, PackagesLock } from './parse-packages-lock.js';

interface Collected {
  node: ComponentNode;
  frameworks: Set<string>;
  types: Set<string>;
}

/**
 * Graph of a packages.lock.json: one component per package id+version across
 * all target frameworks (listing them), edges to the version resolved in the
 * same framework, and from the project to its Direct and Project entries;
 * PrivateAssets="all" in the project file makes a direct reference development-only.
 */
export function buildLockGraph(lock: PackagesLock, project: NuGetProject): DependencyGraph {
  const warnings = [...lock.problems];
  const lockfile = project.primaryFile;
  const collected = new Map<string, Collected>();
  /** framework -> lower-case id -> ref, to resolve edges within one framework. */
  const refsByTarget = new Map<string, Map<string, string>>();
  const projectPaths = projectReferencePaths(project);

  for (const [target, entries] of lock.targets) {
    const refs = new Map<string, string>();
    refsByTarget.set(target, refs);
    for (const entry of entries) {
      const key = `${entry.id.toLowerCase()}@${entry.resolved ?? ''}`;
      let item = collected.get(key);
      if (!item) {
        item = { node: componentFor(entry, lockfile, projectPaths, warnings), frameworks: new Set(), types: new Set() };
        collected.set(key, item);
      }
      item.frameworks.add(target);
      item.types.add(entry.type);
      refs.set(entry.id.toLowerCase(), item.node.ref);
    }
  }

  const root = projectRoot(project, new Set([...collected.values()].map((c) => c.node.ref)));
  const developmentIds = new Set(declaredReferences(project, []).filter((r) => r.development).map((r) => r.id.toLowerCase()));
  const referencedProjects = new Set([...projectPaths.keys()]);
  const edges: TypedEdge[] = [];
  for (const [target, entries] of lock.targets) {
    const refs = refsByTarget.get(target) as Map<string, string>;
    const dependedOn = new Set(entries.flatMap((entry) => Object.keys(entry.dependencies).map((id) => id.toLowerCase())));
    for (const entry of entries) {
      const from = refs.get(entry.id.toLowerCase()) as string;
      for (const id of Object.keys(entry.dependencies)) {
        const to = refs.get(id.toLowerCase());
        if (to) edges.push({ from, to, kind: 'prod' });
        else warnings.push(`${target}: ${entry.id} depends on ${id}, which the lockfile does not list for that framework`);
      }
      const lowerId = entry.id.toLowerCase();
      // Project entries list every project of the build; the project file says which it references itself.
      const isDirectProject = entry.type === 'Project' && (project.projectFile ? referencedProjects.has(lowerId) : !dependedOn.has(lowerId));
      if (entry.type === 'Direct' || isDirectProject) edges.push({ from: root.ref, to: from, kind: developmentIds.has(lowerId) ? 'dev' : 'prod' });
    }
  }

  for (const { node, frameworks, types } of collected.values()) {
    node.properties['chainward:nuget:target-frameworks'] = [...frameworks].sort().join(',');
    node.properties['chainward:nuget:dependency-type'] = [...types].sort().join(',');
  }
  return assembleGraph({
    file: lockfile,
    roots: [root],
    libraries: [...collected.values()].map((c) => c.node),
    edges,
    sources: [lockfile, ...[project.projectFile, project.buildProps, project.packagesProps].flatMap((f) => (f ? [f.path] : []))],
    warnings,
  });
}

function componentFor(entry: LockEntry, lockfile: string, projectPaths: ReadonlyMap<string, string>, warnings: string[]): ComponentNode {
  if (entry.type === 'Project') {
    // A project of the same build: not a package, and it has no version until it is packed.
    const projectPath = projectPaths.get(entry.id.toLowerCase());
    const name = projectPath ? path.posix.basename(projectPath).replace(/\.[^.]+$/, '') : entry.id;
    return nugetLibrary(name, '', lockfile, projectPath ? { 'chainward:nuget:project-path': projectPath } : {});
  }
  const properties: Record<string, string> = {};
  if (entry.requested) properties['chainward:nuget:requested'] = entry.requested;
  const node = nugetLibrary(entry.id, entry.resolved as string, lockfile, properties);
  const hash = contentHash(entry.contentHash);
  if (hash) node.hashes.push(hash);
  else if (entry.contentHash) warnings.push(`${entry.id} ${entry.resolved}: contentHash is not a base64 SHA-512 digest; not recorded`);
  return node;
}

/** NuGet's contentHash: the base64 SHA-512 of the .nupkg, here as the lower-case hex CycloneDX wants. */
export function contentHash(base64: string | undefined): HashFact | undefined {
  if (!base64 || !/^[A-Za-z0-9+/]+={0,2}$/.test(base64)) return undefined;
  const bytes = Buffer.from(base64, 'base64');
  return bytes.length === 64 ? { alg: 'SHA-512', content: bytes.toString('hex') } : undefined;
}

/**
 * Lower-case project name -> path (relative to the scan root) of each
 * ProjectReference of the project file. NuGet names a Project entry after the
 * referenced project, so the names join them.
 */
function projectReferencePaths(project: NuGetProject): Map<string, string> {
  const paths = new Map<string, string>();
  const file = project.projectFile;
  if (!file) return paths;
  const directory = path.posix.dirname(file.path);
  for (const reference of file.projectReferences) {
    const relative = path.posix.normalize(path.posix.join(directory, reference.include.replace(/\\/g, '/')));
    paths.set(path.posix.basename(relative).replace(/\.[^.]+$/, '').toLowerCase(), relative);
  }
  return paths;
}
