import { emptyGraph, type DependencyGraph } from '../../model/graph.js';
import type { ProjectFiles } from '../types.js';
import { buildMavenGraph } from './build-maven-graph.js';
import { PomWorkspace } from './pom-workspace.js';
import { collectReactor, placePom } from './reactor.js';

/**
 * Parses one `pom.xml` with the POMs above and below it. A module of a
 * reactor gives an empty graph (its reactor's top POM scans it); the top of
 * a reactor gives the graph of every module.
 */
export function parseMavenProject(files: ProjectFiles): DependencyGraph {
  const workspace = new PomWorkspace([files.lockfile, ...files.manifests]);
  const placement = placePom(workspace, files.lockfile.path);
  if (placement.kind === 'module') return emptyGraph();
  if (placement.kind === 'ignored') {
    const graph = emptyGraph();
    graph.warnings.push({ file: files.lockfile.path, message: placement.reason });
    return graph;
  }
  // Read the top POM first, so that its own syntax errors are the ones reported.
  workspace.pom(files.lockfile.path);
  return buildMavenGraph(workspace, collectReactor(workspace, files.lockfile.path));
}
