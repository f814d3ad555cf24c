import { createHash } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { canonicalize } from 'json-canonicalize';
import { fingerprint } from './digest.js';
import { finding, graphOf, library, licence, policyOf, ROOT } from './__fixtures__/facts.js';
import { evaluatePolicy, type EvaluatePolicyInput } from './evaluate.js';
import { memoryRepositoryFiles } from './memory-files.js';
import type { PolicySetInput } from './policy-set.schema.js';
import type { Waiver } from './waiver.schema.js';

const rules: PolicySetInput['rules'] = [
  { id: 'licence-copyleft', title: 'No copyleft', severity: 'high', action: 'fail', condition: { kind: 'licence', deny: { categories: ['strong-copyleft'] }, unknown: 'allow' } },
  { id: 'vulnerabilities', title: 'Vulnerabilities', severity: 'high', action: 'fail', condition: { kind: 'vulnerability', severityAtLeast: 'high' } },
  { id: 'secrets', title: 'Secrets', severity: 'critical', action: 'fail', condition: { kind: 'repository', forbiddenContent: { secrets: ['password-literal'] } } },
  { id: 'deprecated', title: 'Deprecated', severity: 'low', action: 'warn', condition: { kind: 'package', forbidDeprecated: true } },
  { id: 'a-licence-file', title: 'Licence file', severity: 'info', action: 'info', condition: { kind: 'repository', requiredFiles: ['LICENSE'] } },
];
const policy = policyOf(rules);

const gpl = library('pkg:npm/gpl-lib@1.0.0', { licenses: [licence('GPL-3.0-only')] });
const lodash = library('pkg:npm/lodash@4.17.15');
const old = library('pkg:npm/request@2.88.2', { properties: { 'chainward:deprecated': 'no longer maintained' } });

function input(overrides: Partial<EvaluatePolicyInput> = {}): EvaluatePolicyInput {
  return {
    graph: graphOf([gpl, lodash, old]),
    findings: [finding(lodash.ref, { advisoryId: 'GHSA-35jh-r3h4-6jhm', aliases: ['CVE-2021-23337'] })],
    files: memoryRepositoryFiles([{ path: 'src/db.ts', content: 'const password = "hunter2hunter2";\n' }]),
    policy,
    waivers: [],
    now: new Date('2026-11-01T00:00:00Z'),
    ...overrides,
  };
}

const waiver = (fields: Partial<Waiver>): Waiver => ({
  rule: 'licence-copyleft',
  purl: 'pkg:npm/gpl-lib',
  reason: 'bought a commercial licence',
  approver: 'Jane Doe',
  created: '2026-10-01',
  expires: '2027-01-01',
  ...fields,
});

