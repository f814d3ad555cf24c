import { describe, expect, it } from '@jest/globals';
import { finding, graphOf, library, licence, policyOf } from './__fixtures__/facts.js';
import { diffPolicySets, type RepositorySnapshot } from './diff.js';
import { memoryRepositoryFiles } from './memory-files.js';
import type { PolicySetInput } from './policy-set.schema.js';

const copyleft = (categories: string[]): PolicySetInput['rules'][number] => ({
  id: 'licence-copyleft',
  title: 'No copyleft',
  severity: 'high',
  action: 'fail',
  condition: { kind: 'licence', deny: { categories: categories as never }, unknown: 'allow' },
});
const vulnerabilities: PolicySetInput['rules'][number] = { id: 'vulnerabilities', title: 'No high vulnerabilities', severity: 'high', action: 'fail', condition: { kind: 'vulnerability', severityAtLeast: 'high' } };

const before = { policy: policyOf([copyleft(['strong-copyleft']), vulnerabilities], { metadata: { name: 'org', version: '1.0.0', owner: 'ospo' } }), waivers: [] };
const after = {
  policy: policyOf([copyleft(['strong-copyleft', 'weak-copyleft'])], { metadata: { name: 'org', version: '2.0.0', owner: 'ospo' } }),
  waivers: [{ rule: 'licence-copyleft', purl: 'pkg:npm/gpl-lib', reason: 'commercial licence', approver: 'Jane Doe', created: '2026-10-01', expires: '2027-01-01' }],
};

const snapshot = (name: string, components: ReturnType<typeof library>[], findings = [] as ReturnType<typeof finding>[]): RepositorySnapshot => ({
  repository: { name },
  graph: graphOf(components),
  findings,
  files: memoryRepositoryFiles([]),
});

describe('diffPolicySets', () => {
  it('lists, per repository, the rules that newly fail, newly pass or change waiver state', () => {
    const lodash = library('pkg:npm/lodash@4.17.15');
    const diff = diffPolicySets({
      before,
      after,
      now: new Date('2026-11-01T00:00:00Z'),
      snapshots: [
        snapshot('acme/web', [library('pkg:npm/mpl-lib@1.0.0', { licenses: [licence('MPL-2.0')] })]),
        snapshot('acme/api', [library('pkg:npm/gpl-lib@1.0.0', { licenses: [licence('GPL-3.0-only')] }), lodash], [finding(lodash.ref)]),
        snapshot('acme/docs', [library('pkg:npm/mit-lib@1.0.0')]),
      ],
    });
    expect(diff.before).toEqual({ name: 'org', version: '1.0.0', digest: expect.stringMatching(/^sha256:/) });
    expect(diff.after.version).toBe('2.0.0');
    expect(diff.repositories).toEqual([
      {
        repository: 'acme/api',
        outcomeBefore: 'failed',
        outcomeAfter: 'passed',
        changes: [
          { ruleId: 'licence-copyleft', change: 'newly-waived', before: 'failed', after: 'waived', violationsBefore: 1, violationsAfter: 0 },
          { ruleId: 'vulnerabilities', change: 'newly-passing', before: 'failed', after: 'absent', violationsBefore: 1, violationsAfter: 0 },
        ],
      },
      { repository: 'acme/docs', outcomeBefore: 'passed', outcomeAfter: 'passed', changes: [] },
      {
        repository: 'acme/web',
        outcomeBefore: 'passed',
        outcomeAfter: 'failed',
        changes: [{ ruleId: 'licence-copyleft', change: 'newly-failing', before: 'passed', after: 'failed', violationsBefore: 0, violationsAfter: 1 }],
      },
    ]);
    expect(diff.summary).toEqual({ repositories: 3, newlyFailing: 1, newlyPassing: 1, changed: 2 });
  });

  it('reports a waiver that stops applying in the new version', () => {
    const diff = diffPolicySets({
      before: after,
      after: { ...after, waivers: [] },
      now: new Date('2026-11-01T00:00:00Z'),
      snapshots: [snapshot('acme/api', [library('pkg:npm/gpl-lib@1.0.0', { licenses: [licence('GPL-3.0-only')] })])],
    });
    expect(diff.repositories[0]?.changes.map((c) => [c.ruleId, c.change, c.before, c.after])).toEqual([['licence-copyleft', 'newly-failing', 'waived', 'failed']]);
  });
});
