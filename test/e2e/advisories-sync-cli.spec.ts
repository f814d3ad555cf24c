/**
 * `chainward advisories sync --source osv-api` through the built CLI, against a local stand-in for
 * api.osv.dev serving the real OSV records of the fixtures (this machine cannot reach the real API):
 * a scan of examples/npm-webapp gets its findings from the API, a second sync is answered by the
 * cache, and an unreachable API is exit 3 with one line.
 */
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { copyToTemp, FIXTURES, PROJECT_ROOT, runCli } from '../support/cli.js';
import { testBackends } from '../support/databases.js';
import { closedPort, startOsvApiStandIn, type OsvApiStandIn } from '../support/osv-api-stand-in.js';

describe.each(testBackends())('chainward advisories sync on $name', (backend) => {
  let env: Record<string, string | undefined>;
  let drop: () => Promise<void>;
  let dir: string;
  let api: OsvApiStandIn;
  let scanId: string;

  beforeAll(async () => {
    const created = await backend.create();
    drop = created.drop;
    api = await startOsvApiStandIn({ directories: [path.join(FIXTURES, 'advisories', 'osv')] });
    env = { CHAINWARD_HOME: created.config.home, DATABASE_URL: created.config.databaseUrl, CHAINWARD_OSV_API_URL: api.url };
    dir = await copyToTemp(path.join(PROJECT_ROOT, 'examples', 'npm-webapp'));
    const scan = await runCli(['scan', dir, '--json'], { env });
    scanId = (JSON.parse(scan.stdout) as { id: string }).id;
  });

  afterAll(async () => {
    await api?.close();
    await drop?.();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("imports the advisories the API names for the scan's components and matches the scan again", async () => {
    const result = await runCli(['advisories', 'sync', '--source', 'osv-api', '--scan', scanId], { env });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')).toEqual([
      `Synced advisories from the OSV API at ${api.url} for 1 scan (356 package versions)`,
      '  queries:     356 asked in 1 request, 0 answered from the cache',
      '  advisories:  4 affecting, 0 already current, 4 fetched, 0 from the cache',
      '  imported:    4',
      '  updated:     0',
      '  unchanged:   0',
      '  invalid:     0',
      `  findings:    4 for scan ${scanId} (${path.basename(dir)})`,
      '',
    ]);
    // Records are fetched several at a time: their order of arrival varies.
    expect(api.requests.map((request) => `${request.method} ${request.path}`).sort()).toEqual([
      'GET /v1/vulns/GHSA-35jh-r3h4-6jhm',
      'GET /v1/vulns/GHSA-9wv6-86v2-598j',
      'GET /v1/vulns/GHSA-rv95-896h-c2vc',
      'GET /v1/vulns/GHSA-xvch-5gv4-984h',
      'POST /v1/querybatch',
    ]);
    const findings = await runCli(['findings', scanId], { env });
    expect(findings.stdout).toContain('4 finding(s), 4 not suppressed');
  });

  it('answers a second sync from the cache, asking the API nothing', async () => {
    const before = api.requests.length;
    const result = await runCli(['advisories', 'sync', '--source', 'osv-api', '--json'], { env });
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as { counts: Record<string, unknown>; import: { unchanged: number } };
    expect(report.counts).toMatchObject({ packages: 356, packagesFromCache: 356, requests: { querybatch: 0, vulns: 0 }, vulnerabilities: 4, current: 4 });
    expect(api.requests.length).toBe(before);
  });

  it('exits 3 with one line when the API cannot be reached', async () => {
    const port = await closedPort();
    const result = await runCli(['advisories', 'sync', '--source', 'osv-api'], { env: { ...env, CHAINWARD_OSV_API_URL: `http://127.0.0.1:${port}`, CHAINWARD_OSV_API_CACHE_TTL: '0' } });
    expect(result).toEqual({
      code: 3,
      stdout: '',
      stderr: `chainward: cannot reach the OSV API at http://127.0.0.1:${port} (connect ECONNREFUSED 127.0.0.1:${port}); without a network, import an OSV export instead: chainward advisories import <all.zip>\n`,
    });
  });
});
