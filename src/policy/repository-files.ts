/**
 * A read-only view of a checked-out repository for the evaluator's content
 * rules. Synchronous on purpose: the evaluator reads one file at a time and
 * keeps nothing, so a 10,000-file repository never sits in memory at once.
 */
import { closeSync, openSync, readdirSync, readFileSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { MAX_SCANNED_FILE_BYTES, type RepositoryFiles } from './domain/index.js';

/** Directories that are not the repository's own content (dependencies are described by the SBOM instead). */
const SKIPPED_DIRECTORIES = new Set(['.git', 'node_modules']);
const BINARY_PROBE_BYTES = 8000;

/** `paths` (relative, `/`-separated) when the caller has discovered them already; otherwise the directory is walked. */
export function directoryRepositoryFiles(root: string, paths?: readonly string[]): RepositoryFiles {
  const list = paths ? [...paths] : walk(root);
  return {
    list: () => list,
    size: (path) => statSync(join(root, path)).size,
    read: (path) => {
      const full = join(root, path);
      if (statSync(full).size > MAX_SCANNED_FILE_BYTES || looksBinary(full)) return undefined;
      return readFileSync(full, 'utf8');
    },
  };
}

function walk(root: string): string[] {
  const found: string[] = [];
  const visit = (relative: string): void => {
    for (const entry of readdirSync(join(root, relative), { withFileTypes: true })) {
      const path = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRECTORIES.has(entry.name)) visit(path);
      } else if (entry.isFile()) {
        found.push(path);
      }
    }
  };
  visit('');
  return found.sort();
}

/** A NUL byte in the first few kilobytes: the test git and most editors use. */
function looksBinary(path: string): boolean {
  const buffer = Buffer.alloc(BINARY_PROBE_BYTES);
  const fd = openSync(path, 'r');
  try {
    const read = readSync(fd, buffer, 0, BINARY_PROBE_BYTES, 0);
    return buffer.subarray(0, read).includes(0);
  } finally {
    closeSync(fd);
  }
}
