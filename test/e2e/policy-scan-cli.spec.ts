import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { copyToTemp, FIXTURES, PROJECT_ROOT, runCli } from '../support/cli.js';
import { testBackends } from '../support/databases.js';

const NIGHTSCOUT = path.join(FIXTURES, 'policy', 'npm', 'nightscout-lock-v3');
const ADVISORIES = path.join(FIXTURES, 'policy', 'advisories', 'osv');

interface StoredEvaluation {
  scan: string;
  policy: { name: string; version: string; digest: string };
  outcome: string;
  summary: { rules: number; passed: number; failed: number; failing: number };
  rules: Array<{ id: string; status: string; violations: Array<{ evidence: { purl?: string }; advisory?: { id: string } }> }>;
}

/** The per-rule lines of the summary: `  <status>  <rule> (<action>, <severity>)...`. */
const ruleLines = (stdout: string): string[] => stdout.split('\n').filter((line) => /^ {2}(passed|failed|waived) /.test(line));

describe.each(testBackends())('chainward scan --policy and results on $name', (backend) => {
  let env: Record<string, string | undefined>;
  let drop: () => Promise<void>;
  const dirs: string[] = [];

  beforeAll(async () => {
    const created = await backend.create();
    drop = created.drop;
    env = { CHAINWARD_HOME: created.config.home, DATABASE_URL: created.config.databaseUrl };
  });

  afterAll(async () => {
    await drop?.();
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it('stops before scanning when the policy is invalid: exit 2, nothing stored', async () => {
    const dir = await copyToTemp(NIGHTSCOUT);
    dirs.push(dir);
    const result = await runCli(['scan', dir, '--policy', 'test/fixtures/policy/invalid-duplicate-rule-id.yaml'], { env });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      'test/fixtures/policy/invalid-duplicate-rule-id.yaml:23:9: duplicate rule id "secrets"; it is first used at line 8\n' +
        'chainward: test/fixtures/policy/invalid-duplicate-rule-id.yaml: 1 problem\n',
    );
    expect((await runCli(['scans', 'list', '--json'], { env })).stdout).toBe('[]\n');
  });

  it('exits 0 when the policy passes (no advisories imported yet), and says so in the JSON', async () => {
    const dir = await copyToTemp(path.join(PROJECT_ROOT, 'examples', 'npm-webapp'));
    dirs.push(dir);
    const scan = await runCli(['scan', dir, '--policy', 'policies/default', '--json'], { env });
    expect(scan.stderr).toBe('');
    expect(scan.code).toBe(0);
    const view = JSON.parse(scan.stdout) as { id: string; policy: { id: string; outcome: string; rules: Array<{ id: string; status: string }> } };
    expect(view.policy.outcome).toBe('passed');
    expect(view.policy.rules.filter((rule) => rule.status === 'failed').map((rule) => rule.id)).toEqual(['licence-file']);
  });

  it('evaluates policies/default on a real lockfile with real advisories, stores the results and exits 1', async () => {
    const imported = await runCli(['advisories', 'import', ADVISORIES], { env });
    expect(imported.code).toBe(0);
    const dir = await copyToTemp(NIGHTSCOUT);
    dirs.push(dir);

    const scan = await runCli(['scan', dir, '--policy', 'policies/default'], { env });
    expect(scan.stderr).toBe('');
    expect(scan.code).toBe(1);
    expect(scan.stdout).toContain('Policy default@1.0.0 (sha256:');
    expect(scan.stdout).toContain('): failed\n');
    expect(ruleLines(scan.stdout)).toEqual([
      '  passed  compromised-packages (fail, critical)',
      '  passed  deprecated-packages (info, low)',
      '  failed  licence-copyleft (fail, high): 2 violations',
      '  failed  licence-file (warn, low): 1 violation',
      '  failed  licence-unknown (warn, medium): 13 violations',
      '  passed  secrets (fail, critical)',
      '  failed  vulnerability-fixable (fail, high): 4 violations',
      '  failed  vulnerability-review (warn, medium): 4 violations',
    ]);
    // Evidence: the component, and the path from the project that pulls it in.
    expect(scan.stdout).toContain('            - pkg:npm/nightscout-connect@0.0.12: licence AGPL-3.0-or-later is network-copyleft, a denied category\n');
    expect(scan.stdout).toContain('            - pkg:npm/ws@8.2.3 via pkg:npm/socket.io@4.5.4 > pkg:npm/engine.io@6.2.1: GHSA-3h5v-q93c-6h6q (high, CVSS 7.5)');
    expect(scan.stdout).toContain('  8 rules: 3 passed, 5 failed (2 failing the evaluation), 0 waived\n');
    const scanId = /scan id: +([0-9a-f-]{36})/.exec(scan.stdout)?.[1] as string;

    const results = await runCli(['results', scanId, '--json'], { env });
    expect(results.code).toBe(0);
    const [evaluation, ...others] = JSON.parse(results.stdout) as StoredEvaluation[];
    expect(others).toEqual([]);
    expect(evaluation?.scan).toBe(scanId);
    expect(evaluation?.policy).toMatchObject({ name: 'default', version: '1.0.0' });
    expect(evaluation?.policy.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(evaluation?.outcome).toBe('failed');
    expect(evaluation?.summary).toMatchObject({ rules: 8, passed: 3, failed: 5, failing: 2 });
    const fixable = evaluation?.rules.find((rule) => rule.id === 'vulnerability-fixable');
    expect(fixable?.violations.map((v) => `${v.evidence.purl} ${v.advisory?.id}`)).toEqual([
      'pkg:npm/path-to-regexp@0.1.7 GHSA-9wv6-86v2-598j',
      'pkg:npm/qs@6.7.0 GHSA-hrpp-h998-j3pp',
      'pkg:npm/ws@4.1.0 GHSA-3h5v-q93c-6h6q',
      'pkg:npm/ws@8.2.3 GHSA-3h5v-q93c-6h6q',
    ]);

    const text = await runCli(['results', scanId], { env });
    expect(text.code).toBe(0);
    expect(ruleLines(text.stdout)).toEqual(ruleLines(scan.stdout));
  });

  it('policy diff: the dry-run impact of a new version on the latest stored scans', async () => {
    // The proposed version stops denying strong copyleft and bans qs below 6.7.3 (the lockfile holds 6.7.0 and 6.5.3).
    const proposed = await copyToTemp(path.join(PROJECT_ROOT, 'policies', 'default'));
    dirs.push(proposed);
    const file = path.join(proposed, 'policy.yaml');
    const text = (await readFile(file, 'utf8'))
      .replace('version: 1.0.0', 'version: 1.1.0')
      .replace('categories: [strong-copyleft, network-copyleft, proprietary]', 'categories: [proprietary]')
      .replace('        - purl: pkg:npm/flatmap-stream\n', '        - purl: pkg:npm/qs\n          versions: "<6.7.3"\n        - purl: pkg:npm/flatmap-stream\n');
    await writeFile(file, text);

    const result = await runCli(['policy', 'diff', 'policies/default', proposed], { env });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n').filter(Boolean);
    expect(lines[0]).toMatch(/^Policy diff: default 1\.0\.0 \(sha256:[0-9a-f]{12}\) -> default 1\.1\.0 \(sha256:[0-9a-f]{12}\)$/);
    expect(lines.slice(1, 3)).toEqual([
      'Against 2 stored scans (the latest of each repository)',
      "Not evaluated: repository rules licence-file, secrets (scans do not store the repository's files)",
    ]);
    const nightscout = lines.findIndex((line) => / \(scan [0-9a-f-]{36}\): failed$/.test(line));
    expect(lines.slice(nightscout + 1, nightscout + 3)).toEqual([
      '    newly-failing    compromised-packages: passed -> failed (0 -> 2 violations)',
      '    newly-passing    licence-copyleft: failed -> passed (2 -> 0 violations)',
    ]);
    expect(lines.at(-1)).toBe('2 repositories: 1 newly failing, 1 newly passing, 1 changed');
    expect(lines.filter((line) => line.endsWith(', no rule changes'))).toHaveLength(1);

    const json = JSON.parse((await runCli(['policy', 'diff', 'policies/default', proposed, '--json'], { env })).stdout) as {
      scans: unknown[];
      notEvaluated: string[];
      summary: { newlyFailing: number };
    };
    expect(json.scans).toHaveLength(2);
    expect(json.notEvaluated).toEqual(['licence-file', 'secrets']);
    expect(json.summary.newlyFailing).toBe(1);
  });

  it('shows a scan without results, and refuses an unknown scan', async () => {
    const dir = await copyToTemp(path.join(PROJECT_ROOT, 'examples', 'npm-webapp'));
    dirs.push(dir);
    const scan = JSON.parse((await runCli(['scan', dir, '--json'], { env })).stdout) as { id: string };
    expect((await runCli(['results', scan.id], { env })).stdout).toBe(
      `No policy results for scan ${scan.id}. Run \`chainward scan <dir> --policy <path|name@version|active>\` to evaluate one.\n`,
    );
    const missing = await runCli(['results', '00000000-0000-0000-0000-000000000000'], { env });
    expect(missing).toEqual({ code: 2, stdout: '', stderr: 'chainward: no scan with id 00000000-0000-0000-0000-000000000000\n' });
  });
});
