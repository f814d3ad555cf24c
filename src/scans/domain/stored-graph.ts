/**
 * Rebuilds a scan's dependency graph from its stored components and edges, so
 * stored scans can be evaluated again (a policy diff). Roots are the
 * `application` components, as the scanner made them.
 */
import type { ComponentNode, DependencyGraph, HashFact, LicenseFact } from '../../sbom/index.js';
import type { ComponentRecord } from './component-record.js';

/** A stored component with what rebuilding a graph needs beyond the summary fields. */
export interface StoredComponent extends ComponentRecord {
  hashes: ReadonlyArray<{ alg: string; content: string }>;
  sourceFile: string;
  properties: Record<string, string>;
}

export interface StoredEdge {
  fromRef: string;
  toRef: string;
}

export function graphFromStored(components: readonly StoredComponent[], edges: readonly StoredEdge[], warnings: DependencyGraph['warnings'] = []): DependencyGraph {
  const graph: DependencyGraph = { roots: [], components: new Map(), edges: new Map(), sources: [], warnings: [...warnings] };
  for (const stored of components) {
    const node: ComponentNode = {
      ref: stored.ref,
      ecosystem: stored.ecosystem,
      purl: stored.purl,
      ...(stored.group !== null ? { group: stored.group } : {}),
      name: stored.name,
      version: stored.version,
      type: stored.type === 'application' ? 'application' : 'library',
      scope: stored.scope === 'optional' || stored.scope === 'excluded' ? stored.scope : 'required',
      development: stored.development,
      direct: stored.direct,
      // Stored as the scanner wrote them (the graph's own JSON), so the shapes are the graph's.
      licenses: stored.licenses as unknown as LicenseFact[],
      hashes: stored.hashes as unknown as HashFact[],
      sourceFile: stored.sourceFile,
      properties: stored.properties,
    };
    graph.components.set(node.ref, node);
  }
  graph.roots = [...graph.components.values()].filter((node) => node.type === 'application').map((node) => node.ref).sort();
  for (const { fromRef, toRef } of edges) {
    const targets = graph.edges.get(fromRef) ?? new Set<string>();
    targets.add(toRef);
    graph.edges.set(fromRef, targets);
  }
  graph.sources = [...new Set(components.map((c) => c.sourceFile))].sort();
  return graph;
}
