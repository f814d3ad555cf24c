/**
 * The snapshot the CI gate loads: OSV records plus, in its header, the Known Exploited
 * Vulnerabilities catalogue; a snapshot written before the catalogue was carried still loads.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parseOsvJson, type OsvRecord } from '../domain/index.js';
import { matchComponents } from '../findings/match-components.js';
import { parseKevCatalogue } from '../kev/parse-kev.js';
import { loadMatchIndex, readSnapshotHeader } from './read-snapshot.js';
import { writeSnapshot } from './write-snapshot.js';

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../test/fixtures/advisories');

async function record(file: string): Promise<OsvRecord> {
  const parsed = parseOsvJson(await readFile(file, 'utf8'), file);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.record;
}

async function* each<T>(values: T[]): AsyncGenerator<T> {
  yield* values;
}

describe('advisory snapshots with the known-exploited catalogue', () => {
  let work: string;
  let records: OsvRecord[];

  beforeAll(async () => {
    work = await mkdtemp(path.join(tmpdir(), 'chainward-snapshot-'));
    records = [await record(path.join(FIXTURES, 'osv', 'GHSA-qppj-fm5r-hxr3.json')), await record(path.join(FIXTURES, 'kev', 'osv', 'GHSA-2m8v-572m-ff2v.json'))];
  });

  afterAll(async () => {
    await rm(work, { recursive: true, force: true });
  });

  it('carries the catalogue in the header; matching marks the findings it lists, with publication dates', async () => {
    const catalogue = parseKevCatalogue(await readFile(path.join(FIXTURES, 'kev', 'known_exploited_vulnerabilities.json'), 'utf8'), 'kev.json');
    const file = path.join(work, 'with-kev.osv.jsonl.gz');
    expect(await writeSnapshot(file, records.length, each(records), new Date('2026-01-01T00:00:00Z'), catalogue)).toBe(2);
    const header = await readSnapshotHeader(file);
    expect(header.knownExploited?.catalogVersion).toBe('2025.09.30');
    expect(header.knownExploited?.entries.map((entry) => entry.cveID)).toEqual(['CVE-2021-21315', 'CVE-2023-44487', 'CVE-2025-32463', 'CVE-2025-59689']);

    const { index, knownExploited } = await loadMatchIndex(file);
    const findings = matchComponents(
      index,
      [
        { ref: 'pkg:golang/golang.org/x/net@v0.15.0', purl: 'pkg:golang/golang.org/x/net@v0.15.0' },
        { ref: 'pkg:npm/systeminformation@5.3.0', purl: 'pkg:npm/systeminformation@5.3.0' },
        { ref: 'pkg:npm/systeminformation@5.3.1', purl: 'pkg:npm/systeminformation@5.3.1' },
      ],
      { knownExploited },
    );
    expect(findings.map((finding) => [finding.componentRef, finding.advisoryId, finding.published, finding.knownExploited?.cveID, finding.knownExploited?.dateAdded])).toEqual([
      ['pkg:golang/golang.org/x/net@v0.15.0', 'GHSA-qppj-fm5r-hxr3', '2023-10-10T21:28:24Z', 'CVE-2023-44487', '2023-10-10'],
      ['pkg:npm/systeminformation@5.3.0', 'GHSA-2m8v-572m-ff2v', '2021-02-16T16:51:04Z', 'CVE-2021-21315', '2022-01-18'],
    ]);
  });

  it('loads a snapshot written before the catalogue was carried, with no finding marked', async () => {
    // The header as `advisories export` wrote it before: no knownExploited field.
    const lines = [JSON.stringify({ format: 'chainward-osv-snapshot', version: 1, exportedAt: '2025-06-01T00:00:00.000Z', records: 1 }), JSON.stringify(records[1])];
    const file = path.join(work, 'older.osv.jsonl.gz');
    await writeFile(file, gzipSync(`${lines.join('\n')}\n`));
    const { index, knownExploited, catalogue } = await loadMatchIndex(file);
    expect(catalogue).toBeUndefined();
    const [finding, ...others] = matchComponents(index, [{ ref: 'si', purl: 'pkg:npm/systeminformation@5.0.0' }], { knownExploited });
    expect(others).toEqual([]);
    expect(finding?.advisoryId).toBe('GHSA-2m8v-572m-ff2v');
    expect(finding?.knownExploited).toBeUndefined();
  });

  it('refuses a header whose catalogue is malformed, naming line 1', async () => {
    const header = { format: 'chainward-osv-snapshot', version: 1, exportedAt: '2025-06-01T00:00:00.000Z', records: 0, knownExploited: { catalogVersion: 'x', entries: [{}] } };
    const file = path.join(work, 'bad.osv.jsonl.gz');
    await writeFile(file, gzipSync(`${JSON.stringify(header)}\n`));
    await expect(loadMatchIndex(file)).rejects.toThrow(/knownExploited is not a catalogue/);
  });
});
