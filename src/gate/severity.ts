import type { RuleSeverity } from '../policy/index.js';

const RANK: Record<RuleSeverity, number> = { info: 0, low: 1, medium: 2, high: 3, critical: 4 };

export const RULE_SEVERITY_ORDER: readonly RuleSeverity[] = ['critical', 'high', 'medium', 'low', 'info'];

/** `--fail-on high`: only rules of severity high or critical fail the gate; without it, every `fail` rule does. */
export function meetsFailOn(severity: RuleSeverity, failOn: RuleSeverity | undefined): boolean {
  return failOn === undefined || RANK[severity] >= RANK[failOn];
}

export function severityRank(severity: RuleSeverity): number {
  return RANK[severity];
}
