/**
 * The gate and a Chainward server, one real `chainward serve` on an embedded database for the file: the
 * CLI imports advisories and the Known Exploited Vulnerabilities catalogue, publishes and activates policy
 * sets per repository scope; the gate then takes the active set (`GET /api/v1/policy-sets/active`) and the
 * snapshot from it, stops on a 404, checks the announced digest, and `--report-to` stores its result as a
 * scan and a ledger entry. The write endpoint's token checks run against in-process servers.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { createServer } from '../../src/app/create-server.js';
import { writeSysteminformationProject } from '../advisories/systeminformation-project.js';
import { baseConfig, testBackends } from '../support/databases.js';
import { copyToTemp, FIXTURES, PROJECT_ROOT, runCli } from '../support/cli.js';

const WEBAPP = path.join(PROJECT_ROOT, 'examples', 'npm-webapp');
const OSV = path.join(FIXTURES, 'advisories', 'osv');
const KEV = path.join(FIXTURES, 'advisories', 'kev');
const TOKEN = 'gate-test-token-0123456789';
const MINIMIST_WAIVER =
  'apiVersion: chainward.dev/v1\nkind: Waivers\nwaivers:\n  - rule: vulnerability-fixable\n    purl: pkg:npm/minimist\n    reason: not reachable from our code\n    approver: Grace Hopper <grace@example.org>\n    created: 2026-01-01\n    expires: 2099-01-01\n';

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
  let digests: Record<string, string>;
  let storedWaiver: string;

  beforeAll(async () => {
    home = await mkdtemp(path.join(tmpdir(), 'chainward-gate-server-'));
    cleanups.push(() => rm(home, { recursive: true, force: true }));
    const env = { CHAINWARD_HOME: home, DATABASE_URL: undefined, CHAINWARD_ACTOR: 'release-bot' };
    // The embedded database has one user at a time: everything the CLI stores is stored before `serve` starts.
    for (const args of [
      ['advisories', 'import', OSV],
      ['advisories', 'import', path.join(KEV, 'osv')],
      ['advisories', 'kev', 'import', path.join(KEV, 'known_exploited_vulnerabilities.json')],
    ]) {
      expect((await runCli(args, { env })).code).toBe(0);
    }
    // The default set with one waiver, and the stricter set for the si-* services; nothing for every repository.
    const withWaiver = await copyToTemp(path.join(PROJECT_ROOT, 'policies', 'default'));
    cleanups.push(() => rm(withWaiver, { recursive: true, force: true }));
    await writeFile(path.join(withWaiver, 'waivers.yaml'), MINIMIST_WAIVER);
    digests = {};
    for (const [set, directory] of [['default@1.0.0', withWaiver], ['regulated-finance@1.0.0', path.join(PROJECT_ROOT, 'policies', 'regulated-finance')]] as const) {
      const published = await runCli(['policy', 'publish', directory, '-m', `adopt ${set}`], { env });
      expect(published.code).toBe(0);
      digests[set] = /^Published \S+ \((sha256:[0-9a-f]{64})\)$/m.exec(published.stdout)?.[1] as string;
    }
    expect((await runCli(['policy', 'activate', 'default@1.0.0', '--scope', 'npm-webapp'], { env })).code).toBe(0);
    expect((await runCli(['policy', 'activate', 'regulated-finance@1.0.0', '--scope', 'si-*'], { env })).code).toBe(0);
    // Stored waivers: one for the si-* services, and one revoked since, which must not apply (regulated-finance allows 90 days at most).
    const expires = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
    const waiver = (rule: string, reason: string): string[] =>
      ['waivers', 'add', '--rule', rule, '--purl', 'pkg:npm/minimist', '--repo', 'si-*', '--reason', reason, '--approver', 'security@example.com', '--expires', expires];
    expect((await runCli(waiver('vulnerability-critical', 'minimist only parses our own build flags'), { env })).code).toBe(0);
    const revoked = /^Added waiver ([0-9a-f-]{36})/.exec((await runCli(waiver('vulnerability-high-overdue', 'upgrade scheduled'), { env })).stdout)?.[1] as string;
    expect((await runCli(['waivers', 'revoke', revoked, '--reason', 'the upgrade slipped'], { env })).code).toBe(0);
    storedWaiver = /^([0-9a-f-]{36}) +active/m.exec((await runCli(['waivers', 'list'], { env })).stdout)?.[1] as string;
    expect(storedWaiver).toBeDefined();
    server = (await startServe(home)).url;
  });

  it('--server takes the advisory snapshot from the server (GET /api/v1/advisories/snapshot)', async () => {
    const snapshot = await fetch(`${server}/api/v1/advisories/snapshot`);
    expect(snapshot.status).toBe(200);
    expect(snapshot.headers.get('content-type')).toBe('application/gzip');
    expect(snapshot.headers.get('x-chainward-advisories')).toBe('45');
    const bytes = Buffer.from(await snapshot.arrayBuffer());
    expect([bytes[0], bytes[1]]).toEqual([0x1f, 0x8b]);

    const dir = await copyToTemp(WEBAPP);
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const result = await runCli(['gate', '.', '--server', server, '--token', TOKEN, '--policy', path.join(PROJECT_ROOT, 'policies', 'default'), '--format', 'json'], { cwd: dir });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    const report = JSON.parse(await readFile(path.join(dir, '.chainward', 'gate', 'chainward-gate.json'), 'utf8')) as { advisories: { source: string; records: number; invalid: number }; counts: { findings: number } };
    expect(report.advisories).toMatchObject({ source: `${server}/api/v1/advisories/snapshot`, invalid: 0, knownExploited: { catalogVersion: '2025.09.30', entries: 4 } });
    // Only the records about the project's packages are kept: at least the four that match.
    expect(report.advisories.records).toBeGreaterThanOrEqual(4);
    expect(report.advisories.records).toBeLessThan(45);
    expect(report.counts.findings).toBe(4);
  });

  it('evaluates the set the server has active for the repository, with its waivers', async () => {
    const dir = await copyToTemp(WEBAPP);
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const result = await runCli(['gate', '.', '--server', server, '--token', TOKEN, '--repository', 'npm-webapp', '--format', 'text,json'], { cwd: dir });
    // The announced digest is the one its text gives: no warning.
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^chainward gate: FAIL — policy default 1\.0\.0 on npm-webapp \(/);
    expect(result.stdout).toContain('  ~ vulnerability-fixable: minimist@1.2.5: GHSA-xvch-5gv4-984h (critical, CVSS 9.8)');
    expect(result.stdout).toContain('— waived until 2099-01-01 by Grace Hopper <grace@example.org> (not reachable from our code)');
    const report = JSON.parse(await readFile(path.join(dir, '.chainward', 'gate', 'chainward-gate.json'), 'utf8')) as { policy: { name: string; version: string; digest: string; source: string } };
    expect(report.policy).toMatchObject({ name: 'default', version: '1.0.0', digest: digests['default@1.0.0'], source: `${server} (default@1.0.0)` });
  });

  it('fails a knownExploited rule of the active set with the catalogue the server\'s snapshot carries', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'si-payments-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    await writeSysteminformationProject(dir);
    const result = await runCli(['gate', '.', '--server', server, '--token', TOKEN, '--repository', 'si-payments', '--format', 'text,json'], { cwd: dir });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('  ✗ systeminformation@5.3.0: GHSA-2m8v-572m-ff2v (high, CVSS 7.8) affects systeminformation@5.3.0; fixed in 5.3.1; known to be exploited\n');
    const report = JSON.parse(await readFile(path.join(dir, '.chainward', 'gate', 'chainward-gate.json'), 'utf8')) as {
      policy: { name: string; version: string; digest: string };
      rules: Array<{ id: string; status: string }>;
      waivers: Array<Record<string, unknown>>;
    };
    expect(report.policy).toMatchObject({ name: 'regulated-finance', version: '1.0.0', digest: digests['regulated-finance@1.0.0'] });
    expect(report.rules.find((rule) => rule.id === 'vulnerability-known-exploited')?.status).toBe('failed');
    // The server's stored waiver applies; the revoked one does not.
    expect(report.rules.find((rule) => rule.id === 'vulnerability-critical')?.status).toBe('waived');
    expect(result.stdout).toContain(`  ~ vulnerability-critical: minimist@1.2.5: GHSA-xvch-5gv4-984h (critical, CVSS 9.8)`);
    expect(report.rules.find((rule) => rule.id === 'vulnerability-high-overdue')?.status).toBe('failed');
    expect(report.waivers).toEqual(expect.arrayContaining([expect.objectContaining({ rule: 'vulnerability-critical', id: storedWaiver })]));
  });

  it('stops with exit 2 and a clear message when no set is active for the repository (404)', async () => {
    const dir = await copyToTemp(WEBAPP);
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const result = await runCli(['gate', '.', '--server', server, '--token', TOKEN, '--repository', 'elsewhere'], { cwd: dir });
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toBe(`chainward: ${server} has no active policy set for repository "elsewhere"; activate one there (chainward policy activate <name@version> --scope <pattern>), or pass --policy <dir>\n`);

    // Any other 404 (here: a base URL the server does not serve, as a server without the endpoint would answer).
    const wrongBase = await runCli(['gate', '.', '--server', `${server}/chainward`, '--token', TOKEN, '--repository', 'npm-webapp'], { cwd: dir });
    expect(wrongBase).toMatchObject({ code: 2, stdout: '' });
    expect(wrongBase.stderr).toBe(
      `chainward: ${server}/chainward does not serve active policy sets (${server}/chainward/api/v1/policy-sets/active?repository=npm-webapp answered 404: Cannot GET /chainward/api/v1/policy-sets/active?repository=npm-webapp); upgrade the server, or pass --policy <dir>\n`,
    );
  });

  it('warns when the policy text it receives does not give the digest the server announces, and records the digest of what it evaluated', async () => {
    // A forwarding proxy that edits the policy in transit, as a broken cache or an interceptor would.
    const seen: Array<{ url: string; authorization?: string }> = [];
    const proxy = createHttpServer((request, response) => {
      seen.push({ url: request.url ?? '', ...(request.headers.authorization ? { authorization: request.headers.authorization } : {}) });
      void (async () => {
        const upstream = await fetch(`${server}${request.url ?? '/'}`, { headers: request.headers.authorization ? { authorization: request.headers.authorization } : {} });
        let body = Buffer.from(await upstream.arrayBuffer());
        if ((request.url ?? '').startsWith('/api/v1/policy-sets/active')) {
          const active = JSON.parse(body.toString('utf8')) as { policy: string };
          active.policy = active.policy.replace('severity: critical', 'severity: low');
          body = Buffer.from(JSON.stringify(active));
        }
        response.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/octet-stream' });
        response.end(body);
      })();
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise((resolve) => proxy.close(resolve)));
    const url = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;

    const dir = await copyToTemp(WEBAPP);
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const result = await runCli(['gate', '.', '--server', url, '--token', TOKEN, '--repository', 'npm-webapp', '--format', 'json'], { cwd: dir });
    const announced = digests['default@1.0.0'] as string;
    const evaluated = new RegExp(`^chainward: warning: ${url.replace(/[.]/g, '\\.')} policy set default@1\\.0\\.0 is announced with digest ${announced}, its text gives (sha256:[0-9a-f]{64})\\n$`).exec(result.stderr)?.[1];
    expect(evaluated).toBeDefined();
    expect(evaluated).not.toBe(announced);
    const report = JSON.parse(await readFile(path.join(dir, '.chainward', 'gate', 'chainward-gate.json'), 'utf8')) as { policy: { digest: string } };
    expect(report.policy.digest).toBe(evaluated);
    expect(seen.map((r) => r.url)).toEqual(['/api/v1/policy-sets/active?repository=npm-webapp', '/api/v1/waivers?expired=true', '/api/v1/advisories/snapshot']);
    expect(seen.every((r) => r.authorization === `Bearer ${TOKEN}`)).toBe(true);
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
