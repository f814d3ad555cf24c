import path from 'node:path';
import type { DependencyGraph } from '../../model/graph.js';
import type { ProjectFiles } from '../types.js';
import { buildGemGraph } from './build-gem-graph.js';
import { parseGemfileLock } from './parse-gemfile-lock.js';
import { readGemfile } from './read-gemfile.js';

/** Reads a Gemfile.lock (or gems.locked) with the Gemfile (or gems.rb) beside it, when there is one. */
export function parseRubyGemsProject(files: ProjectFiles): DependencyGraph {
  const lock = parseGemfileLock(files.lockfile);
  const directory = path.posix.dirname(files.lockfile.path);
  const manifest = files.manifests.find((file) => path.posix.dirname(file.path) === directory);
  return buildGemGraph(lock, {
    lockfile: files.lockfile.path,
    ...(manifest ? { gemfile: { path: manifest.path, content: readGemfile(manifest.text) } } : {}),
  });
}
