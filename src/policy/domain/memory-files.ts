import type { RepositoryFiles } from './facts.js';

export interface MemoryFile {
  path: string;
  content?: string;
  /** Bytes; defaults to the content's UTF-8 length. */
  size?: number;
  /** Binary files are listed and sized but not readable. */
  binary?: boolean;
}

/** A repository held in memory: for policy tests, dry runs and unit tests. */
export function memoryRepositoryFiles(files: readonly MemoryFile[]): RepositoryFiles {
  const byPath = new Map(files.map((file) => [file.path, file]));
  return {
    list: () => [...byPath.keys()],
    size: (path) => {
      const file = byPath.get(path);
      return file ? (file.size ?? Buffer.byteLength(file.content ?? '', 'utf8')) : 0;
    },
    read: (path) => {
      const file = byPath.get(path);
      return file && !file.binary ? (file.content ?? '') : undefined;
    },
  };
}
