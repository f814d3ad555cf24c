/**
 * The JSON entries of a zip, one at a time: `yauzl` reads the central directory
 * and then one entry's stream at a time, so an OSV `all.zip` of hundreds of
 * megabytes never sits in memory whole.
 */
import { inflateRawSync } from 'node:zlib';
import yauzl from 'yauzl';
import type { OsvSourceItem } from './osv-source-item.js';

export async function* readZipEntries(file: string, maxEntryBytes: number): AsyncGenerator<OsvSourceItem> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(file, { lazyEntries: true, autoClose: false, strictFileNames: false, validateEntrySizes: true }, (error, opened) =>
      error ? reject(error) : resolve(opened),
    ),
  );
  try {
    for (;;) {
      const entry = await nextEntry(zip);
      if (!entry) return;
      if (entry.fileName.endsWith('/') || !entry.fileName.toLowerCase().endsWith('.json')) continue;
      const where = `${file}!${entry.fileName}`;
      // The size in the directory is checked again while reading (validateEntrySizes), so a lying header cannot slip past.
      if (entry.uncompressedSize > maxEntryBytes) {
        yield { file: where, error: `entry is ${entry.uncompressedSize} bytes, over the ${maxEntryBytes}-byte limit` };
        continue;
      }
      yield { file: where, text: await readEntry(zip, entry, maxEntryBytes) };
    }
  } finally {
    zip.close();
  }
}

function nextEntry(zip: yauzl.ZipFile): Promise<yauzl.Entry | undefined> {
  return new Promise((resolve, reject) => {
    const cleanup = (): void => {
      zip.off('entry', onEntry);
      zip.off('end', onEnd);
      zip.off('error', onError);
    };
    const onEntry = (entry: yauzl.Entry): void => (cleanup(), resolve(entry));
    const onEnd = (): void => (cleanup(), resolve(undefined));
    const onError = (error: Error): void => (cleanup(), reject(error));
    zip.on('entry', onEntry);
    zip.on('end', onEnd);
    zip.on('error', onError);
    zip.readEntry();
  });
}

/**
 * An entry's raw bytes, inflated in one call: advisories are small, and a streaming
 * inflater per entry costs more to set up than the inflating itself (a 200,000-entry
 * zip reads several times faster this way). `maxOutputLength` still caps what a
 * lying header could expand to.
 */
async function readEntry(zip: yauzl.ZipFile, entry: yauzl.Entry, maxEntryBytes: number): Promise<string> {
  const stream = await new Promise<NodeJS.ReadableStream>((resolve, reject) =>
    zip.openReadStream(entry, { decompress: false }, (error, opened) => (error ? reject(error) : resolve(opened))),
  );
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  const data = entry.compressionMethod === 8 ? inflateRawSync(raw, { maxOutputLength: maxEntryBytes }) : raw;
  if (data.length !== entry.uncompressedSize) throw new Error(`${entry.fileName}: ${data.length} bytes inflated, the zip directory says ${entry.uncompressedSize}`);
  return data.toString('utf8');
}
