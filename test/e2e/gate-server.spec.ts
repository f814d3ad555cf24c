/**
 * The gate and a Chainward server: `--report-to` against a real `chainward serve` (the SBOM stored as a
 * scan, a `gate.reported` ledger entry), `--server` taking the advisory snapshot from it, the write
 * endpoint's token check, and the policy-set client against a stand-in for
 * `GET /api/v1/policy-sets/active` (that endpoint is built elsewhere; this stand-in answers its contract).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { createServer } from '../../src/app/create-server.js';
import { baseConfig, testBackends } from '../support/databases.js';
import { copyToTemp, FIXTURES, PROJECT_ROOT, runCli } from '../support/cli.js';

const WEBAPP = path.join(PROJECT_ROOT, 'examples', 'npm-webapp');
const OSV = path.join(FIXTURES, 'advisories', 'osv');
const TOKEN = 'gate-test-token-0123456789';

const cleanups: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

async function startServe(home: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [path.join(PROJECT_ROOT, 'bin', 'chainward'), 'serve', '--port', '0', '--checkpoint-every', '0'], {
    env: { ...process.env, CHAINWARD_HOME: home, DATABASE_URL: undefined, CHAINWARD_CONFIG: undefined, CHAINWARD_API_TOKEN: TOKEN },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const match = /listening on (\S+)/.exec(stderr);
      if (match?.[1]) resolve(match[1].replace('[::1]', '127.0.0.1'));
    });
    child.on('exit', (code) => reject(new Error(`serve exited with ${code}: ${stderr}`)));
  });
  cleanups.push(async () => {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.on('close', resolve));
  });
  return { url, child };
}

describe('chainward gate with a Chainward server', () => {
  let home: string;
  let server: string;

  beforeAll(async () => {
    home = await mkdtemp(path.join(tmpdir(), 'chainward-gate-server-'));
    cleanups.push(() => rm(home, { recursive: true, force: true }));
    expect((await runCli(['advisories', 'import', OSV], { env: { CHAINWARD_HOME: home } })).code).toBe(0);
    server = (await startServe(home)).url;
  });

  it('--server takes the advisory snapshot from the server (GET /api/v1/advisories/snapshot)', async () => {
    const snapshot = await fetch(`${server}/api/v1/advisories/snapshot`);
    expect(snapshot.status).toBe(200);
    expect(snapshot.headers.get('content-type')).toBe('application/gzip');
    expect(snapshot.headers.get('x-chainward-advisories')).toBe('44');
    const bytes = Buffer.from(await snapshot.arrayBuffer());
    expect([bytes[0], bytes[1]]).toEqual([0x1f, 0x8b]);

    const dir = await copyToTemp(WEBAPP);
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const result = await runCli(['gate', '.', '--server', server, '--token', TOKEN, '--policy', path.join(PROJECT_ROOT, 'policies', 'default'), '--format', 'json'], { cwd: dir });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    const report = JSON.parse(await readFile(path.join(dir, '.chainward', 'gate', 'chainward-gate.json'), 'utf8')) as { advisories: { source: string; records: number; invalid: number }; counts: { findings: number } };
    expect(report.advisories).toMatchObject({ source: `${server}/api/v1/advisories/snapshot`, invalid: 0 });
    // Only the records about the project's packages are kept: at least the four that match.
    expect(report.advisories.records).toBeGreaterThanOrEqual(4);
    expect(report.advisories.records).toBeLessThan(44);
    expect(report.counts.findings).toBe(4);
  });

  it('--report-to stores the SBOM as a scan and appends gate.reported to the ledger; the exit code stays the verdict', async () => {
    const dir = await copyToTemp(WEBAPP);
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const result = await runCli(['gate', '.', '--advisories', OSV, '--format', 'json', '--repository', 'npm-webapp', '--report-to', server, '--token', TOKEN], {
      cwd: dir,
      env: { GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567', GITHUB_REF_NAME: 'feature/x', GITHUB_SERVER_URL: 'https://github.example.org', GITHUB_REPOSITORY: 'acme/npm-webapp' },
    });
    expect(result.code).toBe(1);
    const scanId = /^chainward: reported to \S+ \(scan ([0-9a-f-]{36})\)\n$/.exec(result.stderr)?.[1];
    expect(scanId).toBeDefined();
    const report = JSON.parse(await readFile(path.join(dir, '.chainward', 'gate', 'chainward-gate.json'), 'utf8')) as { sbom: { digest: string; components: number } };

    const scan = (await (await fetch(`${server}/api/v1/scans/${scanId}`)).json()) as { repository: { name: string; location: string }; commit: string; branch: string; sbom: { digest: string }; summary: { components: number } };
    expect(scan).toMatchObject({ repository: { name: 'npm-webapp', location: 'https://github.example.org/acme/npm-webapp' }, commit: '0123456789abcdef0123456789abcdef01234567', branch: 'feature/x' });
    expect(`sha256:${scan.sbom.digest}`).toBe(report.sbom.digest);
    expect(scan.summary.components).toBe(report.sbom.components);
    const sbom = await fetch(`${server}/api/v1/scans/${scanId}/sbom`);
    expect(`sha256:${(await import('node:crypto')).createHash('sha256').update(Buffer.from(await sbom.arrayBuffer())).digest('hex')}`).toBe(report.sbom.digest);

    const entries = (await (await fetch(`${server}/api/v1/audit/entries?action=gate.reported`)).json()) as { items: Array<{ action: string; subject: Record<string, string>; policyVersion: string; payload: { verdict: string; counts: { failing: number } } }> };
    expect(entries.items).toHaveLength(1);
    expect(entries.items[0]).toMatchObject({ action: 'gate.reported', subject: { scan: scanId }, policyVersion: 'default@1.0.0', payload: { verdict: 'fail', counts: { failing: 3 } } });
  });

  it('refuses a write without the right bearer token, as problem+json', async () => {
    const body = JSON.stringify({ format: 'chainward.gate/v1' });
    const missing = await fetch(`${server}/api/v1/gate-results`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(missing.status).toBe(401);
    expect(missing.headers.get('content-type')).toContain('application/problem+json');
    expect(missing.headers.get('www-authenticate')).toBe('Bearer realm="chainward"');
    expect(await missing.json()).toMatchObject({ status: 401, title: 'Unauthorized', detail: 'an API token is required: send Authorization: Bearer <token>' });
    const wrong = await fetch(`${server}/api/v1/gate-results`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer not-the-token' }, body });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('www-authenticate')).toBe('Bearer realm="chainward", error="invalid_token"');
    const invalid = await fetch(`${server}/api/v1/gate-results`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` }, body });
    expect(invalid.status).toBe(400);
    expect(((await invalid.json()) as { detail: string }).detail).toMatch(/^not a gate result \(chainward\.gate\/v1\): /);
  });
});

describe.each(testBackends())('POST /api/v1/gate-results on $name', (backend) => {
  let app: INestApplication;
  let url: string;
  let drop: () => Promise<void>;
  let gateJson: string;

  beforeAll(async () => {
    const created = await backend.create();
    drop = created.drop;
    app = await createServer({ ...created.config, server: { ...created.config.server, apiToken: TOKEN } });
    await app.listen(0, '127.0.0.1');
    url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    const dir = await copyToTemp(WEBAPP);
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    expect((await runCli(['gate', '.', '--advisories', OSV, '--format', 'json', '--repository', 'npm-webapp'], { cwd: dir })).code).toBe(1);
    gateJson = await readFile(path.join(dir, '.chainward', 'gate', 'chainward-gate.json'), 'utf8');
  });

  afterAll(async () => {
    await app?.close();
    await drop?.();
  });

  const post = (body: string): Promise<Response> =>
    fetch(`${url}/api/v1/gate-results`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` }, body });

  it('stores the scan and its ledger entry in one go, and refuses an SBOM that does not match its digest', async () => {
    const stored = await post(gateJson);
    expect(stored.status).toBe(201);
    const { scan } = (await stored.json()) as { scan: string; repository: string };
    const view = (await (await fetch(`${url}/api/v1/scans/${scan}`)).json()) as { repository: { name: string; location: string }; summary: { components: number } };
    expect(view.repository.name).toBe('npm-webapp');
    expect(view.summary.components).toBe((JSON.parse(gateJson) as { sbom: { components: number } }).sbom.components);
    const entries = (await (await fetch(`${url}/api/v1/audit/entries?action=gate.reported`)).json()) as { items: Array<{ subject: Record<string, string> }> };
    expect(entries.items.map((entry) => entry.subject.scan)).toEqual([scan]);

    const tampered = JSON.parse(gateJson) as { sbom: { document: { components: Array<{ version?: string }> } } };
    const first = tampered.sbom.document.components[0];
    if (first) first.version = '0.0.0-tampered';
    const refused = await post(JSON.stringify(tampered));
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { detail: string }).detail).toMatch(/^the SBOM does not match its digest sha256:[0-9a-f]{64} \(it gives sha256:[0-9a-f]{64}\)$/);
    const after = (await (await fetch(`${url}/api/v1/audit/entries?action=gate.reported`)).json()) as { items: unknown[] };
    expect(after.items).toHaveLength(1);
  });
});

describe('a server with no API token configured', () => {
  let app: INestApplication;
  let home: string;

  beforeAll(async () => {
    home = await mkdtemp(path.join(tmpdir(), 'chainward-gate-readonly-'));
    app = await createServer(baseConfig(home));
    await app.listen(0, '127.0.0.1');
  });

  afterAll(async () => {
    await app?.close();
    await rm(home, { recursive: true, force: true });
  });

  it('refuses every write with 401 and says how to allow them', async () => {
    const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    const response = await fetch(`${url}/api/v1/gate-results`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` }, body: '{}' });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ detail: 'this server accepts no writes: no API token is configured (set server.apiToken or CHAINWARD_API_TOKEN)' });
  });
});

describe('--server against the active policy set endpoint (a stand-in answering its contract)', () => {
  let standIn: Server;
  let url: string;
  let snapshot: string;
  const requests: Array<{ url: string; authorization?: string }> = [];

  beforeAll(async () => {
    const home = await mkdtemp(path.join(tmpdir(), 'chainward-gate-standin-'));
    cleanups.push(() => rm(home, { recursive: true, force: true }));
    expect((await runCli(['advisories', 'import', OSV], { env: { CHAINWARD_HOME: home } })).code).toBe(0);
    snapshot = path.join(home, 'advisories.osv.jsonl.gz');
    expect((await runCli(['advisories', 'export', '-o', snapshot], { env: { CHAINWARD_HOME: home } })).code).toBe(0);
    const policy = await readFile(path.join(PROJECT_ROOT, 'policies', 'default', 'policy.yaml'), 'utf8');
    const waivers =
      'apiVersion: chainward.dev/v1\nkind: Waivers\nwaivers:\n  - rule: vulnerability-fixable\n    purl: pkg:npm/minimist\n    reason: not reachable from our code\n    approver: Grace Hopper <grace@example.org>\n    created: 2026-01-01\n    expires: 2099-01-01\n';
    standIn = createHttpServer((request, response) => {
      requests.push({ url: request.url ?? '', ...(request.headers.authorization ? { authorization: request.headers.authorization } : {}) });
      const target = new URL(request.url ?? '/', 'http://stand-in');
      if (target.pathname === '/api/v1/advisories/snapshot') {
        response.writeHead(200, { 'content-type': 'application/gzip' });
        createReadStream(snapshot).pipe(response);
      } else if (target.pathname === '/api/v1/policy-sets/active' && target.searchParams.get('repository') === 'npm-webapp') {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ name: 'default', version: '1.0.0', digest: 'sha256:announced', policy, waivers }));
      } else {
        response.writeHead(404, { 'content-type': 'application/problem+json' });
        response.end(JSON.stringify({ type: 'about:blank', title: 'Not Found', status: 404, detail: 'no active policy set' }));
      }
    });
    await new Promise<void>((resolve) => standIn.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(standIn.address() as AddressInfo).port}`;
    cleanups.push(() => new Promise((resolve) => standIn.close(resolve)));
  });

  it('evaluates the active set with its waivers, sending the token and the repository name', async () => {
    const dir = await copyToTemp(WEBAPP);
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const result = await runCli(['gate', '.', '--server', url, '--token', TOKEN, '--repository', 'npm-webapp', '--format', 'text'], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^chainward: warning: http:\/\/127\.0\.0\.1:\d+ policy set default@1\.0\.0 is announced with digest sha256:announced, its text gives sha256:[0-9a-f]{64}\n$/);
    expect(result.stdout).toContain('  ~ vulnerability-fixable: minimist@1.2.5: GHSA-xvch-5gv4-984h (critical, CVSS 9.8)');
    expect(result.stdout).toContain('— waived until 2099-01-01 by Grace Hopper <grace@example.org> (not reachable from our code)');
    expect(requests.map((r) => r.url).slice(-2)).toEqual(['/api/v1/policy-sets/active?repository=npm-webapp', '/api/v1/advisories/snapshot']);
    expect(requests.slice(-2).every((r) => r.authorization === `Bearer ${TOKEN}`)).toBe(true);
  });

  it('stops with exit 2 and a clear message when the server has no active policy set for the repository', async () => {
    const dir = await copyToTemp(WEBAPP);
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const result = await runCli(['gate', '.', '--server', url, '--token', TOKEN, '--repository', 'elsewhere'], { cwd: dir });
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toBe(`chainward: ${url} has no active policy set for repository "elsewhere": no active policy set; publish and activate one on the server, or pass --policy <dir>\n`);
  });
});
