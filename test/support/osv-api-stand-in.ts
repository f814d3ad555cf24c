/**
 * A stand-in for https://api.osv.dev, for tests: this machine cannot reach the real one. It speaks
 * the API's wire format as documented (https://google.github.io/osv.dev/api/): `POST /v1/querybatch`
 * answers `{ results: [{ vulns: [{ id, modified }], next_page_token? }] }` in query order (`{}` for a
 * query nothing affects), at most 1,000 queries a request, a page token per query when its answer
 * is longer than a page; `GET /v1/vulns/{id}` answers the record, 404 `{ code, message }` otherwise.
 * Records are real OSV files; which ones affect a version is decided by the OSV evaluation rules.
 */
import { readdir, readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { affects, parseOsvJson, type OsvRecord } from '../../src/advisories/domain/index.js';

export interface StandInRequest {
  method: string;
  path: string;
  queries?: number;
}

export interface OsvApiStandIn {
  url: string;
  /** Every request received, in order. */
  requests: StandInRequest[];
  close(): Promise<void>;
}

export async function startOsvApiStandIn(options: { directories: string[]; pageSize?: number }): Promise<OsvApiStandIn> {
  const records = new Map<string, { record: OsvRecord; text: string }>();
  for (const directory of options.directories) {
    for (const name of (await readdir(directory)).filter((file) => file.endsWith('.json')).sort()) {
      const text = await readFile(path.join(directory, name), 'utf8');
      const parsed = parseOsvJson(text, name);
      if (parsed.ok) records.set(parsed.record.id, { record: parsed.record, text });
    }
  }
  const pageSize = options.pageSize ?? 1000;
  const requests: StandInRequest[] = [];

  const server: Server = createServer((request, response) => {
    void handle(request, response).catch((error: unknown) => send(response, 500, { code: 13, message: String(error) }));
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://stand-in');
    if (request.method === 'POST' && url.pathname === '/v1/querybatch') {
      const body = JSON.parse(await readBody(request)) as { queries?: Array<{ package?: { ecosystem?: string; name?: string }; version?: string; page_token?: string }> };
      const queries = body.queries ?? [];
      requests.push({ method: 'POST', path: url.pathname, queries: queries.length });
      if (queries.length > 1000) return send(response, 400, { code: 3, message: 'Too many queries.' });
      const results = queries.map((query) => {
        const { ecosystem = '', name = '' } = query.package ?? {};
        const affecting = [...records.values()]
          .filter(({ record }) => affects(record, { ecosystem, name, version: query.version ?? '' }).affected)
          .map(({ record }) => ({ id: record.id, modified: record.modified }))
          .sort((a, b) => (a.id < b.id ? -1 : 1));
        const offset = query.page_token ? Number(Buffer.from(query.page_token, 'base64').toString('utf8')) : 0;
        const page = affecting.slice(offset, offset + pageSize);
        const next = offset + pageSize < affecting.length ? Buffer.from(String(offset + pageSize)).toString('base64') : undefined;
        return { ...(page.length > 0 ? { vulns: page } : {}), ...(next ? { next_page_token: next } : {}) };
      });
      return send(response, 200, { results });
    }
    const vuln = /^\/v1\/vulns\/([^/]+)$/.exec(url.pathname);
    if (request.method === 'GET' && vuln) {
      requests.push({ method: 'GET', path: url.pathname });
      const found = records.get(decodeURIComponent(vuln[1] as string));
      if (!found) return send(response, 404, { code: 5, message: 'Bug not found.' });
      response.writeHead(200, { 'content-type': 'application/json' }).end(found.text);
      return;
    }
    requests.push({ method: request.method ?? '', path: url.pathname });
    send(response, 404, { code: 5, message: 'Not Found' });
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** A local port nothing listens on (bound, then released): connecting to it is refused. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