describe('evaluatePolicy', () => {
  it('returns every rule sorted by id, with statuses, and fails only on rules whose action is fail', () => {
    const results = evaluatePolicy(input());
    expect(results.rules.map((r) => [r.id, r.status, r.violations.length])).toEqual([
      ['a-licence-file', 'failed', 1],
      ['deprecated', 'failed', 1],
      ['licence-copyleft', 'failed', 1],
      ['secrets', 'failed', 1],
      ['vulnerabilities', 'failed', 1],
    ]);
    expect(results.outcome).toBe('failed');
    expect(results.summary).toEqual({ rules: 5, passed: 0, failed: 5, waived: 0, failing: 3, warnings: 1 });
    expect(results.evaluatedAt).toBe('2026-11-01T00:00:00.000Z');
  });

  it('passes when only warn and info rules fail', () => {
    const results = evaluatePolicy(input({ graph: graphOf([old]), findings: [], files: memoryRepositoryFiles([]) }));
    expect(results.outcome).toBe('passed');
    expect(results.summary).toEqual({ rules: 5, passed: 3, failed: 2, waived: 0, failing: 0, warnings: 1 });
  });

  it('carries the policy version and the SHA-256 of its canonical JSON, which changes with the policy', () => {
    const results = evaluatePolicy(input());
    const expected = `sha256:${createHash('sha256').update(canonicalize(policy)).digest('hex')}`;
    expect(results.policy).toEqual({ name: 'test', version: '1.0.0', digest: expected });
    const retitled = policyOf(rules.map((rule, index) => (index === 0 ? { ...rule, title: 'Changed' } : rule)));
    expect(evaluatePolicy(input({ policy: retitled })).policy.digest).not.toBe(expected);
    expect(results.waiversDigest).toBe(`sha256:${createHash('sha256').update('[]').digest('hex')}`);
  });

  it('gives the same results whatever order the facts arrive in', () => {
    const shuffled = graphOf([old, lodash, gpl]);
    const files = memoryRepositoryFiles([
      { path: 'z.ts', content: 'password = "abcdefgh"' },
      { path: 'a.ts', content: 'password = "abcdefgh"' },
    ]);
    const reversedFiles = memoryRepositoryFiles([
      { path: 'a.ts', content: 'password = "abcdefgh"' },
      { path: 'z.ts', content: 'password = "abcdefgh"' },
    ]);
    const two = [finding(lodash.ref, { advisoryId: 'GHSA-b' }), finding(lodash.ref, { advisoryId: 'GHSA-a' })];
    const first = evaluatePolicy(input({ files, findings: two }));
    const second = evaluatePolicy(input({ graph: shuffled, files: reversedFiles, findings: [...two].reverse() }));
    expect(JSON.stringify(second)).toBe(JSON.stringify(first));
    expect(first.rules.find((r) => r.id === 'secrets')?.violations.map((v) => v.evidence.kind === 'file' && v.evidence.file)).toEqual(['a.ts', 'z.ts']);
  });

  it('gives violations stable fingerprints of rule id and subject', () => {
    const results = evaluatePolicy(input());
    const one = results.rules.find((r) => r.id === 'licence-copyleft')?.violations[0];
    expect(one?.fingerprint).toBe(fingerprint('licence-copyleft\u0000pkg:npm/gpl-lib@1.0.0'));
    const all = results.rules.flatMap((r) => r.violations.map((v) => v.fingerprint));
    expect(new Set(all).size).toBe(all.length);
  });

  it('shows the shortest path from a root to the component, ties broken by ref order', () => {
    const a = library('pkg:npm/a@1.0.0');
    const b = library('pkg:npm/b@1.0.0');
    const c = library('pkg:npm/c@1.0.0');
    const deep = library('pkg:npm/deep@1.0.0', { licenses: [licence('GPL-2.0-only')], direct: false });
    // root -> b -> deep, root -> a -> c -> deep, root -> a -> deep: two shortest paths, through a and through b.
    const graph = graphOf([b, a, c, deep], [
      [b.ref, deep.ref],
      [a.ref, c.ref],
      [c.ref, deep.ref],
      [a.ref, deep.ref],
    ]);
    const violation = evaluatePolicy(input({ graph, findings: [] })).rules.find((r) => r.id === 'licence-copyleft')?.violations[0];
    expect(violation?.evidence).toMatchObject({ kind: 'component', ref: deep.ref, path: [ROOT, a.ref, deep.ref] });
  });
});

describe('evaluatePolicy: scope', () => {
  it('is not applicable to a repository outside the scope', () => {
    const scoped = policyOf(rules, { scope: { repositories: ['acme/payments-*'], tags: ['pci'] } });
    expect(evaluatePolicy(input({ policy: scoped, repository: { name: 'acme/website', tags: ['pci'] } })).outcome).toBe('not-applicable');
    expect(evaluatePolicy(input({ policy: scoped, repository: { name: 'acme/payments-api', tags: [] } })).outcome).toBe('not-applicable');
    expect(evaluatePolicy(input({ policy: scoped, repository: { name: 'acme/payments-api', tags: ['pci'] } })).outcome).toBe('failed');
  });

  it('checks only components and findings of the ecosystems in scope', () => {
    const python = library('pkg:pypi/gpl-py@1.0.0', { licenses: [licence('GPL-3.0-only')] });
    const scoped = policyOf(rules, { scope: { ecosystems: ['pypi'] } });
    const results = evaluatePolicy(input({ policy: scoped, graph: graphOf([gpl, lodash, python]) }));
    const copyleft = results.rules.find((r) => r.id === 'licence-copyleft');
    expect(copyleft?.violations.map((v) => v.evidence.kind === 'component' && v.evidence.ref)).toEqual([python.ref]);
    expect(results.rules.find((r) => r.id === 'vulnerabilities')?.status).toBe('passed');
  });
});

