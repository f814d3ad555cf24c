/**
 * A pyproject.toml with no lockfile beside it: its declared dependencies
 * become declared-only components (no version unless pinned with `==`),
 * linked from the project root. Nothing transitive is known without a lockfile.
 */
import path from 'node:path';
import { classifyByReachability, type TypedEdge } from '../../common/classify.js';
import { addEdge, emptyGraph, projectRoot as projectRootNode, type ComponentNode, type DependencyGraph } from '../../model/graph.js';
import type { ProjectFiles, TextFile } from '../types.js';
import { declaredComponent } from './declared-component.js';
import { DEVELOPMENT_PROPERTY } from './locked-graph.js';
import { pypiPurl } from './names.js';
import { exactPin } from './pep508.js';
import { projectRoot } from './project-root.js';
import { readPyproject } from './pyproject.js';

export function parsePyprojectProject(files: ProjectFiles): DependencyGraph {
  const manifest = files.lockfile;
  const graph = emptyGraph();
  graph.sources = [manifest.path];
  const workspaceLock = files.manifests.find((m) => m.path.endsWith('uv.lock'));
  const pyproject = readPyproject(manifest);
  // A uv workspace member is resolved by the workspace's uv.lock, which is scanned on its own.
  if (!pyproject.isProject || (workspaceLock && isWorkspaceMember(workspaceLock, manifest.path))) return graph;

  const root = projectRoot(manifest.path, manifest, pyproject);
  const rootRef = pypiPurl(root.name, root.version);
  graph.components.set(rootRef, projectRootNode({ ecosystem: 'pypi', purl: rootRef, name: root.name, version: root.version, sourceFile: manifest.path, licenses: root.licenses }));
  graph.roots = [rootRef];

  const edges: TypedEdge[] = [];
  const libraries = new Map<string, ComponentNode>();
  for (const dependency of pyproject.dependencies) {
    const pinned = dependency.reference ? undefined : exactPin(dependency.specifier);
    const component = declaredComponent({
      name: dependency.name,
      version: pinned ?? '',
      specifier: dependency.specifier === '*' ? '' : dependency.specifier,
      extras: dependency.extras,
      ...(dependency.marker === undefined ? {} : { marker: dependency.marker }),
      ...(dependency.reference ? { reference: dependency.reference } : {}),
      sourceFile: manifest.path,
    });
    if (!libraries.has(component.ref)) libraries.set(component.ref, component);
    edges.push({ from: rootRef, to: component.ref, kind: dependency.kind });
  }
  const classification = classifyByReachability(graph.roots, edges, libraries.keys());
  for (const [ref, component] of [...libraries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    Object.assign(component, classification.get(ref));
    if (component.development) component.properties[DEVELOPMENT_PROPERTY] = 'true';
    graph.components.set(ref, component);
  }
  for (const edge of edges) addEdge(graph, edge.from, edge.to);
  return graph;
}

/** Whether the workspace's uv.lock lists the directory of this pyproject.toml as one of its members' sources. */
function isWorkspaceMember(lockfile: TextFile, pyprojectPath: string): boolean {
  const relative = path.posix.relative(path.posix.dirname(lockfile.path), path.posix.dirname(pyprojectPath)) || '.';
  const quoted = JSON.stringify(relative);
  return lockfile.text.includes(`editable = ${quoted}`) || lockfile.text.includes(`virtual = ${quoted}`);
}
