/**
 * Where `advisories import` reads from: a directory of OSV JSON files, an OSV
 * ecosystem export zip (`all.zip`), a GitHub Advisory Database checkout
 * (`advisories/**\/*.json`), or one JSON file. Files come one at a time.
 */
import { open, opendir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { ChainwardError } from '../../common/errors.js';
import type { OsvSourceItem } from './osv-source-item.js';
import { readZipEntries } from './zip-entries.js';

/** Where records come from; `osv-api` is `advisories sync --source osv-api`. */
export type OsvSourceKind = 'zip' | 'ghsa-checkout' | 'directory' | 'file' | 'osv-api';

export interface OsvSource {
  kind: OsvSourceKind;
  items: AsyncIterable<OsvSourceItem>;
}

/** Larger than any real advisory (the biggest GHSA records are a few hundred KB). */
export const DEFAULT_MAX_RECORD_BYTES = 8 * 1024 * 1024;

export async function openOsvSource(location: string, maxRecordBytes = DEFAULT_MAX_RECORD_BYTES): Promise<OsvSource> {
  const info = await stat(location).catch((error: unknown) => {
    throw new ChainwardError({ code: 'ADVISORY_SOURCE_NOT_FOUND', category: 'bad-input', message: `cannot read ${location}: ${(error as Error).message}`, cause: error });
  });
  if (info.isFile()) {
    if (await isZip(location)) return { kind: 'zip', items: readZipEntries(location, maxRecordBytes) };
    return { kind: 'file', items: readFiles([location], maxRecordBytes) };
  }
  // A GitHub Advisory Database checkout keeps its records under advisories/ (github-reviewed, unreviewed).
  const advisories = path.join(location, 'advisories');
  const checkout = await stat(advisories).then((s) => s.isDirectory(), () => false);
  const root = checkout ? advisories : location;
  return { kind: checkout ? 'ghsa-checkout' : 'directory', items: readFiles(walkJsonFiles(root), maxRecordBytes) };
}

async function isZip(file: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(4), 0, 4, 0);
    return bytesRead === 4 && buffer.readUInt32LE(0) === 0x04034b50;
  } finally {
    await handle.close();
  }
}

/** Every `*.json` below `root`, in sorted order so imports and their reports are deterministic. */
async function* walkJsonFiles(root: string): AsyncGenerator<string> {
  const names: Array<{ name: string; directory: boolean }> = [];
  for await (const entry of await opendir(root)) {
    if (entry.name.startsWith('.')) continue;
    names.push({ name: entry.name, directory: entry.isDirectory() });
  }
  names.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const { name, directory } of names) {
    const full = path.join(root, name);
    if (directory) yield* walkJsonFiles(full);
    else if (name.toLowerCase().endsWith('.json')) yield full;
  }
}

async function* readFiles(files: Iterable<string> | AsyncIterable<string>, maxRecordBytes: number): AsyncGenerator<OsvSourceItem> {
  for await (const file of files) {
    const { size } = await stat(file);
    if (size > maxRecordBytes) {
      yield { file, error: `file is ${size} bytes, over the ${maxRecordBytes}-byte limit` };
      continue;
    }
    yield { file, text: await readFile(file, 'utf8') };
  }
}
