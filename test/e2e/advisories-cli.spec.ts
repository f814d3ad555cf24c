/**
 * Through the built CLI: `advisories import` (twice: idempotent), `scan` of a copy of
 * examples/npm-webapp, `findings` listing exactly the expected advisories with CVSS scores
 * and fix versions, `vex import` suppressing one with its justification, `advisories export`
 * and `sbom --with-vulns` from the snapshot, and GET /api/v1/scans/:id/findings via `serve`.
 */
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { cycloneDxJsonErrors } from '../support/cyclonedx-schema.js';
import { copyToTemp, FIXTURES, PROJECT_ROOT, runCli } from '../support/cli.js';
import { testBackends } from '../support/databases.js';

const OSV_DIR = path.join(FIXTURES, 'advisories', 'osv');

interface FindingJson {
  component: { name: string; version: string };
  advisory: string;
  aliases: string[];
  severity: string;
  score: number;
  fixAbove: string;
  suppressed: { state: string; justification?: string } | null;
}

describe.each(testBackends())('chainward advisories, findings and vex on $name', (backend) => {
  let dir: string;
  let env: Record<string, string | undefined>;
  let drop: () => Promise<void>;
  let scanId: string;

  beforeAll(async () => {
    dir = await copyToTemp(path.join(PROJECT_ROOT, 'examples', 'npm-webapp'));
    const created = await backend.create();
    drop = created.drop;
    env = { CHAINWARD_HOME: created.config.home, DATABASE_URL: created.config.databaseUrl };
  });

  afterAll(async () => {
    await drop?.();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('imports the OSV directory, then finds every record unchanged on a second import', async () => {
    const first = await runCli(['advisories', 'import', OSV_DIR], { env });
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('imported:   44');
    const second = await runCli(['advisories', 'import', OSV_DIR, '--json'], { env });
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout)).toMatchObject({ source: 'directory', files: 44, imported: 0, updated: 0, unchanged: 44, invalid: [] });
  });

  it('records findings with the scan and lists exactly the expected advisories', async () => {
    const scan = await runCli(['scan', dir, '--json'], { env });
    expect(scan.code).toBe(0);
    const scanned = JSON.parse(scan.stdout) as { id: string; findings: number };
    expect(scanned.findings).toBe(4);
    scanId = scanned.id;

    const table = await runCli(['findings', scanId], { env });
    expect(table.code).toBe(0);
    const rows = table.stdout.split('\n').filter((line) => /GHSA-/.test(line)).map((line) => line.split(/\s{2,}/));
    expect(rows).toEqual([
      ['express@4.18.2', 'GHSA-rv95-896h-c2vc', 'medium', '6.1', '4.19.2'],
      ['lodash@4.17.20', 'GHSA-35jh-r3h4-6jhm', 'high', '7.2', '4.17.21'],
      ['minimist@1.2.5', 'GHSA-xvch-5gv4-984h', 'critical', '9.8', '1.2.6'],
      ['path-to-regexp@0.1.7', 'GHSA-9wv6-86v2-598j', 'high', '7.5', '0.1.10'],
    ]);
  });

  it('suppresses a finding named in an imported VEX document, showing the justification', async () => {
    const vexFile = path.join(dir, 'vex.cdx.json');
    await writeFile(
      vexFile,
      JSON.stringify({
        bomFormat: 'CycloneDX',
        specVersion: '1.6',
        version: 1,
        vulnerabilities: [{ id: 'CVE-2021-23337', analysis: { state: 'not_affected', justification: 'code_not_reachable' }, affects: [{ ref: 'pkg:npm/lodash' }] }],
      }),
    );
    const imported = await runCli(['vex', 'import', vexFile, '--repository', path.basename(dir)], { env });
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(/^Imported 1 VEX statement\(s\)/);

    const json = await runCli(['findings', scanId, '--json'], { env });
    const { findings } = JSON.parse(json.stdout) as { findings: FindingJson[] };
    expect(findings.map((f) => [f.advisory, f.suppressed?.state ?? null, f.suppressed?.justification ?? null])).toEqual([
      ['GHSA-rv95-896h-c2vc', null, null],
      ['GHSA-35jh-r3h4-6jhm', 'not_affected', 'code_not_reachable'],
      ['GHSA-xvch-5gv4-984h', null, null],
      ['GHSA-9wv6-86v2-598j', null, null],
    ]);
    const table = await runCli(['findings', scanId], { env });
    expect(table.stdout).toMatch(/lodash@4\.17\.20\s+GHSA-35jh-r3h4-6jhm\s+high\s+7\.2\s+4\.17\.21\s+suppressed: not_affected \(code_not_reachable\)/);
    expect(table.stdout).toContain('4 finding(s), 3 not suppressed');
  });

  it('exports a snapshot that `sbom --with-vulns` embeds as a valid CycloneDX vulnerabilities section', async () => {
    const snapshot = path.join(dir, 'advisories.osv.jsonl.gz');
    const exported = await runCli(['advisories', 'export', '-o', snapshot], { env });
    expect(exported.code).toBe(0);
    expect(exported.stdout).toContain('Wrote 44 advisories');
    const sbom = await runCli(['sbom', dir, '--with-vulns', '--advisories', snapshot], { env });
    expect(sbom.code).toBe(0);
    const document = JSON.parse(sbom.stdout) as {
      vulnerabilities: Array<{ id: string; ratings: Array<{ score: number; severity: string; method: string }>; affects: Array<{ ref: string }>; recommendation: string }>;
    };
    expect(cycloneDxJsonErrors(sbom.stdout)).toEqual([]);
    expect(document.vulnerabilities.map((v) => [v.id, v.ratings[0]?.score, v.ratings[0]?.method, v.affects.map((a) => a.ref), v.recommendation])).toEqual([
      ['GHSA-35jh-r3h4-6jhm', 7.2, 'CVSSv31', ['pkg:npm/lodash@4.17.20'], 'upgrade lodash 4.17.20 to 4.17.21.'],
      ['GHSA-9wv6-86v2-598j', 7.5, 'CVSSv31', ['pkg:npm/path-to-regexp@0.1.7'], 'upgrade path-to-regexp 0.1.7 to 0.1.10.'],
      ['GHSA-rv95-896h-c2vc', 6.1, 'CVSSv31', ['pkg:npm/express@4.18.2'], 'upgrade express 4.18.2 to 4.19.2.'],
      ['GHSA-xvch-5gv4-984h', 9.8, 'CVSSv31', ['pkg:npm/minimist@1.2.5'], 'upgrade minimist 1.2.5 to 1.2.6.'],
    ]);
  });

  it('refuses --with-vulns without --advisories as a usage error', async () => {
    const result = await runCli(['sbom', dir, '--with-vulns'], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--with-vulns needs --advisories');
  });
});
