/**
 * The OSV API sync against a local stand-in for api.osv.dev (this machine cannot reach the real
 * one) serving the real OSV records of the fixtures: batches of at most 1,000 queries, every page
 * of a paginated answer, records fetched only when new or newer than the stored ones, answers
 * reused from the cache, and a clear `unavailable` error when the API cannot be reached.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { OsvApiCache, OsvApiClient, parseOsvJson, syncFromOsvApi, type OsvSourceItem, type SyncPackage } from '../../src/advisories/index.js';
import { ChainwardError } from '../../src/common/errors.js';
import { closedPort, startOsvApiStandIn, type OsvApiStandIn } from '../support/osv-api-stand-in.js';
import { FIXTURES } from '../support/cli.js';

const DIRECTORIES = [path.join(FIXTURES, 'advisories', 'osv'), path.join(FIXTURES, 'advisories', 'kev', 'osv')];

const PACKAGES: SyncPackage[] = [
  { ecosystem: 'npm', name: 'lodash', version: '4.17.20' },
  { ecosystem: 'npm', name: 'lodash', version: '4.17.20' },
  { ecosystem: 'npm', name: 'systeminformation', version: '5.3.0' },
  { ecosystem: 'npm', name: 'systeminformation', version: '5.3.1' },
  // Go versions carry a `v` in purls; OSV answers for them without it.
  { ecosystem: 'Go', name: 'golang.org/x/net', version: 'v0.15.0' },
  { ecosystem: 'PyPI', name: 'requests', version: '2.30.0' },
];

describe('advisories sync --source osv-api', () => {
  let api: OsvApiStandIn | undefined;
  let work: string;

  beforeEach(async () => {
    work = await mkdtemp(path.join(tmpdir(), 'chainward-osv-api-'));
  });

  afterEach(async () => {
    await api?.close();
    api = undefined;
    await rm(work, { recursive: true, force: true });
  });

  async function run(packages: readonly SyncPackage[], stored = new Map<string, Date>(), ttl = 3600): Promise<{ counts: Awaited<ReturnType<typeof syncFromOsvApi>>; imported: string[] }> {
    const imported: string[] = [];
    const counts = await syncFromOsvApi({
      packages,
      client: new OsvApiClient({ baseUrl: (api as OsvApiStandIn).url }),
      cache: new OsvApiCache(path.join(work, 'cache'), ttl),
      storedModified: async (ids) => new Map([...stored].filter(([id]) => ids.includes(id))),
      importItems: async (items: AsyncIterable<OsvSourceItem>) => {
        for await (const item of items) {
          if (!('text' in item)) throw new Error(item.error);
          const parsed = parseOsvJson(item.text, item.file);
          if (!parsed.ok) throw new Error(parsed.error.message);
          imported.push(parsed.record.id);
        }
      },
    });
    return { counts, imported };
  }

  it('asks about each package version once and fetches the records that affect them', async () => {
    api = await startOsvApiStandIn({ directories: DIRECTORIES });
    const { counts, imported } = await run(PACKAGES);
    expect(imported).toEqual(['GHSA-2m8v-572m-ff2v', 'GHSA-35jh-r3h4-6jhm', 'GHSA-4374-p667-p6c8', 'GHSA-j8r2-6x86-q33q', 'GHSA-qppj-fm5r-hxr3', 'GO-2023-2102', 'PYSEC-2023-74']);
    expect(counts).toEqual({
      packages: 5,
      packagesFromCache: 0,
      requests: { querybatch: 1, vulns: 7 },
      vulnerabilities: 7,
      current: 0,
      recordsFromCache: 0,
      gone: [],
    });
    expect(api.requests[0]).toEqual({ method: 'POST', path: '/v1/querybatch', queries: 5 });
  });

  it('reuses cached answers and records: a second sync within the time-to-live asks nothing', async () => {
    api = await startOsvApiStandIn({ directories: DIRECTORIES });
    await run(PACKAGES);
    const before = api.requests.length;
    const { counts, imported } = await run(PACKAGES);
    expect(api.requests.length).toBe(before);
    expect(counts).toMatchObject({ packagesFromCache: 5, requests: { querybatch: 0, vulns: 0 }, recordsFromCache: 7 });
    expect(imported).toHaveLength(7);
    // With no time-to-live the queries are asked again, but unchanged records still come from the cache.
    const fresh = await run(PACKAGES, new Map(), 0);
    expect(fresh.counts).toMatchObject({ packagesFromCache: 0, requests: { querybatch: 1, vulns: 0 }, recordsFromCache: 7 });
  });

  it('fetches only records newer than the stored ones', async () => {
    api = await startOsvApiStandIn({ directories: DIRECTORIES });
    const stored = new Map([
      ['GHSA-35jh-r3h4-6jhm', new Date('2099-01-01T00:00:00Z')],
      ['GHSA-2m8v-572m-ff2v', new Date('2020-01-01T00:00:00Z')],
    ]);
    const { counts, imported } = await run(PACKAGES.slice(0, 4), stored);
    expect(imported).toEqual(['GHSA-2m8v-572m-ff2v']);
    expect(counts).toMatchObject({ vulnerabilities: 2, current: 1, requests: { vulns: 1 } });
  });

  it('sends at most 1,000 queries a request and follows every page token', async () => {
    api = await startOsvApiStandIn({ directories: DIRECTORIES, pageSize: 1 });
    // 1,201 queries: 1,000 then 201 plus the second page of golang.org/x/net (three advisories, one per page), then its third page.
    const many = Array.from({ length: 1200 }, (_, i) => ({ ecosystem: 'npm', name: 'lodash', version: `5.0.${i}` }));
    const { counts, imported } = await run([...many, { ecosystem: 'Go', name: 'golang.org/x/net', version: 'v0.15.0' }]);
    expect(api.requests.filter((request) => request.path === '/v1/querybatch').map((request) => request.queries)).toEqual([1000, 202, 1]);
    expect(counts.requests.querybatch).toBe(3);
    expect(imported).toEqual(['GHSA-4374-p667-p6c8', 'GHSA-qppj-fm5r-hxr3', 'GO-2023-2102']);
  });

  it('is unavailable, with the reason, when the API cannot be reached', async () => {
    const port = await closedPort();
    const client = new OsvApiClient({ baseUrl: `http://127.0.0.1:${port}` });
    const error = await client.queryBatch([{ package: { ecosystem: 'npm', name: 'lodash' }, version: '4.17.20' }]).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ChainwardError);
    expect((error as ChainwardError).category).toBe('unavailable');
    expect((error as ChainwardError).message).toBe(
      `cannot reach the OSV API at http://127.0.0.1:${port} (connect ECONNREFUSED 127.0.0.1:${port}); without a network, import an OSV export instead: chainward advisories import <all.zip>`,
    );
  });
});
