import { addEdge, emptyGraph, type ComponentNode, type DependencyGraph } from '../model/graph.js';
import { classifyByReachability, type TypedEdge } from './classify.js';

export interface GraphParts {
  /** The file warnings are reported against (the lockfile, or the manifest read in its place). */
  file: string;
  roots: readonly ComponentNode[];
  libraries: Iterable<ComponentNode>;
  edges: readonly TypedEdge[];
  sources: readonly string[];
  warnings: readonly string[];
  /**
   * `reachability` (default): scope, development and direct come from the typed edges, for
   * lockfiles that do not record them. `given`: the lockfile records scope and development
   * (Composer's `packages-dev`), so only `direct` is computed, from the roots' edges.
   */
  flags?: 'reachability' | 'given';
}

/**
 * Turns the components and typed edges an ecosystem parser collected into a
 * graph: flags set, components sorted by ref (roots first), edges untyped.
 * Used by the ecosystems whose packages are not npm packages.
 */
export function assembleGraph(parts: GraphParts): DependencyGraph {
  const graph = emptyGraph();
  const roots = [...parts.roots].sort((a, b) => compare(a.ref, b.ref));
  const libraries = [...parts.libraries].sort((a, b) => compare(a.ref, b.ref));
  const rootRefs = roots.map((root) => root.ref);
  if (parts.flags === 'given') {
    const rootSet = new Set(rootRefs);
    const direct = new Set(parts.edges.filter((edge) => rootSet.has(edge.from)).map((edge) => edge.to));
    for (const node of libraries) node.direct = direct.has(node.ref);
  } else {
    const classification = classifyByReachability(rootRefs, parts.edges, libraries.map((node) => node.ref));
    for (const node of libraries) Object.assign(node, classification.get(node.ref));
  }
  for (const node of [...roots, ...libraries]) graph.components.set(node.ref, node);
  for (const edge of parts.edges) {
    if (graph.components.has(edge.from) && graph.components.has(edge.to)) addEdge(graph, edge.from, edge.to);
  }
  graph.roots = rootRefs;
  graph.sources = [...new Set(parts.sources)];
  // One warning per distinct message: a gem locked for eight platforms would otherwise say the same thing eight times.
  graph.warnings = [...new Set(parts.warnings)].map((message) => ({ file: parts.file, message }));
  return graph;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
