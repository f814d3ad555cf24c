/**
 * The combiner: runs each rule's evaluator over facts prepared once, applies
 * waivers, and returns sorted, reproducible results. Pure: the same input
 * gives the same output, and `now` is the only clock.
 */
import { waiverBook } from './apply-waivers.js';
import type { Condition } from './condition.schema.js';
import { canonicalDigest, fingerprint } from './digest.js';
import { evaluateLicence } from './evaluate-licence.js';
import { evaluatePackage } from './evaluate-package.js';
import { evaluateRepository } from './evaluate-repository.js';
import { evaluateVulnerability } from './evaluate-vulnerability.js';
import { createContext, type EvaluationContext, type RuleOutput } from './evaluation-context.js';
import type { EvaluationFacts } from './facts.js';
import type { PolicySet } from './policy-set.schema.js';
import { policyAppliesTo } from './policy-scope.js';
import { compareText } from './problems.js';
import type { Evidence, PolicyResults, RawViolation, RuleResult, RuleStatus, Violation } from './results.js';
import type { Waiver } from './waiver.schema.js';

export interface EvaluatePolicyInput extends EvaluationFacts {
  policy: PolicySet;
  waivers: readonly Waiver[];
  now: Date;
}

export function evaluatePolicy(input: EvaluatePolicyInput): PolicyResults {
  const { policy, now } = input;
  const header = {
    policy: policyIdentity(policy),
    waiversDigest: canonicalDigest(input.waivers),
    evaluatedAt: now.toISOString(),
    ...(input.repository ? { repository: input.repository.name } : {}),
  };
  if (input.repository && !policyAppliesTo(policy, input.repository)) {
    return { ...header, outcome: 'not-applicable', summary: { rules: 0, passed: 0, failed: 0, waived: 0, failing: 0, warnings: 0 }, rules: [], waivers: [] };
  }

  const context = createContext(input, policy, now);
  const book = waiverBook(input.waivers, policy, now, input.repository);
  const rules: RuleResult[] = [...policy.rules]
    .sort((a, b) => compareText(a.id, b.id))
    .map((rule) => {
      const output = evaluateCondition(rule.condition, context);
      const found = output.violations.sort(compareViolations).map((raw): Violation => {
        const id = fingerprint(`${rule.id}\u0000${raw.key}`);
        return raw.advisory ? { fingerprint: id, reason: raw.reason, evidence: raw.evidence, advisory: raw.advisory } : { fingerprint: id, reason: raw.reason, evidence: raw.evidence };
      });
      const { violations, waived } = book.apply(rule.id, found);
      const status: RuleStatus = violations.length > 0 ? 'failed' : waived.length > 0 ? 'waived' : 'passed';
      return {
        id: rule.id,
        title: rule.title,
        severity: rule.severity,
        action: rule.action,
        kind: rule.condition.kind,
        status,
        violations,
        waived,
        notes: output.notes,
      };
    });

  const count = (predicate: (rule: RuleResult) => boolean): number => rules.filter(predicate).length;
  const failing = count((rule) => rule.status === 'failed' && rule.action === 'fail');
  return {
    ...header,
    outcome: failing > 0 ? 'failed' : 'passed',
    summary: {
      rules: rules.length,
      passed: count((rule) => rule.status === 'passed'),
      failed: count((rule) => rule.status === 'failed'),
      waived: count((rule) => rule.status === 'waived'),
      failing,
      warnings: count((rule) => rule.status === 'failed' && rule.action === 'warn'),
    },
    rules,
    waivers: book.report(),
  };
}

function evaluateCondition(condition: Condition, context: EvaluationContext): RuleOutput {
  switch (condition.kind) {
    case 'licence':
      return evaluateLicence(condition, context);
    case 'vulnerability':
      return evaluateVulnerability(condition, context);
    case 'package':
      return evaluatePackage(condition, context);
    case 'repository':
      return evaluateRepository(condition, context);
  }
}

/** Name, version and digest: what results and ledger entries record of the policy set used. */
export function policyIdentity(policy: PolicySet): PolicyResults['policy'] {
  return { name: policy.metadata.name, version: policy.metadata.version, digest: policyDigest(policy) };
}

const digests = new WeakMap<PolicySet, string>();

/** SHA-256 of the policy set's canonical JSON (RFC 8785), as validated (defaults filled in). */
export function policyDigest(policy: PolicySet): string {
  let digest = digests.get(policy);
  if (!digest) {
    digest = canonicalDigest(policy);
    digests.set(policy, digest);
  }
  return digest;
}

function compareViolations(a: RawViolation, b: RawViolation): number {
  return compareEvidence(a.evidence, b.evidence) || compareText(a.key, b.key) || compareText(a.reason, b.reason);
}

function compareEvidence(a: Evidence, b: Evidence): number {
  if (a.kind !== b.kind) return compareText(a.kind, b.kind);
  if (a.kind === 'component' && b.kind === 'component') return compareText(a.ref, b.ref);
  if (a.kind === 'file' && b.kind === 'file') return compareText(a.file, b.file) || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0);
  return 0;
}
