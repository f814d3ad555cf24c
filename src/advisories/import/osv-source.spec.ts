import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { buildZip } from '../../../test/support/zip-writer.js';
import { openOsvSource } from './osv-source.js';

describe('openOsvSource', () => {
  let work: string;
  beforeAll(async () => {
    work = await mkdtemp(path.join(tmpdir(), 'chainward-osv-source-'));
  });
  afterAll(async () => {
    await rm(work, { recursive: true, force: true });
  });

  it('reads the JSON entries of a zip in order, skipping folders and other files, and refuses entries over the size cap', async () => {
    const zip = path.join(work, 'all.zip');
    await writeFile(
      zip,
      await buildZip([
        { name: 'GHSA-aaaa.json', content: '{"id":"GHSA-aaaa"}' },
        { name: 'README.txt', content: 'not a record' },
        { name: 'big/GHSA-bbbb.json', content: `{"id":"GHSA-bbbb","details":"${'x'.repeat(200)}"}` },
      ]),
    );
    const source = await openOsvSource(zip, 100);
    expect(source.kind).toBe('zip');
    const items = [];
    for await (const item of source.items) items.push(item);
    expect(items).toEqual([
      { file: `${zip}!GHSA-aaaa.json`, text: '{"id":"GHSA-aaaa"}' },
      { file: `${zip}!big/GHSA-bbbb.json`, error: 'entry is 231 bytes, over the 100-byte limit' },
    ]);
  });

  it('refuses a path that does not exist as bad input', async () => {
    await expect(openOsvSource(path.join(work, 'missing'))).rejects.toMatchObject({ code: 'ADVISORY_SOURCE_NOT_FOUND', category: 'bad-input' });
  });
});
