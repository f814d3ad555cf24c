import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { DependencyGraph } from '../model/graph.js';
import { applyRegistryFacts, planRegistryLookups, type RegistryLookup } from './plan.js';
import type { RegistrySpec } from './types.js';

export interface RegistryClientOptions {
  /** `$CHAINWARD_HOME/cache/registry`: one folder per registry. */
  cacheDir: string;
  /** A cached answer younger than this is used without asking the registry. */
  ttlSeconds: number;
  /** Base URLs replacing the public ones, by registry name. */
  baseUrls?: Partial<Record<RegistrySpec['name'], string>>;
  userAgent: string;
  /** Requests in flight at once (default 8). */
  concurrency?: number;
  /** Per request (default 20 s). */
  timeoutMs?: number;
  /** A larger response is abandoned (default 64 MB; npm packuments of long-lived packages reach tens of MB). */
  maxResponseBytes?: number;
  onProgress?: (message: string) => void;
  now?: () => Date;
}

export interface RegistryReport {
  /** Package versions asked about. */
  lookups: number;
  /** Answers read from the cache, and from the network. */
  cached: number;
  fetched: number;
  /** Components that got a licence. */
  licensed: number;
}

/** Follow-up documents (NuGet index pages, Maven parent POMs) read for one package at most. */
const MAX_HOPS = 5;

interface CacheEntry {
  /** The request's path below the registry's base URL (or the whole URL of a document elsewhere). */
  key: string;
  fetchedAt: string;
  status: 'ok' | 'missing';
  reduced?: unknown;
}

/** Per registry: its base URL and what went wrong, so each registry is reported once, not once per package. */
interface RegistryState {
  baseUrl: string;
  unreachable?: string;
  failures: Map<string, number>;
  skipped: number;
}

/**
 * The shell around the pure registry clients: for the components that need
 * it, reads registry metadata (from the cache while fresh, else from the
 * network with bounded concurrency, a timeout and a size limit) and applies
 * the facts. An unreachable registry costs one warning on the graph and
 * leaves its components' licences unknown.
 */
export async function addRegistryFacts(graph: DependencyGraph, options: RegistryClientOptions): Promise<RegistryReport> {
  const lookups = planRegistryLookups(graph);
  const report: RegistryReport = { lookups: lookups.length, cached: 0, fetched: 0, licensed: 0 };
  const states = new Map<string, RegistryState>();
  const inFlight = new Map<string, Promise<CacheEntry | undefined>>();
  const now = options.now ?? (() => new Date());
  const stateOf = (registry: RegistrySpec): RegistryState => {
    let state = states.get(registry.name);
    if (!state) {
      state = { baseUrl: (options.baseUrls?.[registry.name] ?? registry.defaultBaseUrl).replace(/\/+$/, ''), failures: new Map(), skipped: 0 };
      states.set(registry.name, state);
    }
    return state;
  };

  const documentAt = (registry: RegistrySpec, url: string): Promise<CacheEntry | undefined> => {
    let pending = inFlight.get(url);
    if (!pending) {
      pending = readOrFetch(registry, url, stateOf(registry), options, now, report);
      inFlight.set(url, pending);
    }
    return pending;
  };

  const resolve = async (lookup: RegistryLookup): Promise<void> => {
    const state = stateOf(lookup.registry);
    let url = lookup.registry.url(state.baseUrl, lookup.pkg);
    for (let hop = 0; hop < MAX_HOPS; hop++) {
      const entry = await documentAt(lookup.registry, url);
      if (!entry) {
        state.skipped += lookup.refs.filter((ref) => graph.components.get(ref)?.licenses.length === 0).length;
        return;
      }
      if (entry.status === 'missing') return;
      const answer = lookup.registry.answer(entry.reduced, lookup.pkg, state.baseUrl);
      if ('next' in answer) {
        url = answer.next;
        continue;
      }
      if ('facts' in answer) {
        for (const ref of lookup.refs) {
          const node = graph.components.get(ref);
          if (!node) continue;
          const hadLicense = node.licenses.length > 0;
          applyRegistryFacts(node, answer.facts);
          if (!hadLicense && node.licenses.length > 0) report.licensed++;
        }
      }
      return;
    }
  };

  let done = 0;
  const queue = [...lookups];
  const worker = async (): Promise<void> => {
    for (let lookup = queue.shift(); lookup; lookup = queue.shift()) {
      await resolve(lookup);
      done++;
      if (done % 50 === 0 || done === lookups.length) options.onProgress?.(`registry metadata: ${done}/${lookups.length} package versions`);
    }
  };
  if (lookups.length > 0) options.onProgress?.(`registry metadata: ${lookups.length} package versions to look up`);
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 8, Math.max(lookups.length, 1)) }, worker));

  for (const [name, state] of [...states].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (state.unreachable) {
      graph.warnings.push({ file: state.baseUrl, message: `${name} registry unreachable (${state.unreachable}); ${state.skipped} component(s) without a licence keep none` });
    }
    for (const [reason, count] of state.failures) graph.warnings.push({ file: state.baseUrl, message: `${name} registry: ${count} lookup(s) failed (${reason})` });
  }
  return report;
}

