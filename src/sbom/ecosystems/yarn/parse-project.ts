import type { DependencyGraph } from '../../model/graph.js';
import type { ProjectFiles } from '../types.js';
import { buildBerryGraph } from './build-berry-graph.js';
import { buildClassicGraph } from './build-classic-graph.js';
import { parseYarnLock } from './parse-yarn-lock.js';
import { readYarnProject } from './yarn-project.js';

/** Reads a yarn.lock (Yarn 1 or Berry) with the project's package.json files. */
export function parseYarnProject(files: ProjectFiles): DependencyGraph {
  const lockfile = parseYarnLock(files.lockfile);
  const project = readYarnProject(files);
  return lockfile.kind === 'classic'
    ? buildClassicGraph(lockfile.entries, lockfile.problems, project)
    : buildBerryGraph(lockfile.entries, lockfile.problems, project);
}