describe('evaluatePolicy: waivers', () => {
  const copyleft = (results: ReturnType<typeof evaluatePolicy>) => results.rules.find((r) => r.id === 'licence-copyleft');

  it('applies a valid waiver and lists it with its approver and expiry', () => {
    const results = evaluatePolicy(input({ waivers: [waiver({})] }));
    expect(copyleft(results)?.status).toBe('waived');
    expect(copyleft(results)?.waived[0]?.waiver).toEqual({ index: 0, rule: 'licence-copyleft', target: 'pkg:npm/gpl-lib', approver: 'Jane Doe', reason: 'bought a commercial licence', expires: '2027-01-01' });
    expect(results.waivers).toEqual([
      { index: 0, rule: 'licence-copyleft', target: 'pkg:npm/gpl-lib', approver: 'Jane Doe', reason: 'bought a commercial licence', expires: '2027-01-01', created: '2026-10-01', state: 'applied', matched: 1 },
    ]);
  });

  it('reports an expired waiver, does not apply it, and names it on the violation', () => {
    const results = evaluatePolicy(input({ waivers: [waiver({ expires: '2026-11-01' })] }));
    expect(copyleft(results)?.status).toBe('failed');
    expect(copyleft(results)?.violations[0]?.expiredWaiver?.expires).toBe('2026-11-01');
    expect(results.waivers.map((w) => [w.state, w.matched, w.note])).toEqual([['expired', 1, 'expired 2026-11-01']]);
  });

  it('rejects a waiver longer than the policy set allows, or dated after the evaluation', () => {
    const strict = policyOf(rules, { waivers: { maxDurationDays: 90 } });
    const results = evaluatePolicy(input({ policy: strict, waivers: [waiver({ created: '2026-10-01', expires: '2027-10-01' }), waiver({ created: '2026-12-01', expires: '2027-01-01' })] }));
    expect(copyleft(results)?.status).toBe('failed');
    expect(results.waivers.map((w) => [w.state, w.note])).toEqual([
      ['rejected', 'lasts 365 days; the policy set allows at most 90'],
      ['rejected', 'created 2026-12-01, after the evaluation time'],
    ]);
  });

  it('matches versions, advisories, files and repositories as written', () => {
    const results = evaluatePolicy(
      input({
        repository: { name: 'acme/api' },
        waivers: [
          waiver({ purl: 'pkg:npm/gpl-lib@2.0.0' }),
          waiver({ rule: 'vulnerabilities', purl: 'pkg:npm/lodash', advisory: 'CVE-2021-23337' }),
          waiver({ rule: 'secrets', purl: undefined, file: 'src/**' }),
          waiver({ rule: 'deprecated', purl: 'pkg:npm/request', repositories: ['acme/web'] }),
        ],
      }),
    );
    expect(results.rules.map((r) => [r.id, r.status])).toEqual([
      ['a-licence-file', 'failed'],
      ['deprecated', 'failed'],
      ['licence-copyleft', 'failed'],
      ['secrets', 'waived'],
      ['vulnerabilities', 'waived'],
    ]);
    expect(results.waivers.map((w) => [w.index, w.state])).toEqual([
      [0, 'unused'],
      [1, 'applied'],
      [2, 'applied'],
    ]);
  });
});
