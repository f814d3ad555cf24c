import path from 'node:path';
import { parseJsonFile } from '../../common/parse-json.js';
import type { DependencyGraph } from '../../model/graph.js';
import type { ProjectFiles } from '../types.js';
import { buildComposerGraph } from './build-composer-graph.js';
import { checkDocument, composerLockSchema, composerManifestSchema } from './composer-schema.js';

/** Reads a composer.lock with the composer.json beside it, when there is one. */
export function parseComposerProject(files: ProjectFiles): DependencyGraph {
  const lock = checkDocument(composerLockSchema, parseJsonFile(files.lockfile, 'composer.lock JSON'), files.lockfile, 'composer.lock');
  const directory = path.posix.dirname(files.lockfile.path);
  const manifestFile = files.manifests.find((file) => path.posix.dirname(file.path) === directory && path.posix.basename(file.path) === 'composer.json');
  const manifest = manifestFile
    ? { path: manifestFile.path, content: checkDocument(composerManifestSchema, parseJsonFile(manifestFile, 'composer.json JSON'), manifestFile, 'composer.json') }
    : undefined;
  return buildComposerGraph({ lockfile: files.lockfile.path, lock, ...(manifest ? { manifest } : {}) });
}
