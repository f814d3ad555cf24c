/**
 * The sync's cache under `$CHAINWARD_HOME/cache/osv-api`: each query's answer (ids and
 * `modified`) for a time-to-live, and each fetched record for as long as its `modified` is
 * the one asked for (a record changes only by getting a newer `modified`). Files are written
 * whole (temporary file, then rename); an unreadable one is a miss, never an error.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { OsvQuery, OsvVulnerabilityRef } from './osv-api-client.js';

interface CachedQuery {
  fetchedAt: string;
  query: { ecosystem: string; name: string; version: string };
  vulns: OsvVulnerabilityRef[];
}

export class OsvApiCache {
  constructor(
    private readonly dir: string,
    /** Seconds a query's answer is reused; 0 turns query caching off. */
    private readonly ttlSeconds: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** The cached answer of a query, when it is younger than the time-to-live. */
  async readQuery(query: Pick<OsvQuery, 'package' | 'version'>): Promise<OsvVulnerabilityRef[] | undefined> {
    if (this.ttlSeconds <= 0) return undefined;
    const cached = await readJson<CachedQuery>(this.queryFile(query));
    if (!cached || !Array.isArray(cached.vulns)) return undefined;
    const age = this.now() - Date.parse(cached.fetchedAt);
    return age >= 0 && age < this.ttlSeconds * 1000 ? cached.vulns : undefined;
  }

  async writeQuery(query: Pick<OsvQuery, 'package' | 'version'>, vulns: OsvVulnerabilityRef[]): Promise<void> {
    const entry: CachedQuery = { fetchedAt: new Date(this.now()).toISOString(), query: { ...query.package, version: query.version }, vulns };
    await writeAtomically(this.queryFile(query), JSON.stringify(entry));
  }

  /** The cached record text, when it is at least as new as `modified`. */
  async readVulnerability(id: string, modified: string): Promise<string | undefined> {
    const file = this.vulnerabilityFile(id);
    const text = await readFile(file, 'utf8').catch(() => undefined);
    if (text === undefined) return undefined;
    try {
      const record = JSON.parse(text) as { id?: unknown; modified?: unknown };
      if (record.id !== id || typeof record.modified !== 'string') return undefined;
      return Date.parse(record.modified) >= Date.parse(modified) ? text : undefined;
    } catch {
      return undefined;
    }
  }

  async writeVulnerability(id: string, text: string): Promise<void> {
    await writeAtomically(this.vulnerabilityFile(id), text);
  }

  private queryFile(query: Pick<OsvQuery, 'package' | 'version'>): string {
    const key = createHash('sha256').update(`${query.package.ecosystem}\u0000${query.package.name}\u0000${query.version}`).digest('hex');
    return path.join(this.dir, 'queries', key.slice(0, 2), `${key}.json`);
  }

  private vulnerabilityFile(id: string): string {
    // Ids are short and mostly [A-Z0-9-]; anything else is hex-encoded so no id can name a path outside the cache.
    const safe = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/.test(id) ? id : `x-${Buffer.from(id).toString('hex').slice(0, 200)}`;
    return path.join(this.dir, 'vulns', `${safe}.json`);
  }
}

async function readJson<T>(file: string): Promise<T | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

async function writeAtomically(file: string, text: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, text);
  await rename(temporary, file);
}
