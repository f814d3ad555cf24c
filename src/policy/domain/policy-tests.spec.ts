import { describe, expect, it } from '@jest/globals';
import { policyOf } from './__fixtures__/facts.js';
import { parsePolicyTests } from './load-policy.js';
import { runPolicyTests } from './policy-tests.js';

const policy = policyOf([
  { id: 'no-gpl', title: 'No GPL', severity: 'high', action: 'fail', condition: { kind: 'licence', deny: { categories: ['strong-copyleft'] }, unknown: 'allow' } },
  { id: 'exploited', title: 'No exploited vulnerability', severity: 'critical', action: 'fail', condition: { kind: 'vulnerability', knownExploited: true } },
]);

const testsFile = `
apiVersion: chainward.dev/v1
kind: PolicyTests
cases:
  - name: right expectations
    now: 2026-11-01
    given:
      components:
        - { purl: pkg:npm/app-lib@1.0.0, licences: [MIT], dependsOn: [pkg:npm/gpl-lib@2.0.0] }
        - { purl: pkg:npm/gpl-lib@2.0.0, licences: [GPL-2.0-only] }
      findings:
        - { component: pkg:npm/app-lib@1.0.0, advisory: GHSA-aaaa-bbbb-cccc, severity: low, knownExploited: true }
    expect:
      outcome: failed
      rules:
        no-gpl: { status: failed, violations: 1 }
        exploited: failed
  - name: wrong expectations
    now: 2026-11-01
    given:
      components:
        - { purl: pkg:npm/gpl-lib@2.0.0, licences: [GPL-2.0-only] }
    expect:
      outcome: passed
      rules:
        no-gpl: { status: passed, violations: 0 }
        exploited: passed
`;

describe('runPolicyTests', () => {
  it('passes a case whose expectations hold and shows a diff for one whose expectations do not', () => {
    const tests = parsePolicyTests({ path: 'tests/cases.yaml', text: testsFile });
    if (!tests.ok) throw new Error(tests.problems.map((p) => p.message).join('\n'));
    const report = runPolicyTests({ policy, waivers: [], tests: [{ file: 'tests/cases.yaml', tests: tests.value }] });
    expect(report.passed).toBe(1);
    expect(report.failed).toBe(1);
    expect(report.cases.map((c) => [c.file, c.name, c.passed])).toEqual([
      ['tests/cases.yaml', 'right expectations', true],
      ['tests/cases.yaml', 'wrong expectations', false],
    ]);
    expect(report.cases[1]?.diff).toEqual([
      '- outcome: passed',
      '+ outcome: failed',
      '- no-gpl: passed',
      '+ no-gpl: failed',
      '- no-gpl: 0 violation(s)',
      '+ no-gpl: 1 violation(s)',
      '  because: licence GPL-2.0-only is strong-copyleft, a denied category',
    ]);
  });

  it('builds the graph the case describes: dependsOn makes a component transitive', () => {
    const tests = parsePolicyTests({ path: 't.yaml', text: testsFile });
    if (!tests.ok) throw new Error('invalid');
    const report = runPolicyTests({ policy, waivers: [], tests: [{ file: 't.yaml', tests: tests.value }] });
    const evidence = report.cases[0]?.results.rules.find((r) => r.id === 'no-gpl')?.violations[0]?.evidence;
    expect(evidence).toMatchObject({ path: ['pkg:generic/policy-test-repository', 'pkg:npm/app-lib@1.0.0', 'pkg:npm/gpl-lib@2.0.0'] });
  });
});
