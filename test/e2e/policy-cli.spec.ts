import { spawnSync } from 'node:child_process';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { copyToTemp, FIXTURES, PROJECT_ROOT, runCli } from '../support/cli.js';

const lines = (text: string): string[] => text.split('\n').filter(Boolean);
const temporary: string[] = [];

afterAll(async () => {
  await Promise.all(temporary.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('chainward policy validate', () => {
  it.each([
    ['policies/default', 'OK policies/default: policy set "default" 1.0.0 (8 rules, 0 waivers, 18 test cases)'],
    ['policies/regulated-finance', 'OK policies/regulated-finance: policy set "regulated-finance" 1.0.0 (13 rules, 1 waiver, 14 test cases)'],
    ['test/fixtures/policy/valid-minimal.yaml', 'OK test/fixtures/policy/valid-minimal.yaml: policy set "minimal" 0.1.0 (1 rule, 0 waivers, 0 test cases)'],
  ])('accepts %s with one OK line and exit 0', async (target, expected) => {
    const result = await runCli(['policy', 'validate', target]);
    expect(result).toEqual({ code: 0, stdout: `${expected}\n`, stderr: '' });
  });

  it.each([
    ['invalid-alias-bomb.yaml', ['4:9: the file expands YAML aliases too many times (limit 32); write the values out instead']],
    ['invalid-duplicate-rule-id.yaml', ['23:9: duplicate rule id "secrets"; it is first used at line 8']],
    [
      'invalid-unknown-keys.yaml',
      [
        '4:3: metadata is missing the required key "owner"',
        '6:3: unknown key "ower" in metadata; did you mean "owner"?',
        '8:5: rules[0] is missing the required key "severity"',
        '10:5: unknown key "serverity" in rules[0]; did you mean "severity"?',
        '15:9: unknown key "categorys" in rules[0].condition.deny; did you mean "categories"?',
        '17:7: unknown key "colour" in rules[0].condition; allowed keys are kind, allow, deny, unknown, developmentDependencies, scopes',
      ],
    ],
    [
      'invalid-values.yaml',
      [
        '1:13: apiVersion must be "chainward.dev/v1", not "chainward.dev/v2"',
        '5:12: metadata.version must be a text, not the number 1; put it in quotes',
        '8:9: rules[0].id must be lower-case letters, digits, ".", "_" or "-" (at most 80), starting with a letter or digit',
        '10:15: rules[0].severity must be one of critical, high, medium, low, info, not "urgent"',
        '11:13: rules[0].action must be one of fail, warn, info, not "block"',
        '13:13: rules[0].condition.kind must be one of licence, vulnerability, package, repository, not "license"; did you mean "licence"?',
        '21:25: rules[1].condition.maxFileSizeBytes must be a number, not "10MB"',
        '28:25: rules[2].condition.cvssScoreAtLeast must be at most 10',
        '29:32: rules[2].condition.publishedAtLeastDaysAgo must be at least 0',
      ],
    ],
    [
      'invalid-missing-keys.yaml',
      [
        '4:3: metadata is missing the required key "owner"',
        '7:5: rules[0] is missing the required key "action"',
        '18:7: rules[1].condition is missing the required key "kind" (one of licence, vulnerability, package, repository)',
      ],
    ],
    [
      'invalid-yaml-syntax.yaml',
      [
        '7:3: the key "owner" appears twice in the same mapping',
        '11:1: YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]',
      ],
    ],
    // A lone waivers or policy-tests file is checked by its own kind.
    [
      'invalid-waivers.yaml',
      [
        '4:5: waivers[0] needs exactly one of `purl` or `file`',
        '10:14: waivers[0].expires must be later than `created`',
        '11:5: waivers[1] is missing the required key "approver"',
        '21:14: waivers[2].expires is not a date such as 2025-03-31 (found "next year")',
      ],
    ],
    [
      'invalid-policy-tests.yaml',
      [
        '8:69: cases[0].given.components[0].scope must be one of required, optional, excluded, not "shipped"',
        '13:27: cases[0].expect.rules.licence-copyleft must be one of passed, failed, waived, not "green"',
      ],
    ],
  ])('points at each problem of %s and exits 2', async (name, problems) => {
    const file = `test/fixtures/policy/${name}`;
    const result = await runCli(['policy', 'validate', file]);
    expect(result.code).toBe(2);
    expect(lines(result.stdout)).toEqual(problems.map((problem) => `${file}:${problem}`));
    expect(result.stderr).toBe(`chainward: ${file}: ${problems.length} problem${problems.length === 1 ? '' : 's'}\n`);
  });

  it('checks waivers against the policy set beside them', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'chainward-policy-'));
    temporary.push(dir);
    await copyFile(path.join(FIXTURES, 'policy', 'valid-waivers-policy.yaml'), path.join(dir, 'policy.yaml'));
    await copyFile(path.join(FIXTURES, 'policy', 'invalid-waivers-for-policy.yaml'), path.join(dir, 'waivers.yaml'));
    // Valid on its own: the waivers only break the rules of this particular policy set.
    expect((await runCli(['policy', 'validate', path.join(dir, 'waivers.yaml')])).code).toBe(0);

    const result = await runCli(['policy', 'validate', '.'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(lines(result.stdout)).toEqual([
      'waivers.yaml:4:11: waivers[0] names rule "licence-copylef", which the policy set does not define; did you mean "licence-copyleft"?',
      'waivers.yaml:15:14: waivers[1] lasts 365 days; policy set "with-waiver-limit" allows at most 90',
    ]);
  });

  it('names a path that does not exist, with exit 2', async () => {
    const result = await runCli(['policy', 'validate', 'policies/no-such-set']);
    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr: 'chainward: no policy set at policies/no-such-set (policies/no-such-set does not exist)\n',
    });
  });

  it('loads neither NestJS, TypeORM nor a database driver', async () => {
    const home = await mkdtemp(path.join(tmpdir(), 'chainward-trace-'));
    temporary.push(home);
    const trace = path.join(home, 'imports.txt');
    const result = spawnSync(
      process.execPath,
      ['--import', path.join(PROJECT_ROOT, 'test', 'support', 'import-trace.mjs'), path.join(PROJECT_ROOT, 'bin', 'chainward'), 'policy', 'validate', 'policies/default'],
      { cwd: PROJECT_ROOT, env: { ...process.env, CHAINWARD_IMPORT_TRACE: trace, CHAINWARD_HOME: home, DATABASE_URL: undefined }, encoding: 'utf8' },
    );
    expect(result.status).toBe(0);
    // Bundled packages leave no trace; only external ones (the server stack) would be recorded.
    const imported = lines(await readFile(trace, 'utf8').catch(() => ''));
    expect(imported.filter((name) => /^(@nestjs\/|typeorm|pg$|pg\/|@electric-sql\/|reflect-metadata|express)/.test(name))).toEqual([]);
  });
});

