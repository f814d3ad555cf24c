import path from 'node:path';
import type { DependencyGraph } from '../../model/graph.js';
import type { ProjectFiles } from '../types.js';
import { buildGoGraph } from './build-go-graph.js';
import { parseGoMod } from './parse-go-mod.js';
import { parseGoSum } from './parse-go-sum.js';

/** Reads a go.mod with the go.sum beside it (when there is one). */
export function parseGoProject(files: ProjectFiles): DependencyGraph {
  const goSumPath = path.posix.join(path.posix.dirname(files.lockfile.path), 'go.sum');
  const goSum = files.manifests.find((file) => file.path === goSumPath);
  const parsed = parseGoMod(files.lockfile);
  return buildGoGraph(files.lockfile, parsed, goSum, goSum ? parseGoSum(goSum) : undefined);
}
