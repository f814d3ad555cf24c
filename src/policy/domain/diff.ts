/**
 * Dry-run impact of replacing a policy set: both versions are evaluated on
 * the same facts, and every repository's rules that newly fail, newly pass or
 * change waiver state are listed. Facts are passed in: the caller chooses
 * which stored scans they come from.
 */
import { evaluatePolicy, policyIdentity } from './evaluate.js';
import type { EvaluationFacts } from './facts.js';
import type { PolicySet } from './policy-set.schema.js';
import { compareText } from './problems.js';
import type { PolicyResults, RuleStatus } from './results.js';
import type { Waiver } from './waiver.schema.js';

export interface PolicyVersion {
  policy: PolicySet;
  waivers: readonly Waiver[];
}

export interface RepositorySnapshot extends EvaluationFacts {
  repository: NonNullable<EvaluationFacts['repository']>;
}

export type RuleChangeKind = 'newly-failing' | 'newly-passing' | 'newly-waived' | 'no-longer-waived';

export interface RuleChange {
  ruleId: string;
  change: RuleChangeKind;
  /** `absent` when the rule does not exist (or the set does not apply) on that side. */
  before: RuleStatus | 'absent';
  after: RuleStatus | 'absent';
  /** Violations (unwaived) on each side. */
  violationsBefore: number;
  violationsAfter: number;
}

export interface RepositoryImpact {
  repository: string;
  outcomeBefore: PolicyResults['outcome'];
  outcomeAfter: PolicyResults['outcome'];
  changes: RuleChange[];
}

export interface PolicyDiff {
  before: PolicyResults['policy'];
  after: PolicyResults['policy'];
  repositories: RepositoryImpact[];
  summary: { repositories: number; newlyFailing: number; newlyPassing: number; changed: number };
}

export function diffPolicySets(input: { before: PolicyVersion; after: PolicyVersion; snapshots: readonly RepositorySnapshot[]; now: Date }): PolicyDiff {
  const repositories = [...input.snapshots]
    .sort((a, b) => compareText(a.repository.name, b.repository.name))
    .map((snapshot) => {
      const before = evaluatePolicy({ ...snapshot, ...input.before, now: input.now });
      const after = evaluatePolicy({ ...snapshot, ...input.after, now: input.now });
      return { repository: snapshot.repository.name, outcomeBefore: before.outcome, outcomeAfter: after.outcome, changes: ruleChanges(before, after) };
    });
  const impacted = (kind: RuleChangeKind): number => repositories.filter((r) => r.changes.some((c) => c.change === kind)).length;
  return {
    before: policyIdentity(input.before.policy),
    after: policyIdentity(input.after.policy),
    repositories,
    summary: {
      repositories: repositories.length,
      newlyFailing: impacted('newly-failing'),
      newlyPassing: impacted('newly-passing'),
      changed: repositories.filter((r) => r.changes.length > 0).length,
    },
  };
}

function ruleChanges(before: PolicyResults, after: PolicyResults): RuleChange[] {
  const ids = [...new Set([...before.rules, ...after.rules].map((rule) => rule.id))].sort(compareText);
  const changes: RuleChange[] = [];
  for (const ruleId of ids) {
    const old = before.rules.find((rule) => rule.id === ruleId);
    const current = after.rules.find((rule) => rule.id === ruleId);
    const was = old?.status ?? 'absent';
    const now = current?.status ?? 'absent';
    const change = classify(was, now);
    if (!change) continue;
    changes.push({ ruleId, change, before: was, after: now, violationsBefore: old?.violations.length ?? 0, violationsAfter: current?.violations.length ?? 0 });
  }
  return changes;
}

function classify(before: RuleStatus | 'absent', after: RuleStatus | 'absent'): RuleChangeKind | undefined {
  if (after === 'failed' && before !== 'failed') return 'newly-failing';
  if (before === 'failed' && after === 'waived') return 'newly-waived';
  if (before === 'failed') return after === 'failed' ? undefined : 'newly-passing';
  if (before === 'waived' && after !== 'waived') return 'no-longer-waived';
  return undefined;
}
