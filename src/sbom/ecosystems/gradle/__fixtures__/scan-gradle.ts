import path from 'node:path';
import { mergeGraphs, type DependencyGraph } from '../../../model/graph.js';
import { gradle } from '../index.js';

/**
 * Runs the Gradle ecosystem over in-memory files as the scanner does: each
 * file the ecosystem claims is parsed with its plan, and the graphs are joined.
 * Test support only.
 */
export async function scanGradle(files: Record<string, string>): Promise<DependencyGraph> {
  const paths = Object.keys(files).sort();
  const text = (name: string): string => files[name] as string;
  const graphs: DependencyGraph[] = [];
  for (const file of paths) {
    const base = path.posix.basename(file);
    if (!gradle.lockfileNames.includes(base) && gradle.matches?.(base, file) !== true) continue;
    const plan = gradle.plan(file, paths);
    graphs.push(await gradle.parse({ lockfile: { path: file, text: text(file) }, manifests: plan.manifests.map((name) => ({ path: name, text: text(name) })) }));
  }
  return mergeGraphs(graphs);
}
