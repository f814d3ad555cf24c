import path from 'node:path';
import { emptyGraph, type DependencyGraph } from '../../model/graph.js';
import type { ProjectFiles, TextFile } from '../types.js';
import { buildDeclaredGraph } from './build-declared-graph.js';
import { buildLockGraph } from './build-lock-graph.js';
import { readMsBuildFile } from './msbuild-file.js';
import type { NuGetProject } from './nuget-project.js';
import { parsePackagesLock } from './parse-packages-lock.js';
import { isProjectFile, projectLockName } from './project-files.js';

/**
 * Reads a packages.lock.json with its project file and the Directory.*.props
 * above it, or a project file alone when no lockfile covers it.
 */
export function parseNuGetProject(files: ProjectFiles): DependencyGraph {
  const base = path.posix.basename(files.lockfile.path);
  const props = readProps(files.manifests);
  if (isProjectFile(base)) {
    // A `packages.<project>.lock.json` beside it is read on its own, with this file as its manifest.
    if (files.manifests.some((file) => path.posix.basename(file.path) === projectLockName(base))) return emptyGraph();
    return buildDeclaredGraph({ primaryFile: files.lockfile.path, projectFile: readMsBuildFile(files.lockfile), ...props });
  }
  const lock = parsePackagesLock(files.lockfile);
  const candidates = files.manifests.filter((file) => isProjectFile(path.posix.basename(file.path)));
  const own = candidates.filter((file) => projectLockName(path.posix.basename(file.path)) === base);
  const chosen = own.length === 1 ? own[0] : candidates.length === 1 && base === 'packages.lock.json' ? candidates[0] : undefined;
  const project: NuGetProject = { primaryFile: files.lockfile.path, ...(chosen ? { projectFile: readMsBuildFile(chosen) } : {}), ...props };
  const graph = buildLockGraph(lock, project);
  if (!chosen && candidates.length > 1) {
    graph.warnings.push({ file: files.lockfile.path, message: `${candidates.length} project files share this directory; none is read for the project's name and PrivateAssets` });
  }
  return graph;
}

function readProps(manifests: readonly TextFile[]): Pick<NuGetProject, 'buildProps' | 'packagesProps'> {
  const find = (name: string): TextFile | undefined => manifests.find((file) => path.posix.basename(file.path) === name);
  const buildProps = find('Directory.Build.props');
  const packagesProps = find('Directory.Packages.props');
  return {
    ...(buildProps ? { buildProps: readMsBuildFile(buildProps) } : {}),
    ...(packagesProps ? { packagesProps: readMsBuildFile(packagesProps) } : {}),
  };
}
