import { open, realpath } from 'node:fs/promises';
import path from 'node:path';
import { ChainwardError } from '../../common/errors.js';
import type { TextFile } from '../ecosystems/types.js';

/** Default per-file size limit: larger lockfiles are refused rather than read. */
export const DEFAULT_MAX_FILE_BYTES = 100 * 1024 * 1024;

/**
 * Reads a repository file as UTF-8, refusing files over the size limit and
 * any path that resolves outside the repository (through a symbolic link or
 * `..`). Returns undefined when the file does not exist.
 */
export async function readRepositoryFile(root: string, relative: string, maxBytes: number): Promise<TextFile | undefined> {
  const realRoot = await realpath(root);
  let target: string;
  try {
    target = await realpath(path.join(realRoot, relative));
  } catch {
    return undefined;
  }
  if (target !== realRoot && !target.startsWith(realRoot + path.sep)) {
    throw new ChainwardError({
      code: 'SBOM_PATH_OUTSIDE_REPOSITORY',
      category: 'bad-input',
      message: `refusing to read ${relative}: it resolves outside the repository`,
      location: { file: relative },
    });
  }
  const handle = await open(target, 'r');
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) return undefined;
    if (stats.size > maxBytes) {
      throw new ChainwardError({
        code: 'SBOM_FILE_TOO_LARGE',
        category: 'bad-input',
        message: `file is ${formatBytes(stats.size)}, over the ${formatBytes(maxBytes)} limit (raise it with --max-file-size)`,
        location: { file: relative },
      });
    }
    return { path: relative, text: await handle.readFile('utf8') };
  } finally {
    await handle.close();
  }
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${bytes} bytes`;
}
