import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import type { OsvRecord } from '../domain/index.js';
import { summariseEntry, type KnownExploitedCatalogue } from '../kev/known-exploited.js';
import { SNAPSHOT_FORMAT, SNAPSHOT_VERSION, type SnapshotHeader } from './snapshot-format.js';

/**
 * Writes records, as they come, to a gzip'd JSON-lines snapshot; the file appears
 * whole or not at all (a temporary file beside it, then a rename). With a Known Exploited
 * Vulnerabilities catalogue, the header carries its entries.
 */
export async function writeSnapshot(
  file: string,
  count: number,
  records: AsyncIterable<OsvRecord>,
  exportedAt = new Date(),
  knownExploited?: KnownExploitedCatalogue,
): Promise<number> {
  const target = path.resolve(file);
  await mkdir(path.dirname(target), { recursive: true });
  const temporary = `${target}.${process.pid}.tmp`;
  let written = 0;
  async function* lines(): AsyncGenerator<string> {
    const header: SnapshotHeader = {
      format: SNAPSHOT_FORMAT,
      version: SNAPSHOT_VERSION,
      exportedAt: exportedAt.toISOString(),
      records: count,
      ...(knownExploited
        ? {
            knownExploited: {
              catalogVersion: knownExploited.catalogVersion,
              dateReleased: knownExploited.dateReleased,
              entries: knownExploited.entries.map(summariseEntry).sort((a, b) => (a.cveID < b.cveID ? -1 : a.cveID > b.cveID ? 1 : 0)),
            },
          }
        : {}),
    };
    yield `${JSON.stringify(header)}\n`;
    for await (const record of records) {
      written++;
      yield `${JSON.stringify(record)}\n`;
    }
  }
  try {
    await pipeline(lines(), createGzip(), createWriteStream(temporary));
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  return written;
}
