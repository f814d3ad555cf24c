/**
 * The gate's side of a Chainward server: the active policy set and the advisory snapshot
 * (`--server`), and the upload of the result (`--report-to`). Plain `fetch`, with timeouts; an answer
 * that is not what the contract says is reported with the server's own problem detail.
 */
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { ChainwardError } from '../../common/errors.js';
import type { ActivePolicySet, GateReport } from '../../gate/index.js';
import type { Waiver } from '../../policy/index.js';

const REQUEST_TIMEOUT_MS = 30_000;
const SNAPSHOT_TIMEOUT_MS = 300_000;
const REPORT_TIMEOUT_MS = 20_000;
/** An advisory snapshot of every OSV ecosystem is a few hundred MB at most. */
const MAX_SNAPSHOT_BYTES = 2 * 1024 ** 3;
/** The error code of the server's 404 when no policy set is active for a repository (src/policy/policy.errors.ts). */
const NO_ACTIVE_SET = 'policy.no-active-set';

export interface ServerAccess {
  url: string;
  token?: string;
}

/** `GET /api/v1/policy-sets/active?repository=<name>`: the set that applies to this repository, as published. */
export async function fetchActivePolicySet(server: ServerAccess, repository: string): Promise<ActivePolicySet> {
  const { parseActivePolicySet } = await import('../../gate/index.js');
  const url = endpoint(server.url, `/api/v1/policy-sets/active?repository=${encodeURIComponent(repository)}`);
  const response = await request(url, { headers: headers(server) }, REQUEST_TIMEOUT_MS);
  if (response.status === 404) {
    const problem = await readProblem(response);
    // The server says no set applies to this repository; any other 404 is a server without the endpoint.
    const message =
      problem.code === NO_ACTIVE_SET
        ? `${server.url} has no active policy set for repository "${repository}"; activate one there (chainward policy activate <name@version> --scope <pattern>), or pass --policy <dir>`
        : `${server.url} does not serve active policy sets (${url} answered 404${problem.detail ? `: ${problem.detail}` : ''}); upgrade the server, or pass --policy <dir>`;
    throw new ChainwardError({ code: 'GATE_NO_ACTIVE_POLICY', category: 'not-found', message });
  }
  await expectOk(response, url);
  return parseActivePolicySet(await response.json().catch(() => undefined), url);
}

/**
 * `GET /api/v1/waivers?expired=true`: the waivers stored on the server (`chainward waivers add`), which apply with
 * the active set's own as they do to `scan --policy active`. Revoked ones are left out; expired ones are kept, so
 * the results report them as expired on what they would cover.
 */
export async function fetchStoredWaivers(server: ServerAccess): Promise<Waiver[]> {
  const { waiverSchema } = await import('../../policy/index.js');
  const url = endpoint(server.url, '/api/v1/waivers?expired=true');
  const response = await request(url, { headers: headers(server) }, REQUEST_TIMEOUT_MS);
  await expectOk(response, url);
  const body = (await response.json().catch(() => undefined)) as { items?: unknown } | undefined;
  if (!Array.isArray(body?.items)) throw new ChainwardError({ code: 'GATE_SERVER_WAIVERS_INVALID', category: 'bad-input', message: `${url} did not answer a list of waivers ({ items: [...] })` });
  const waivers: Waiver[] = [];
  for (const [index, item] of (body.items as Array<Record<string, unknown>>).entries()) {
    if (item.state === 'revoked') continue;
    const { id, state: _state, createdBy: _createdBy, revoked: _revoked, ...fields } = item;
    const parsed = waiverSchema.safeParse(fields);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ChainwardError({
        code: 'GATE_SERVER_WAIVERS_INVALID',
        category: 'bad-input',
        message: `${url}: stored waiver ${typeof id === 'string' ? id : `#${index + 1}`} is not a waiver: ${issue ? `${issue.path.join('.') || '(waiver)'}: ${issue.message}` : 'invalid'}`,
      });
    }
    waivers.push({ ...parsed.data, ...(typeof id === 'string' ? { id } : {}) });
  }
  return waivers;
}