describe('chainward policy test', () => {
  it.each([
    ['policies/default', 18],
    ['policies/regulated-finance', 14],
  ])('runs every case of %s and passes', async (dir, cases) => {
    const result = await runCli(['policy', 'test', dir]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const output = lines(result.stdout);
    expect(output.filter((line) => line.startsWith(`PASS ${dir}/tests/`))).toHaveLength(cases);
    expect(output.at(-1)).toBe(`${cases} cases: ${cases} passed, 0 failed`);
  });

  it('shows the expected-versus-actual difference of a failing case and exits 1', async () => {
    const dir = await copyToTemp(path.join(PROJECT_ROOT, 'policies', 'default'));
    temporary.push(dir);
    const testsFile = path.join(dir, 'tests', 'licences.yaml');
    // The officer expects GPL in shipped code to pass: the evaluator disagrees.
    const text = await readFile(testsFile, 'utf8');
    const changed = text.replace(/(- name: a GPL library in shipped code fails[\s\S]*?outcome: )failed/, '$1passed');
    expect(changed).not.toBe(text);
    await writeFile(testsFile, changed);

    const result = await runCli(['policy', 'test', '.'], { cwd: dir });
    expect(result.code).toBe(1);
    const output = lines(result.stdout);
    const failing = output.indexOf('FAIL tests/licences.yaml: a GPL library in shipped code fails');
    expect(failing).toBeGreaterThan(-1);
    expect(output.slice(failing + 1, failing + 3)).toEqual(['    - outcome: passed', '    + outcome: failed']);
    expect(output.at(-1)).toBe('18 cases: 17 passed, 1 failed');
  });

  it('refuses a policy set without tests, with exit 2', async () => {
    const result = await runCli(['policy', 'test', 'test/fixtures/policy/valid-minimal.yaml']);
    expect(result).toEqual({ code: 2, stdout: '', stderr: 'chainward: test/fixtures/policy/valid-minimal.yaml: no policy tests (tests/*.yaml) to run\n' });
  });
});
