import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { XMLValidator } from 'fast-xml-parser';
import { copyToTemp, FIXTURES, PROJECT_ROOT, runCli } from '../support/cli.js';
import { sarifErrors } from '../support/gate-outputs.js';

const WEBAPP = path.join(PROJECT_ROOT, 'examples', 'npm-webapp');
const NIGHTSCOUT = path.join(FIXTURES, 'policy', 'npm', 'nightscout-lock-v3');
const REDUX_BERRY = path.join(FIXTURES, 'yarn', 'redux-berry-v8');
const OSV = path.join(FIXTURES, 'advisories', 'osv');
const OUT = path.join('.chainward', 'gate');

interface GateJson {
  format: string;
  verdict: string;
  counts: { failing: number; new: number; baseline: number; waived: number; findings: number };
  policy: { name: string; version: string; digest: string };
  sbom: { digest: string; document: { bomFormat: string } };
  rules: Array<{
    id: string;
    failing: boolean;
    violations: Array<{ identity: string; state: string; failing: boolean; evidence: { purl?: string; file?: string; line?: number; excerpt?: string }; location: { path: string; line: number }; advisory?: { id: string }; fix?: { to: string } }>;
    waived: Array<{ evidence: { purl?: string }; waiver: { approver: string } }>;
  }>;
  waivers: Array<{ state: string; matched: number }>;
}

/** A port nothing listens on: one the system just handed out and took back. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const dirs: string[] = [];
async function project(source: string): Promise<string> {
  const dir = await copyToTemp(source);
  dirs.push(dir);
  return dir;
}
const readJson = async <T>(file: string): Promise<T> => JSON.parse(await readFile(file, 'utf8')) as T;
const rule = (report: GateJson, id: string): GateJson['rules'][number] => report.rules.find((r) => r.id === id) as GateJson['rules'][number];
/** The 1-based line of a package-lock entry, found the plain way. */
const lockLine = (text: string, key: string): number => text.split('\n').indexOf(`    "${key}": {`) + 1;

afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('chainward gate', () => {
  it('passes a compliant project: exit 0, every report written and well-formed', async () => {
    const dir = await project(REDUX_BERRY);
    const result = await runCli(['gate', dir, '--advisories', OSV, '--format', 'text,sarif,junit,markdown,json,gitlab'], { cwd: dir });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^chainward gate: PASS — policy default 1\.0\.0 on /);
    expect(result.stdout).toContain('\nPASS: no rule fails the gate (1 violations in all, 0 in the baseline, 0 waived, 0 advisory matches)\n');
    const report = await readJson<GateJson>(path.join(dir, OUT, 'chainward-gate.json'));
    expect(report).toMatchObject({ format: 'chainward.gate/v1', verdict: 'pass', policy: { name: 'default', version: '1.0.0' } });
    expect(report.sbom.document.bomFormat).toBe('CycloneDX');
    expect(sarifErrors(await readFile(path.join(dir, OUT, 'chainward.sarif'), 'utf8'))).toEqual([]);
    const junit = await readFile(path.join(dir, OUT, 'chainward-junit.xml'), 'utf8');
    expect(XMLValidator.validate(junit)).toBe(true);
    expect(junit).toContain('<testsuite name="default 1.0.0" tests="8" failures="0"');
    expect(await readJson<unknown[]>(path.join(dir, OUT, 'gl-code-quality-report.json'))).toEqual([
      { description: 'licence-file: LICENSE*: required file LICENSE* or LICENCE* or COPYING* is missing', check_name: 'licence-file', fingerprint: expect.stringMatching(/^[0-9a-f]{32}$/), severity: 'info', location: { path: 'LICENSE*', lines: { begin: 1 } } },
    ]);
    expect(await readFile(path.join(dir, OUT, 'chainward-summary.md'), 'utf8')).toMatch(/^## ✅ Chainward gate: passed\n/);
  });

  it('fails on a licence: exit 1, the component, its path and its lockfile line, and the waiver to request', async () => {
    const dir = await project(NIGHTSCOUT);
    const result = await runCli(['gate', dir, '--format', 'text,json,junit'], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('chainward: note: no advisories given (--advisories or --server): vulnerability rules see no findings\n');
    const lock = await readFile(path.join(dir, 'package-lock.json'), 'utf8');
    const line = lockLine(lock, 'node_modules/nightscout-connect');
    expect(line).toBeGreaterThan(1);
    expect(result.stdout).toContain(
      'FAIL  licence-copyleft (fail, high): No strong copyleft, network copyleft or proprietary licence in shipped dependencies\n' +
        '  ✗ nightscout-connect@0.0.12: licence AGPL-3.0-or-later is network-copyleft, a denied category\n' +
        `      at   package-lock.json:${line}\n` +
        '      via  nightscout@15.0.7 > nightscout-connect@0.0.12\n',
    );
    expect(result.stdout).toContain('  - rule: licence-copyleft\n    purl: pkg:npm/nightscout-connect@0.0.12\n    reason: "<why this is acceptable for now>"\n');
    expect(result.stdout).toContain('\nFAIL: 1 rule with 2 new violations (');
    const junit = await readFile(path.join(dir, OUT, 'chainward-junit.xml'), 'utf8');
    expect(XMLValidator.validate(junit)).toBe(true);
    expect(junit).toContain('<failure message="2 violations of licence-copyleft" type="fail/high">');
  });

  it('fails on a vulnerable dependency: exit 1, schema-valid SARIF at the lockfile line of the package, the upgrade to make', async () => {
    const dir = await project(WEBAPP);
    const result = await runCli(['gate', '.', '--advisories', OSV, '--format', 'text,sarif,json,gitlab'], { cwd: dir });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('  ✗ lodash@4.17.20: GHSA-35jh-r3h4-6jhm (high, CVSS 7.2)');
    expect(result.stdout).toContain('      fix  upgrade lodash 4.17.20 → 4.17.21\n');
    expect(result.stdout).toContain('      fix  upgrade minimist 1.2.5 → 1.2.6\n');

    const sarifText = await readFile(path.join(dir, OUT, 'chainward.sarif'), 'utf8');
    expect(sarifErrors(sarifText)).toEqual([]);
    const sarif = JSON.parse(sarifText) as {
      runs: Array<{ tool: { driver: { rules: Array<{ id: string; properties: Record<string, unknown> }> } }; results: Array<{ ruleId: string; level: string; message: { text: string }; locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }>; partialFingerprints: Record<string, string> }> }>;
    };
    const [run] = sarif.runs;
    expect(run?.tool.driver.rules.map((r) => r.id)).toEqual(['compromised-packages', 'deprecated-packages', 'licence-copyleft', 'licence-file', 'licence-unknown', 'secrets', 'vulnerability-fixable', 'vulnerability-review']);
    expect(run?.tool.driver.rules.find((r) => r.id === 'vulnerability-fixable')?.properties['security-severity']).toBe('8.0');
    const lodash = run?.results.find((r) => r.ruleId === 'vulnerability-fixable' && r.message.text.startsWith('lodash@4.17.20'));
    const lock = await readFile(path.join(dir, 'package-lock.json'), 'utf8');
    expect(lodash?.level).toBe('error');
    expect(lodash?.locations[0]?.physicalLocation).toEqual({ artifactLocation: { uri: 'package-lock.json', uriBaseId: '%SRCROOT%' }, region: { startLine: lockLine(lock, 'node_modules/lodash') } });
    expect(lodash?.partialFingerprints['chainwardViolation/v1']).toMatch(/^[0-9a-f]{64}$/);
    expect(run?.results.filter((r) => r.ruleId === 'vulnerability-fixable').map((r) => r.message.text.split(':')[0])).toEqual(['lodash@4.17.20', 'minimist@1.2.5', 'path-to-regexp@0.1.7']);

    const report = await readJson<GateJson>(path.join(dir, OUT, 'chainward-gate.json'));
    expect(report.counts).toMatchObject({ failing: 3, findings: 4 });
    expect(rule(report, 'vulnerability-fixable').violations.map((v) => `${v.evidence.purl} ${v.advisory?.id} -> ${v.fix?.to}`)).toEqual([
      'pkg:npm/lodash@4.17.20 GHSA-35jh-r3h4-6jhm -> 4.17.21',
      'pkg:npm/minimist@1.2.5 GHSA-xvch-5gv4-984h -> 1.2.6',
      'pkg:npm/path-to-regexp@0.1.7 GHSA-9wv6-86v2-598j -> 0.1.10',
    ]);
    const gitlab = await readJson<Array<{ check_name: string; severity: string; location: { path: string; lines: { begin: number } } }>>(path.join(dir, OUT, 'gl-code-quality-report.json'));
    expect(gitlab.filter((issue) => issue.severity === 'blocker').map((issue) => `${issue.check_name} ${issue.location.path}:${issue.location.lines.begin}`)).toEqual([
      `vulnerability-fixable package-lock.json:${lockLine(lock, 'node_modules/lodash')}`,
      `vulnerability-fixable package-lock.json:${lockLine(lock, 'node_modules/minimist')}`,
      `vulnerability-fixable package-lock.json:${lockLine(lock, 'node_modules/path-to-regexp')}`,
    ]);
  });

  it('fails on a committed secret at its file and line, masked, and annotates it under GitHub Actions', async () => {
    const dir = await project(REDUX_BERRY);
    await mkdir(path.join(dir, 'deploy'));
    await writeFile(path.join(dir, 'deploy', 'settings.env'), 'REGION=eu-west-1\n# deploy user\nAWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\n');
    const summary = path.join(dir, 'step-summary.md');
    await writeFile(summary, '# earlier step\n');
    const result = await runCli(['gate', '.', '--format', 'text,sarif'], { cwd: dir, env: { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary } });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^::error file=deploy\/settings\.env,line=3,title=secrets \(critical\)::deploy\/settings\.env:3: /m);
    expect(result.stdout).toContain('  ✗ deploy/settings.env:3: ');
    expect(result.stdout).not.toContain('AKIAIOSFODNN7EXAMPLE');
    const sarif = JSON.parse(await readFile(path.join(dir, OUT, 'chainward.sarif'), 'utf8')) as { runs: Array<{ results: Array<{ ruleId: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }> }> }> };
    const secret = sarif.runs[0]?.results.find((r) => r.ruleId === 'secrets');
    expect(secret?.locations[0]?.physicalLocation).toEqual({ artifactLocation: { uri: 'deploy/settings.env', uriBaseId: '%SRCROOT%' }, region: { startLine: 3 } });
    const appended = await readFile(summary, 'utf8');
    expect(appended).toMatch(/^# earlier step\n## ❌ Chainward gate: failed\n/);
    expect(appended).not.toContain('AKIAIOSFODNN7EXAMPLE');
  });

  it('honours waivers: exit 0, every waived violation listed with its approver', async () => {
    const dir = await project(WEBAPP);
    const policy = await project(path.join(PROJECT_ROOT, 'policies', 'default'));
    const waiver = (purl: string, advisory: string): string =>
      `  - rule: vulnerability-fixable\n    purl: ${purl}\n    advisory: ${advisory}\n    reason: upgrade planned in sprint 48\n    approver: Ada Lovelace <ada@example.org>\n    created: 2026-01-01\n    expires: 2099-01-01\n`;
    await writeFile(
      path.join(policy, 'waivers.yaml'),
      'apiVersion: chainward.dev/v1\nkind: Waivers\nwaivers:\n' +
        waiver('pkg:npm/lodash', 'GHSA-35jh-r3h4-6jhm') +
        waiver('pkg:npm/minimist@1.2.5', 'GHSA-xvch-5gv4-984h') +
        waiver('pkg:npm/path-to-regexp', 'CVE-2024-45296'),
    );
    const result = await runCli(['gate', '.', '--policy', policy, '--advisories', OSV, '--format', 'text,json'], { cwd: dir });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('WAIVED 3 violations:\n');
    expect(result.stdout).toContain('  ~ vulnerability-fixable: lodash@4.17.20: GHSA-35jh-r3h4-6jhm (high, CVSS 7.2)');
    expect(result.stdout).toContain('— waived until 2099-01-01 by Ada Lovelace <ada@example.org> (upgrade planned in sprint 48)');
    const report = await readJson<GateJson>(path.join(dir, OUT, 'chainward-gate.json'));
    expect(report.verdict).toBe('pass');
    expect(rule(report, 'vulnerability-fixable').waived.map((w) => w.evidence.purl)).toEqual(['pkg:npm/lodash@4.17.20', 'pkg:npm/minimist@1.2.5', 'pkg:npm/path-to-regexp@0.1.7']);
    expect(report.waivers.map((w) => `${w.state} ${w.matched}`)).toEqual(['applied 1', 'applied 1', 'applied 1']);
  });

  it('with a baseline fails only on what is new; an upgrade that stays vulnerable is not new', async () => {
    const dir = await project(WEBAPP);
    const lodashOnly = await project(OSV);
    for (const file of ['GHSA-xvch-5gv4-984h.json', 'GHSA-9wv6-86v2-598j.json']) await rm(path.join(lodashOnly, file));
    const first = await runCli(['gate', '.', '--advisories', lodashOnly, '--format', 'json', '--output-dir', 'main'], { cwd: dir });
    expect(first.code).toBe(1);
    const baseline = await readJson<GateJson>(path.join(dir, 'main', 'chainward-gate.json'));
    expect(rule(baseline, 'vulnerability-fixable').violations.map((v) => v.identity)).toEqual(['vulnerability-fixable|pkg:npm/lodash|GHSA-35jh-r3h4-6jhm']);

    // The branch moves lodash to 4.17.19 (still affected) and gains two advisories on other packages.
    const lockFile = path.join(dir, 'package-lock.json');
    const lock = await readFile(lockFile, 'utf8');
    await writeFile(lockFile, lock.replace(/("node_modules\/lodash": \{\n\s+"version": )"4\.17\.20"/, '$1"4.17.19"'));
    const result = await runCli(['gate', '.', '--advisories', OSV, '--baseline', path.join('main', 'chainward-gate.json'), '--format', 'text,json,sarif'], { cwd: dir });
    expect(result.code).toBe(1);
    const report = await readJson<GateJson>(path.join(dir, OUT, 'chainward-gate.json'));
    expect(rule(report, 'vulnerability-fixable').violations.map((v) => `${v.evidence.purl} ${v.state} ${v.failing}`)).toEqual([
      'pkg:npm/lodash@4.17.19 baseline false',
      'pkg:npm/minimist@1.2.5 new true',
      'pkg:npm/path-to-regexp@0.1.7 new true',
    ]);
    expect(report.counts).toMatchObject({ failing: 2 });
    expect(result.stdout).toContain('  (1 more violation already in the baseline or below --fail-on)\n');
    const sarif = JSON.parse(await readFile(path.join(dir, OUT, 'chainward.sarif'), 'utf8')) as { runs: Array<{ results: Array<{ ruleId: string; baselineState?: string; level: string }> }> };
    expect(sarif.runs[0]?.results.filter((r) => r.ruleId === 'vulnerability-fixable').map((r) => `${r.baselineState} ${r.level}`)).toEqual(['unchanged warning', 'new error', 'new error']);

    // Against a baseline that has them all, nothing is new: exit 0, the old failures still reported.
    const again = await runCli(['gate', '.', '--advisories', OSV, '--baseline', path.join(OUT, 'chainward-gate.json'), '--format', 'text', '--output-dir', 'second'], { cwd: dir });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('KNOWN vulnerability-fixable (fail, high): 3 violations, all in the baseline\n');
  });

  it('--vex: a not_affected analysis suppresses the finding, and the report says so', async () => {
    const dir = await project(WEBAPP);
    const vex = {
      bomFormat: 'CycloneDX',
      specVersion: '1.6',
      version: 1,
      vulnerabilities: [{ id: 'CVE-2021-23337', analysis: { state: 'not_affected', justification: 'code_not_reachable' }, affects: [{ ref: 'pkg:npm/lodash@4.17.20' }] }],
    };
    await writeFile(path.join(dir, 'vex.cdx.json'), JSON.stringify(vex));
    const result = await runCli(['gate', '.', '--advisories', OSV, '--vex', 'vex.cdx.json', '--format', 'json'], { cwd: dir });
    expect(result.code).toBe(1);
    const report = await readJson<GateJson & { findings: Array<{ purl: string; advisoryId: string; suppressed?: { state: string; justification?: string } }> }>(path.join(dir, OUT, 'chainward-gate.json'));
    expect(rule(report, 'vulnerability-fixable').violations.map((v) => v.evidence.purl)).toEqual(['pkg:npm/minimist@1.2.5', 'pkg:npm/path-to-regexp@0.1.7']);
    expect(report.findings.filter((f) => f.suppressed).map((f) => `${f.purl} ${f.advisoryId} ${f.suppressed?.state} ${f.suppressed?.justification}`)).toEqual([
      'pkg:npm/lodash@4.17.20 GHSA-35jh-r3h4-6jhm not_affected code_not_reachable',
    ]);
    await writeFile(path.join(dir, 'broken.json'), '{"bomFormat": "SPDX"}');
    const broken = await runCli(['gate', '.', '--vex', 'broken.json'], { cwd: dir });
    expect(broken).toMatchObject({ code: 2, stdout: '' });
    expect(broken.stderr).toBe('chainward: broken.json: invalid VEX document: not a CycloneDX JSON document (bomFormat "CycloneDX")\n');
  });

  it('--fail-on critical lets high-severity rules only warn', async () => {
    const dir = await project(WEBAPP);
    const result = await runCli(['gate', '.', '--advisories', OSV, '--fail-on', 'critical', '--format', 'text'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('fail-on: critical (rules below it only warn)\n');
  });

  it('refuses a malformed policy with exit 2 at file:line:column, and writes nothing', async () => {
    const dir = await project(WEBAPP);
    const policy = path.join(FIXTURES, 'policy', 'invalid-duplicate-rule-id.yaml');
    const result = await runCli(['gate', dir, '--policy', policy, '--output-dir', path.join(dir, 'out')]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      `${path.relative(PROJECT_ROOT, policy)}:23:9: duplicate rule id "secrets"; it is first used at line 8\nchainward: ${policy}: 1 problem\n`,
    );
    await expect(readFile(path.join(dir, 'out', 'chainward.sarif'))).rejects.toThrow(/ENOENT/);
  });

  it('refuses bad usage and a bad baseline with exit 2', async () => {
    const dir = await project(REDUX_BERRY);
    expect((await runCli(['gate', dir, '--format', 'text,pdf'])).stderr).toContain("unknown format pdf; choose from text, sarif, junit, markdown, json, gitlab");
    const notBaseline = path.join(dir, 'package.json');
    const result = await runCli(['gate', dir, '--baseline', notBaseline]);
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toBe(`chainward: ${notBaseline}: invalid baseline: not a gate result (expected "format": "chainward.gate/v1", as \`chainward gate --format json\` writes)\n`);
    expect((await runCli(['gate', dir, '--server', 'http://127.0.0.1:9'])).stderr).toBe('chainward: --server needs --token (or CHAINWARD_TOKEN)\n');
  });

  it('keeps its outcome when the server it reports to is down, with a warning', async () => {
    const dir = await project(WEBAPP);
    const down = `http://127.0.0.1:${await closedPort()}`;
    const result = await runCli(['gate', '.', '--advisories', OSV, '--format', 'json', '--report-to', down, '--token', 't0ken'], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`chainward: warning: could not report the result to ${down}: cannot reach ${down}/api/v1/gate-results: ECONNREFUSED; the gate's outcome stands\n`);
  });
});
