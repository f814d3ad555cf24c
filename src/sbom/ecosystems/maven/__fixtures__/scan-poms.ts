import path from 'node:path';
import { mergeGraphs, type ComponentNode, type DependencyGraph } from '../../../model/graph.js';
import { maven } from '../index.js';

/**
 * Runs the Maven ecosystem over in-memory files as the scanner does: every
 * pom.xml is offered with its plan, and the graphs are joined. Test support only.
 */
export async function scanPoms(files: Record<string, string>): Promise<DependencyGraph> {
  const paths = Object.keys(files).sort();
  const graphs: DependencyGraph[] = [];
  for (const file of paths.filter((candidate) => maven.lockfileNames.includes(path.posix.basename(candidate)))) {
    const plan = maven.plan(file, paths);
    const text = (name: string): string => files[name] as string;
    graphs.push(await maven.parse({ lockfile: { path: file, text: text(file) }, manifests: plan.manifests.map((name) => ({ path: name, text: text(name) })) }));
  }
  return mergeGraphs(graphs);
}

/** A minimal POM: coordinates, then whatever XML the test needs inside `<project>`. */
export function pom(coordinates: string, body = ''): string {
  const [groupId, artifactId, version] = coordinates.split(':');
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<project xmlns="http://maven.apache.org/POM/4.0.0">',
    '  <modelVersion>4.0.0</modelVersion>',
    groupId ? `  <groupId>${groupId}</groupId>` : '',
    `  <artifactId>${artifactId}</artifactId>`,
    version ? `  <version>${version}</version>` : '',
    body,
    '</project>',
    '',
  ].join('\n');
}

export function dependency(coordinates: string, extra = ''): string {
  const [groupId, artifactId, version] = coordinates.split(':');
  return `<dependency><groupId>${groupId}</groupId><artifactId>${artifactId}</artifactId>${version ? `<version>${version}</version>` : ''}${extra}</dependency>`;
}

export function component(graph: DependencyGraph, ref: string): ComponentNode {
  const node = graph.components.get(ref);
  if (!node) throw new Error(`no component ${ref}; have ${[...graph.components.keys()].join(', ')}`);
  return node;
}

export function targets(graph: DependencyGraph, ref: string): string[] {
  return [...(graph.edges.get(ref) ?? [])].sort();
}

export function libraries(graph: DependencyGraph): ComponentNode[] {
  return [...graph.components.values()].filter((node) => node.type === 'library');
}