/** `GET /api/v1/advisories/snapshot`, streamed to a private temporary file; `cleanup` removes it. */
export async function downloadSnapshot(server: ServerAccess): Promise<{ file: string; cleanup: () => Promise<void> }> {
  const url = endpoint(server.url, '/api/v1/advisories/snapshot');
  const response = await request(url, { headers: headers(server) }, SNAPSHOT_TIMEOUT_MS);
  await expectOk(response, url);
  if (!response.body) throw unavailable(`${url} answered without a body`);
  const directory = await mkdtemp(path.join(tmpdir(), 'chainward-gate-'));
  const file = path.join(directory, 'advisories.osv.jsonl.gz');
  let received = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      received += chunk.length;
      done(received > MAX_SNAPSHOT_BYTES ? new Error(`the snapshot is larger than ${MAX_SNAPSHOT_BYTES} bytes`) : null, chunk);
    },
  });
  try {
    await pipeline(Readable.fromWeb(response.body as WebReadableStream<Uint8Array>), limit, createWriteStream(file, { mode: 0o600 }));
  } catch (error) {
    await rm(directory, { recursive: true, force: true });
    throw unavailable(`could not download ${url}: ${(error as Error).message}`, error);
  }
  return { file, cleanup: () => rm(directory, { recursive: true, force: true }) };
}

/**
 * `POST <url>/api/v1/gate-results`. Never throws: the gate's outcome does not depend on the server,
 * so a failure comes back as a message for a warning.
 */
export async function reportResult(server: ServerAccess, report: GateReport): Promise<{ ok: true; scan?: string } | { ok: false; message: string }> {
  const url = endpoint(server.url, '/api/v1/gate-results');
  try {
    const response = await request(url, { method: 'POST', headers: { ...headers(server), 'content-type': 'application/json' }, body: JSON.stringify(report) }, REPORT_TIMEOUT_MS);
    if (!response.ok) return { ok: false, message: `${url} answered ${response.status}${await problemDetail(response)}` };
    const body = (await response.json().catch(() => ({}))) as { scan?: unknown };
    return { ok: true, ...(typeof body.scan === 'string' ? { scan: body.scan } : {}) };
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
}

function endpoint(base: string, pathAndQuery: string): string {
  let parsed: URL;
  try {
    parsed = new URL(base);
  } catch {
    throw new ChainwardError({ code: 'GATE_SERVER_URL_INVALID', category: 'bad-input', message: `not a URL: ${base}` });
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new ChainwardError({ code: 'GATE_SERVER_URL_INVALID', category: 'bad-input', message: `not an http(s) URL: ${base}` });
  }
  return `${base.replace(/\/+$/, '')}${pathAndQuery}`;
}

function headers(server: ServerAccess): Record<string, string> {
  return { accept: 'application/json, application/problem+json, application/gzip', ...(server.token ? { authorization: `Bearer ${server.token}` } : {}) };
}

async function request(url: string, init: RequestInit, timeoutMs: number): Promise<Response> {
  try {
    return await fetch(url, { ...init, redirect: 'error', signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const reason = (error as Error).name === 'TimeoutError' ? `no answer within ${timeoutMs / 1000} s` : (cause?.code ?? cause?.message ?? (error as Error).message);
    throw unavailable(`cannot reach ${url}: ${reason}`, error);
  }
}

async function expectOk(response: Response, url: string): Promise<void> {
  if (response.ok) return;
  const detail = await problemDetail(response);
  if (response.status === 401 || response.status === 403) {
    throw new ChainwardError({ code: 'GATE_SERVER_REFUSED', category: 'bad-input', message: `${url} refused the request (${response.status})${detail}; check --token` });
  }
  throw unavailable(`${url} answered ${response.status}${detail}`);
}

/** `: <detail>` of a problem+json answer, or nothing. */
async function problemDetail(response: Response): Promise<string> {
  const { detail } = await readProblem(response);
  return detail ? `: ${detail}` : '';
}

/** The detail (or title, or the start of a body that is not problem+json) and the error code of an answer. */
async function readProblem(response: Response): Promise<{ detail?: string; code?: string }> {
  const text = await response.text().catch(() => '');
  try {
    const problem = JSON.parse(text) as { detail?: unknown; title?: unknown; code?: unknown };
    const detail = typeof problem.detail === 'string' ? problem.detail : typeof problem.title === 'string' ? problem.title : undefined;
    return { ...(detail ? { detail } : {}), ...(typeof problem.code === 'string' ? { code: problem.code } : {}) };
  } catch {
    return text ? { detail: text.slice(0, 200) } : {};
  }
}

function unavailable(message: string, cause?: unknown): ChainwardError {
  return new ChainwardError({ code: 'GATE_SERVER_UNAVAILABLE', category: 'unavailable', message, ...(cause ? { cause } : {}) });
}
