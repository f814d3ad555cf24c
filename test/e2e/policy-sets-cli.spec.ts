/**
 * Through the built CLI: publishing policy sets (immutable versions), activating them per scope,
 * `scan --policy active` and `--policy name@version` with results that name the version used,
 * stored waivers applied and revoked, and the Known Exploited Vulnerabilities catalogue making a
 * `knownExploited` rule fail on a real advisory.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { writeSysteminformationProject } from '../advisories/systeminformation-project.js';
import { copyToTemp, FIXTURES, PROJECT_ROOT, runCli } from '../support/cli.js';
import { testBackends } from '../support/databases.js';

/** Each test runs the CLI several times; on a loaded machine the embedded database starts slowly. */
const SLOW = 180_000;

const ruleLine = (stdout: string, id: string): string | undefined => stdout.split('\n').find((line) => new RegExp(`^ {2}\\w+ +${id} \\(`).test(line));

describe.each(testBackends())('chainward policy publish/activate, waivers and known-exploited on $name', (backend) => {
  let env: Record<string, string | undefined>;
  let drop: () => Promise<void>;
  let work: string;
  let project: string;

  beforeAll(async () => {
    const created = await backend.create();
    drop = created.drop;
    env = { CHAINWARD_HOME: created.config.home, DATABASE_URL: created.config.databaseUrl, CHAINWARD_ACTOR: 'alice' };
    work = await mkdtemp(path.join(tmpdir(), 'chainward-policy-sets-'));
    project = path.join(work, 'si-app');
    await mkdir(project);
    await writeSysteminformationProject(project);
  });

  afterAll(async () => {
    await drop?.();
    if (work) await rm(work, { recursive: true, force: true });
  }, SLOW);

  it('publishes a version once: the same content again is a no-op, different content is refused', async () => {
    const published = await runCli(['policy', 'publish', 'policies/default', '-m', 'Adopt the default policy'], { env });
    expect(published.stderr).toBe('');
    expect(published.code).toBe(0);
    const lines = published.stdout.split('\n');
    expect(lines[0]).toMatch(/^Published default@1\.0\.0 \(sha256:[0-9a-f]{64}\)$/);
    expect(lines.slice(1, 5)).toEqual(['  by:       alice', expect.stringMatching(/^ {2}at: {7}\d{4}-\d\d-\d\dT/), '  why:      Adopt the default policy', '  contains: 8 rules, 0 waivers']);
    const digest = /sha256:[0-9a-f]{64}/.exec(published.stdout)?.[0];

    const again = await runCli(['policy', 'publish', 'policies/default', '-m', 'again', '--actor', 'bob'], { env });
    expect(again).toEqual({ code: 0, stderr: '', stdout: `default@1.0.0 is already published with the same content (${digest}); nothing changed\n` });

    const edited = await copyToTemp(path.join(PROJECT_ROOT, 'policies', 'default'));
    const file = path.join(edited, 'policy.yaml');
    await writeFile(file, (await readFile(file, 'utf8')).replace('severity: critical', 'severity: high'));
    const refused = await runCli(['policy', 'publish', edited, '-m', 'quiet edit'], { env });
    await rm(edited, { recursive: true, force: true });
    expect(refused.code).toBe(2);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toMatch(/^chainward: default@1\.0\.0 is already published with different content \(.*\): a published version never changes, publish it as a new version\n$/);

    const noMessage = await runCli(['policy', 'publish', 'policies/default'], { env });
    expect(noMessage.code).toBe(2);
    expect(noMessage.stderr).toContain("required option '-m, --message <why>' not specified");
  }, SLOW);

  it('activates sets per scope and lists, shows them with their text as published', async () => {
    expect((await runCli(['policy', 'publish', 'policies/regulated-finance', '-m', 'Stricter rules for payment services', '--actor', 'bob'], { env })).code).toBe(0);
    const everyone = await runCli(['policy', 'activate', 'default@1.0.0'], { env });
    expect(everyone.stdout).toMatch(/^Activated default@1\.0\.0 \(sha256:[0-9a-f]{12}\) for every repository \(\*\)\n$/);
    const si = await runCli(['policy', 'activate', 'regulated-finance@1.0.0', '--scope', 'si-*', '-m', 'the si services handle payments'], { env });
    expect(si.stdout).toMatch(/^Activated regulated-finance@1\.0\.0 \(sha256:[0-9a-f]{12}\) for repositories matching si-\*\n$/);
    expect((await runCli(['policy', 'activate', 'default@1.0.0'], { env })).stdout).toBe('default@1.0.0 is already active for every repository (*); nothing changed\n');
    const missing = await runCli(['policy', 'activate', 'default@2.0.0'], { env });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('chainward: no published policy set default@2.0.0 (`chainward policy list` shows what is published)\n');

    const list = await runCli(['policy', 'list'], { env });
    const rows = list.stdout.split('\n').filter(Boolean).map((line) => line.split(/\s{2,}/));
    expect(rows.map((row) => [row[0], row[1], row[4], row[5]])).toEqual([
      ['NAME', 'VERSION', 'BY', 'ACTIVE FOR'],
      ['default', '1.0.0', 'alice', '*'],
      ['regulated-finance', '1.0.0', 'bob', 'si-*'],
    ]);
    const shown = JSON.parse((await runCli(['policy', 'show', 'regulated-finance@1.0.0', '--json'], { env })).stdout) as { policy: string; waivers: string; activeScopes: string[]; message: string };
    expect(shown.policy).toBe(await readFile(path.join(PROJECT_ROOT, 'policies', 'regulated-finance', 'policy.yaml'), 'utf8'));
    expect(shown.waivers).toBe(await readFile(path.join(PROJECT_ROOT, 'policies', 'regulated-finance', 'waivers.yaml'), 'utf8'));
    expect(shown).toMatchObject({ activeScopes: ['si-*'], message: 'Stricter rules for payment services' });
  }, SLOW);

  it('scan --policy active evaluates the set active for the repository; a known-exploited advisory fails its rule', async () => {
    expect((await runCli(['advisories', 'import', path.join(FIXTURES, 'advisories', 'kev', 'osv')], { env })).code).toBe(0);
    expect((await runCli(['advisories', 'import', path.join(FIXTURES, 'advisories', 'osv')], { env })).code).toBe(0);
    const kev = await runCli(['advisories', 'kev', 'import', path.join(FIXTURES, 'advisories', 'kev', 'known_exploited_vulnerabilities.json')], { env });
    expect(kev.stdout.split('\n')[0]).toBe('Imported Known Exploited Vulnerabilities catalogue 2025.09.30 (released 2025-09-30T12:35:25.440Z): 4 entries');

    const scan = await runCli(['scan', project, '--policy', 'active'], { env });
    expect(scan.stderr).toBe('');
    expect(scan.code).toBe(1);
    expect(scan.stdout).toMatch(/\nPolicy regulated-finance@1\.0\.0 \(sha256:[0-9a-f]{12}\): failed\n/);
    expect(ruleLine(scan.stdout, 'vulnerability-known-exploited')).toBe('  failed  vulnerability-known-exploited (fail, critical): 1 violation');
    expect(scan.stdout).toContain(
      '            - pkg:npm/systeminformation@5.3.0: GHSA-2m8v-572m-ff2v (high, CVSS 7.8) affects systeminformation@5.3.0; fixed in 5.3.1; known to be exploited\n',
    );
    const scanId = /scan id: +([0-9a-f-]{36})/.exec(scan.stdout)?.[1] as string;

    const findings = await runCli(['findings', scanId], { env });
    expect(findings.stdout).toMatch(/systeminformation@5\.3\.0\s+GHSA-2m8v-572m-ff2v\s+high\s+7\.8\s+5\.3\.1\s+yes, since 2022-01-18\n/);
    expect(findings.stdout).toContain('2 finding(s), 2 not suppressed, 1 known exploited');

    const results = await runCli(['results', scanId], { env });
    expect(results.stdout).toMatch(/\nEvaluated \S+ with regulated-finance@1\.0\.0 \(published set\)\n {2}digest: sha256:[0-9a-f]{64}\n/);
    const [stored] = JSON.parse((await runCli(['results', scanId, '--json'], { env })).stdout) as Array<{ source: string; policy: { name: string; version: string } }>;
    expect(stored).toMatchObject({ source: 'published', policy: { name: 'regulated-finance', version: '1.0.0' } });
  }, SLOW);

  it('applies a stored waiver with the set, shows it in the results, and stops applying it once revoked', async () => {
    const added = await runCli(
      ['waivers', 'add', '--rule', 'vulnerability-known-exploited', '--purl', 'pkg:npm/systeminformation@5.3.0', '--reason', 'si.services() is never called with user input',
        '--approver', 'security@example.com', '--expires', new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10), '--actor', 'carol'],
      { env },
    );
    expect(added.stderr).toBe('');
    const id = /^Added waiver ([0-9a-f-]{36}): vulnerability-known-exploited for pkg:npm\/systeminformation@5\.3\.0, approved by security@example\.com/.exec(added.stdout)?.[1] as string;
    expect(id).toBeDefined();

    const waived = await runCli(['scan', project, '--policy', 'regulated-finance@1.0.0'], { env });
    expect(ruleLine(waived.stdout, 'vulnerability-known-exploited')).toBe('  waived  vulnerability-known-exploited (fail, critical): 1 waived');
    expect(waived.stdout).toMatch(new RegExp(`~ pkg:npm/systeminformation@5\\.3\\.0: waived until \\S+ by security@example\\.com \\(stored waiver ${id}\\)\\n`));

    expect((await runCli(['waivers', 'revoke', id, '--reason', 'the service now takes user input'], { env })).stdout).toMatch(
      new RegExp(`^Revoked waiver ${id} \\(vulnerability-known-exploited for pkg:npm/systeminformation@5\\.3\\.0\\) at \\S+ by alice\\n$`),
    );
    expect((await runCli(['waivers', 'list'], { env })).stdout).toBe('No stored waivers in force (--expired also lists expired and revoked ones).\n');
    expect((await runCli(['waivers', 'list', '--expired'], { env })).stdout).toContain(`${id}  revoked  vulnerability-known-exploited for pkg:npm/systeminformation@5.3.0`);
    const again = await runCli(['scan', project, '--policy', 'regulated-finance@1.0.0'], { env });
    expect(ruleLine(again.stdout, 'vulnerability-known-exploited')).toBe('  failed  vulnerability-known-exploited (fail, critical): 1 violation');
  }, SLOW);

  it('policy diff compares a published set with a proposed one on the stored scans', async () => {
    const diff = await runCli(['policy', 'diff', 'active', 'regulated-finance@1.0.0', '--json'], { env });
    expect(diff.stderr).toBe('');
    const report = JSON.parse(diff.stdout) as { before: { name: string }; after: { name: string }; repositories: Array<{ repository: string; outcomeBefore: string; outcomeAfter: string }> };
    expect([report.before.name, report.after.name]).toEqual(['default', 'regulated-finance']);
    expect(report.repositories.map((impact) => [impact.repository, impact.outcomeBefore, impact.outcomeAfter])).toEqual([['si-app', 'failed', 'failed']]);
  }, SLOW);

  it('refuses a published set that does not exist before anything is stored', async () => {
    const before = (JSON.parse((await runCli(['scans', 'list', '--json'], { env })).stdout) as unknown[]).length;
    const result = await runCli(['scan', project, '--policy', 'default@9.9.9'], { env });
    expect(result).toEqual({ code: 2, stdout: '', stderr: 'chainward: no published policy set default@9.9.9 (`chainward policy list` shows what is published)\n' });
    expect((JSON.parse((await runCli(['scans', 'list', '--json'], { env })).stdout) as unknown[]).length).toBe(before);
  }, SLOW);
});
