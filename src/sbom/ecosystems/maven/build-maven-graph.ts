import path from 'node:path';
import { PackageURL } from 'packageurl-js';
import { licenseFact } from '../../licenses/normalize.js';
import { addEdge, emptyGraph, projectRoot, type ComponentNode, type DependencyGraph, type LicenseFact } from '../../model/graph.js';
import type { PomWorkspace } from './pom-workspace.js';
import { DependencyResolver, type ResolvedDependency } from './resolve-dependencies.js';

export const ECOSYSTEM = 'maven';

/** Maven scopes on the run-time class path of the artifact. */
const RUNTIME_SCOPES = new Set(['compile', 'runtime']);

interface Library {
  node: ComponentNode;
  uses: ResolvedDependency[];
}

/**
 * Turns a reactor (the top POM and its modules) into a graph: one
 * `application` root per POM, one `library` per declared artifact (purl with
 * `type`/`classifier` qualifiers when not a plain jar), an edge from each
 * project to what it declares, own and inherited. A dependency on another
 * module of the reactor is an edge between the two roots.
 */
export function buildMavenGraph(workspace: PomWorkspace, reactor: readonly string[]): DependencyGraph {
  const graph = emptyGraph();
  const resolver = new DependencyResolver(workspace);
  const moduleRefs = new Map<string, string>();
  const rootOf = new Map<string, string>();
  for (const file of reactor) {
    const root = rootNode(workspace, file);
    if (graph.components.has(root.ref)) {
      workspace.warn(file, `has the same coordinates as another module (${root.purl}); left out`);
      continue;
    }
    graph.components.set(root.ref, root);
    rootOf.set(file, root.ref);
    if (root.group && root.version) moduleRefs.set(`${root.group}:${root.name}:${root.version}`, root.ref);
  }

  const libraries = new Map<string, Library>();
  for (const [file, rootRef] of rootOf) {
    for (const dependency of resolver.dependencies(file)) {
      const moduleRef = dependency.version ? moduleRefs.get(`${dependency.groupId}:${dependency.artifactId}:${dependency.version}`) : undefined;
      if (moduleRef) {
        addEdge(graph, rootRef, moduleRef);
        continue;
      }
      const purl = libraryPurl(dependency);
      if (!purl) {
        workspace.warn(dependency.declaredIn, `line ${dependency.line ?? '?'}: ${dependency.groupId}:${dependency.artifactId} cannot be written as a package URL; left out`);
        continue;
      }
      let library = libraries.get(purl);
      if (!library) {
        library = { node: libraryNode(purl, dependency), uses: [] };
        libraries.set(purl, library);
      }
      library.uses.push(dependency);
      addEdge(graph, rootRef, purl);
    }
  }
  for (const ref of [...libraries.keys()].sort()) {
    const library = libraries.get(ref) as Library;
    graph.components.set(ref, withUses(library));
  }
  graph.roots = [...rootOf.values()].sort();
  graph.sources = [...new Set([...reactor, ...workspace.used])].sort();
  graph.warnings = workspace.warnings;
  return graph;
}

function rootNode(workspace: PomWorkspace, file: string): ComponentNode {
  const model = workspace.effective(file);
  const name = model.artifactId ?? path.posix.basename(path.posix.dirname(file));
  if (!model.groupId || !model.artifactId) workspace.warn(file, 'the project has no resolvable groupId or artifactId; its root is named after its directory');
  const version = model.version ?? '';
  const purl = projectPurl(model.groupId, name, version);
  const licenses = model.licenses.map((text) => licenseFact(text, 'manifest')).filter((fact): fact is LicenseFact => fact !== undefined);
  return projectRoot({
    ecosystem: ECOSYSTEM,
    purl,
    group: model.groupId,
    name,
    version,
    sourceFile: file,
    licenses,
    properties: model.externalParent ? { 'chainward:maven:parent': model.externalParent } : {},
  });
}

function libraryNode(purl: string, dependency: ResolvedDependency): ComponentNode {
  return {
    ref: purl,
    ecosystem: ECOSYSTEM,
    purl,
    group: dependency.groupId,
    name: dependency.artifactId,
    version: dependency.version,
    type: 'library',
    scope: 'required',
    development: false,
    direct: true,
    licenses: [],
    hashes: [],
    sourceFile: dependency.declaredIn,
    properties: {},
  };
}

/**
 * Flags from every declaration of the artifact across the reactor: required
 * when one puts it on the run-time class path (compile or runtime, not
 * optional); development when every one is test-scoped; otherwise optional
 * (provided, system, `<optional>true</optional>`, test).
 */
function withUses({ node, uses }: Library): ComponentNode {
  const required = uses.some((use) => RUNTIME_SCOPES.has(use.scope) && !use.optional);
  const development = uses.every((use) => use.scope === 'test');
  const constraints = distinct(uses.map((use) => use.constraint));
  const outside = distinct(uses.flatMap((use) => use.managedOutside));
  const properties: Record<string, string> = {
    // No network, no transitive resolution: what a POM declares is all that is known.
    'chainward:declared-only': 'true',
    'chainward:maven:scope': distinct(uses.map((use) => use.scope)).join(','),
  };
  if (constraints.length > 0) properties['chainward:version-constraint'] = constraints.join(' | ');
  if (uses.some((use) => use.unpinned)) properties['chainward:unpinned'] = 'true';
  if (node.version === '' && outside.length > 0) properties['chainward:maven:version-managed-outside'] = outside.join(',');
  return { ...node, scope: required ? 'required' : 'optional', development, properties };
}

/** `pkg:maven/group/artifact@version?classifier=..&type=..`; undefined for coordinates a purl cannot hold. */
function libraryPurl(dependency: ResolvedDependency): string | undefined {
  const qualifiers: Record<string, string> = {};
  if (dependency.classifier) qualifiers.classifier = dependency.classifier;
  if (dependency.type !== 'jar') qualifiers.type = dependency.type;
  try {
    return new PackageURL('maven', dependency.groupId, dependency.artifactId, dependency.version || undefined, qualifiers, undefined).toString();
  } catch {
    return undefined;
  }
}

/** A project's purl: Maven when it has a group, generic (named after the artifact or directory) when not. */
export function projectPurl(groupId: string | undefined, name: string, version: string): string {
  try {
    if (groupId) return new PackageURL('maven', groupId, name, version || undefined, undefined, undefined).toString();
  } catch {
    // Fall through to a generic purl.
  }
  return new PackageURL('generic', undefined, name, version || undefined, undefined, undefined).toString();
}

function distinct(values: ReadonlyArray<string | undefined>): string[] {
  return [...new Set(values.filter((value): value is string => value !== undefined && value !== ''))].sort();
}
