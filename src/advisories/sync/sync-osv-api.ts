/**
 * `advisories sync --source osv-api`: asks the OSV API which vulnerabilities affect each
 * package version (querybatch, at most 1,000 queries a request, every page of every query),
 * then fetches the records that are new or newer than the stored ones and hands them to the
 * store's importer, as `advisories import` would. Answers and records are cached.
 */
import { splitEcosystem } from '../domain/index.js';
import type { OsvSourceItem } from '../import/osv-source-item.js';
import { MAX_BATCH_QUERIES, type OsvApiClient, type OsvQuery, type OsvVulnerabilityRef } from './osv-api-client.js';
import type { OsvApiCache } from './osv-api-cache.js';

/** Records fetched at the same time: polite to the API, and enough to hide its latency. */
const FETCH_CONCURRENCY = 8;

export interface SyncPackage {
  /** OSV ecosystem (`npm`, `PyPI`, `Go`, ...). */
  ecosystem: string;
  name: string;
  version: string;
}

export interface OsvApiSyncCounts {
  /** Distinct package versions asked about. */
  packages: number;
  /** Of those, answered from the cache. */
  packagesFromCache: number;
  /** HTTP requests made: querybatch (pages included) and single records. */
  requests: { querybatch: number; vulns: number };
  /** Distinct vulnerabilities affecting the packages. */
  vulnerabilities: number;
  /** Of those, already stored as new as the API has them. */
  current: number;
  /** Records read from the cache instead of the API. */
  recordsFromCache: number;
  /** Ids the API listed but no longer serves (404), left out. */
  gone: string[];
}

export interface OsvApiSyncInput {
  packages: readonly SyncPackage[];
  client: OsvApiClient;
  cache: OsvApiCache;
  /** id -> `modified` of the stored record, for the ids given that are stored. */
  storedModified(ids: string[]): Promise<Map<string, Date>>;
  /** Stores the records, as `advisories import` does. */
  importItems(items: AsyncIterable<OsvSourceItem>): Promise<void>;
  onProgress?: (message: string) => void;
}

export async function syncFromOsvApi(input: OsvApiSyncInput): Promise<OsvApiSyncCounts> {
  const counts: OsvApiSyncCounts = { packages: 0, packagesFromCache: 0, requests: { querybatch: 0, vulns: 0 }, vulnerabilities: 0, current: 0, recordsFromCache: 0, gone: [] };
  const queries = distinctQueries(input.packages);
  counts.packages = queries.length;

  const latest = new Map<string, string>();
  const note = (vulns: readonly OsvVulnerabilityRef[]): void => {
    for (const { id, modified } of vulns) {
      const known = latest.get(id);
      if (known === undefined || Date.parse(modified) > Date.parse(known)) latest.set(id, modified);
    }
  };

  const pending: Array<{ query: OsvQuery; found: OsvVulnerabilityRef[] }> = [];
  for (const query of queries) {
    const cached = await input.cache.readQuery(query);
    if (cached) {
      counts.packagesFromCache++;
      note(cached);
    } else {
      pending.push({ query, found: [] });
    }
  }

  // Each round sends up to 1,000 queries; a query with more pages goes round again with its token.
  let answered = 0;
  while (pending.length > 0) {
    const round = pending.splice(0, MAX_BATCH_QUERIES);
    const results = await input.client.queryBatch(round.map(({ query }) => query));
    counts.requests.querybatch++;
    for (const [index, result] of results.entries()) {
      const entry = round[index] as (typeof round)[number];
      entry.found.push(...result.vulns);
      if (result.next_page_token) {
        pending.push({ query: { ...entry.query, page_token: result.next_page_token }, found: entry.found });
        continue;
      }
      const { page_token: _token, ...query } = entry.query;
      await input.cache.writeQuery(query, entry.found);
      note(entry.found);
      answered++;
    }
    input.onProgress?.(`asked the OSV API about ${answered + counts.packagesFromCache} of ${counts.packages} package versions`);
  }

  counts.vulnerabilities = latest.size;
  const stored = await input.storedModified([...latest.keys()]);
  const wanted = [...latest.entries()]
    .filter(([id, modified]) => {
      const have = stored.get(id);
      return have === undefined || Date.parse(modified) > have.getTime();
    })
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  counts.current = latest.size - wanted.length;

  const fetched = await mapConcurrently(wanted, FETCH_CONCURRENCY, async ([id, modified]) => {
    const cached = await input.cache.readVulnerability(id, modified);
    if (cached !== undefined) {
      counts.recordsFromCache++;
      return { id, text: cached };
    }
    counts.requests.vulns++;
    const text = await input.client.getVulnerability(id);
    if (text === undefined) {
      counts.gone.push(id);
      return undefined;
    }
    await input.cache.writeVulnerability(id, text);
    return { id, text };
  });
  counts.gone.sort();

  const baseUrl = input.client.url;
  async function* items(): AsyncGenerator<OsvSourceItem> {
    for (const record of fetched) if (record) yield { file: `${baseUrl}/v1/vulns/${record.id}`, text: record.text };
  }
  await input.importItems(items());
  return counts;
}

/** One query per distinct package version, in a stable order. */
function distinctQueries(packages: readonly SyncPackage[]): OsvQuery[] {
  const byKey = new Map<string, OsvQuery>();
  for (const pkg of packages) {
    const version = queryVersion(pkg);
    byKey.set(`${pkg.ecosystem}\u0000${pkg.name}\u0000${version}`, { package: { ecosystem: pkg.ecosystem, name: pkg.name }, version });
  }
  return [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, query]) => query);
}

/** Go module versions are written `v1.2.3` in go.mod and purls; OSV's Go data and API use `1.2.3`. */
function queryVersion(pkg: SyncPackage): string {
  return splitEcosystem(pkg.ecosystem).base === 'Go' && /^v\d/.test(pkg.version) ? pkg.version.slice(1) : pkg.version;
}

async function mapConcurrently<T, R>(values: readonly T[], limit: number, work: (value: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(values.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < values.length) {
      const index = next++;
      results[index] = await work(values[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, values.length) }, worker));
  return results;
}
