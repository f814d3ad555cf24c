import { readNodeProject } from '../../common/node-project.js';
import { parseYamlFile } from '../../common/parse-yaml.js';
import type { DependencyGraph } from '../../model/graph.js';
import type { ProjectFiles, TextFile } from '../types.js';
import { buildPnpmGraph } from './build-pnpm-graph.js';
import { parsePnpmLock } from './parse-pnpm-lock.js';

/** Reads a pnpm-lock.yaml with the project's package.json files and pnpm-workspace.yaml. */
export function parsePnpmProject(files: ProjectFiles): DependencyGraph {
  const lockfile = parsePnpmLock(files.lockfile);
  const project = readNodeProject(files, 'pnpm-workspace.yaml');
  return buildPnpmGraph(lockfile, project, project.config ? workspacePatterns(project.config) : []);
}

/** The `packages` globs of pnpm-workspace.yaml. */
function workspacePatterns(file: TextFile): string[] {
  const { value } = parseYamlFile(file, 'pnpm-workspace.yaml');
  const packages = typeof value === 'object' && value !== null ? (value as Record<string, unknown>).packages : undefined;
  return Array.isArray(packages) ? packages.filter((p): p is string => typeof p === 'string') : [];
}