async function readOrFetch(
  registry: RegistrySpec,
  url: string,
  state: RegistryState,
  options: RegistryClientOptions,
  now: () => Date,
  report: RegistryReport,
): Promise<CacheEntry | undefined> {
  // Keyed by the path below the base URL: a mirror or a changed base URL serves the same answers.
  const key = url.startsWith(state.baseUrl) ? url.slice(state.baseUrl.length) : url;
  const file = path.join(options.cacheDir, registry.name, `${createHash('sha256').update(key).digest('hex').slice(0, 40)}.json`);
  const cached = await readCache(file, key);
  if (cached && now().getTime() - Date.parse(cached.fetchedAt) < options.ttlSeconds * 1000) {
    report.cached++;
    return cached;
  }
  // Once a registry is known to be unreachable, asking again per package would only repeat the wait; a stale answer is better than none.
  if (state.unreachable) return cached;
  let response: Response;
  try {
    response = await fetch(url, {
      headers: { accept: registry.accept, 'user-agent': options.userAgent },
      signal: AbortSignal.timeout(options.timeoutMs ?? 20_000),
      redirect: 'follow',
    });
  } catch (error) {
    state.unreachable ??= networkReason(error, options.timeoutMs ?? 20_000);
    return cached;
  }
  if (response.status === 404 || response.status === 410) {
    await response.body?.cancel();
    const entry: CacheEntry = { key, fetchedAt: now().toISOString(), status: 'missing' };
    await writeCache(file, entry);
    report.fetched++;
    return entry;
  }
  if (!response.ok) {
    await response.body?.cancel();
    countFailure(state, `HTTP ${response.status}`);
    return cached;
  }
  let reduced: unknown;
  try {
    reduced = registry.reduce(await readLimited(response, options.maxResponseBytes ?? 64 * 1024 * 1024));
  } catch (error) {
    countFailure(state, error instanceof ResponseTooLarge ? error.message : 'unreadable response');
    return cached;
  }
  const entry: CacheEntry = { key, fetchedAt: now().toISOString(), status: 'ok', reduced };
  await writeCache(file, entry);
  report.fetched++;
  return entry;
}

class ResponseTooLarge extends Error {}

/** Reads a body up to a limit: a registry is not trusted to send a reasonable amount. */
async function readLimited(response: Response, maxBytes: number): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (declared > maxBytes) {
    await response.body?.cancel();
    throw new ResponseTooLarge(`response over ${Math.round(maxBytes / 1024 / 1024)} MB`);
  }
  if (!response.body) return '';
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
    total += chunk.byteLength;
    if (total > maxBytes) throw new ResponseTooLarge(`response over ${Math.round(maxBytes / 1024 / 1024)} MB`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function countFailure(state: RegistryState, reason: string): void {
  state.failures.set(reason, (state.failures.get(reason) ?? 0) + 1);
}

function networkReason(error: unknown, timeoutMs: number): string {
  // Duck-typed: fetch's errors may come from another realm (a test runner's VM), where instanceof fails.
  const failure = (error ?? {}) as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (failure.name === 'TimeoutError' || failure.name === 'AbortError') return `no answer within ${timeoutMs / 1000} s`;
  return failure.cause?.code ?? failure.cause?.message ?? failure.message ?? String(error);
}

async function readCache(file: string, key: string): Promise<CacheEntry | undefined> {
  try {
    const entry = JSON.parse(await readFile(file, 'utf8')) as CacheEntry;
    return entry.key === key && typeof entry.fetchedAt === 'string' ? entry : undefined;
  } catch {
    return undefined;
  }
}

/** Written beside, then renamed: two runs sharing a cache never read half a file. */
async function writeCache(file: string, entry: CacheEntry): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    await writeFile(temporary, JSON.stringify(entry));
    await rename(temporary, file);
  } catch {
    // A cache that cannot be written costs a refetch next time, not this run.
    await rm(temporary, { force: true });
  }
}
