import path from 'node:path';
import { selectWorkspaceDirectories } from '../../common/workspace-glob.js';
import type { DependencyGraph } from '../../model/graph.js';
import type { ProjectFiles, TextFile } from '../types.js';
import { buildCargoGraph, type CargoProject } from './build-cargo-graph.js';
import { readCargoManifest } from './cargo-manifest.js';
import { parseCargoLock } from './parse-cargo-lock.js';

/** Reads a Cargo.lock with the Cargo.toml beside it and the manifests of its workspace members. */
export function parseCargoProject(files: ProjectFiles): DependencyGraph {
  const lockfile = files.lockfile;
  const lock = parseCargoLock(lockfile);
  const dir = path.posix.dirname(lockfile.path);
  const prefix = dir === '.' ? '' : `${dir}/`;
  const rootPath = `${prefix}Cargo.toml`;
  const project: CargoProject = { lockfile, lock, members: [], sources: [lockfile.path], warnings: [] };

  const rootFile = files.manifests.find((f) => f.path === rootPath);
  if (!rootFile) {
    project.warnings.push({ file: lockfile.path, message: `no ${rootPath} beside the lockfile: every local crate is taken as a project root, and no dependency is known to be dev-only` });
    return buildCargoGraph(project);
  }
  const { manifest: root, defaults } = readCargoManifest(rootFile);
  project.rootManifest = root;
  project.sources.push(rootFile.path);
  if (!root.workspace) return buildCargoGraph(project);

  // Member directories relative to the workspace root, from the Cargo.toml files present below it.
  const others = new Map<string, TextFile>();
  for (const file of files.manifests) {
    if (file.path !== rootPath && file.path.startsWith(prefix) && path.posix.basename(file.path) === 'Cargo.toml') {
      others.set(path.posix.dirname(file.path.slice(prefix.length)), file);
    }
  }
  const excludes = root.workspace.exclude.flatMap((e) => [`!${trimSlash(e)}`, `!${trimSlash(e)}/**`]);
  const missing: string[] = [];
  const selected = new Set<string>();
  for (const member of root.workspace.members) {
    const found = others.size === 0 ? [] : selectWorkspaceDirectories([trimSlash(member), ...excludes], [...others.keys()]);
    if (found.length === 0 && trimSlash(member) !== '.') missing.push(member);
    for (const directory of found) selected.add(directory);
  }
  for (const directory of [...selected].sort()) {
    const file = others.get(directory) as TextFile;
    project.members.push(readCargoManifest(file, defaults).manifest);
    project.sources.push(file.path);
  }
  if (missing.length > 0) {
    project.warnings.push({
      file: rootFile.path,
      message: `workspace members without a Cargo.toml in the scanned tree: ${missing.join(', ')}; their crates are listed from Cargo.lock as local crates, with every dependency taken as a normal one`,
    });
  }
  return buildCargoGraph(project);
}

function trimSlash(pattern: string): string {
  return pattern.replace(/^\.\//, '').replace(/\/+$/, '');
}
