/**
 * The two calls of the OSV API (https://google.github.io/osv.dev/api/) that a sync needs:
 * `POST /v1/querybatch` (ids and `modified` of the vulnerabilities affecting each package
 * version, paginated per query by `next_page_token`) and `GET /v1/vulns/{id}` (one full OSV
 * record). The network is an outside service: an unreachable or overloaded API is
 * `unavailable` (exit 3), an answer we cannot use is `internal`.
 */
import { z } from 'zod';
import { ChainwardError } from '../../common/errors.js';

/** At most this many queries per querybatch request: the API's own limit. */
export const MAX_BATCH_QUERIES = 1000;
/** Answers larger than this are not the API's: a querybatch of 1,000 answers is a few hundred KB. */
const MAX_ANSWER_BYTES = 32 * 1024 * 1024;
const DEFAULT_TIMEOUT_MS = 60_000;

export interface OsvQuery {
  package: { ecosystem: string; name: string };
  version: string;
  page_token?: string;
}

export interface OsvVulnerabilityRef {
  id: string;
  modified: string;
}

export interface OsvBatchResult {
  vulns: OsvVulnerabilityRef[];
  next_page_token?: string;
}

// A query with no vulnerabilities answers `{}`: `vulns` is optional.
const batchAnswerSchema = z.object({
  results: z.array(
    z.object({
      vulns: z.array(z.object({ id: z.string().min(1), modified: z.string().min(1) })).optional(),
      next_page_token: z.string().min(1).optional(),
    }),
  ),
});

export interface OsvApiClientOptions {
  /** `https://api.osv.dev`, or a mirror speaking the same API. */
  baseUrl: string;
  timeoutMs?: number;
  fetch?: typeof globalThis.fetch;
}

export class OsvApiClient {
  private readonly baseUrl: string;
  private readonly timeoutMs: number;
  private readonly fetch: typeof globalThis.fetch;

  constructor(options: OsvApiClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.fetch = options.fetch ?? globalThis.fetch;
  }

  get url(): string {
    return this.baseUrl;
  }

  /** One querybatch request; the answer's results are in the order of `queries`. */
  async queryBatch(queries: readonly OsvQuery[]): Promise<OsvBatchResult[]> {
    if (queries.length > MAX_BATCH_QUERIES) throw new Error(`at most ${MAX_BATCH_QUERIES} queries per querybatch request, not ${queries.length}`);
    const text = await this.request('/v1/querybatch', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ queries }) });
    const parsed = batchAnswerSchema.safeParse(parseJson(text ?? '', this.baseUrl));
    if (!parsed.success || parsed.data.results.length !== queries.length) {
      throw unexpected(this.baseUrl, `/v1/querybatch answered ${parsed.success ? `${parsed.data.results.length} results for ${queries.length} queries` : 'something that is not a batch of results'}`);
    }
    return parsed.data.results.map((result) => ({ vulns: result.vulns ?? [], ...(result.next_page_token ? { next_page_token: result.next_page_token } : {}) }));
  }

  /** The OSV record's JSON text, or undefined when the API no longer has it (404). */
  async getVulnerability(id: string): Promise<string | undefined> {
    return this.request(`/v1/vulns/${encodeURIComponent(id)}`, { method: 'GET' }, { missingIsUndefined: true });
  }

  private async request(path: string, init: RequestInit, options: { missingIsUndefined?: boolean } = {}): Promise<string | undefined> {
    let response: Response;
    try {
      response = await this.fetch(`${this.baseUrl}${path}`, { ...init, signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (error) {
      throw unreachable(this.baseUrl, error);
    }
    if (response.status === 404 && options.missingIsUndefined) {
      await response.body?.cancel();
      return undefined;
    }
    const declared = Number(response.headers.get('content-length') ?? 0);
    if (declared > MAX_ANSWER_BYTES) {
      await response.body?.cancel();
      throw unexpected(this.baseUrl, `${path} answered ${declared} bytes, over the ${MAX_ANSWER_BYTES}-byte limit`);
    }
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      throw unreachable(this.baseUrl, error);
    }
    if (text.length > MAX_ANSWER_BYTES) throw unexpected(this.baseUrl, `${path} answered over ${MAX_ANSWER_BYTES} bytes`);
    if (response.status === 429 || response.status >= 500) {
      throw new ChainwardError({
        code: 'OSV_API_UNAVAILABLE',
        category: 'unavailable',
        message: `the OSV API at ${this.baseUrl} answered ${response.status} ${response.statusText} to ${path}; try again later`,
      });
    }
    if (!response.ok) throw unexpected(this.baseUrl, `${path} answered ${response.status} ${response.statusText}: ${apiMessage(text)}`);
    return text;
  }
}

function unreachable(baseUrl: string, error: unknown): ChainwardError {
  return new ChainwardError({
    code: 'OSV_API_UNREACHABLE',
    category: 'unavailable',
    message: `cannot reach the OSV API at ${baseUrl} (${describeCause(error)}); without a network, import an OSV export instead: chainward advisories import <all.zip>`,
    cause: error,
  });
}

function unexpected(baseUrl: string, what: string): ChainwardError {
  return new ChainwardError({ code: 'OSV_API_UNEXPECTED', category: 'internal', message: `unexpected answer from the OSV API at ${baseUrl}: ${what}` });
}

/** fetch's own message is "fetch failed"; the reason (ENOTFOUND, ECONNREFUSED, a timeout) is in its cause. */
function describeCause(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if ((error as Error).name === 'TimeoutError') return 'no answer within the time limit';
  if (cause?.code && cause.message) return cause.message.includes(cause.code) ? cause.message : `${cause.code}: ${cause.message}`;
  return cause?.message ?? (error as Error).message ?? String(error);
}

function parseJson(text: string, baseUrl: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw unexpected(baseUrl, 'an answer that is not JSON');
  }
}

/** The API's errors are `{ code, message }` (gRPC status); otherwise the start of the body. */
function apiMessage(text: string): string {
  try {
    const message = (JSON.parse(text) as { message?: unknown }).message;
    if (typeof message === 'string') return message;
  } catch {
    // not JSON: quote the start of the body
  }
  return text.slice(0, 200);
}
