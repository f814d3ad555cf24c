import type { Evidence, PolicyResults, RuleResult, Violation } from '../../policy/index.js';
import { plural } from './policy-input.js';

/** Evidence lines shown per failing rule; `chainward results <scan-id> --json` has all of them. */
const SHOWN_VIOLATIONS = 5;

/** The per-rule summary printed by `scan --policy` and `results`. */
export function formatPolicyResults(results: PolicyResults): string[] {
  const { policy, summary } = results;
  const lines = [`Policy ${policy.name}@${policy.version} (${policy.digest.slice(0, 19)}): ${results.outcome}`];
  for (const rule of results.rules) lines.push(...formatRule(rule));
  const states = countBy(results.waivers.map((waiver) => waiver.state));
  const waivers = Object.entries(states).map(([state, count]) => `${count} ${state}`);
  lines.push(
    `  ${plural(summary.rules, 'rule')}: ${summary.passed} passed, ${summary.failed} failed (${summary.failing} failing the evaluation), ${summary.waived} waived` +
      (waivers.length > 0 ? `; waivers: ${waivers.join(', ')}` : ''),
  );
  return lines;
}

function formatRule(rule: RuleResult): string[] {
  const counts = [
    rule.violations.length > 0 ? plural(rule.violations.length, 'violation') : '',
    rule.waived.length > 0 ? `${rule.waived.length} waived` : '',
  ].filter(Boolean);
  const lines = [`  ${rule.status.padEnd(6)}  ${rule.id} (${rule.action}, ${rule.severity})${counts.length > 0 ? `: ${counts.join(', ')}` : ''}`];
  for (const violation of rule.violations.slice(0, SHOWN_VIOLATIONS)) lines.push(`            - ${describeViolation(violation)}`);
  if (rule.violations.length > SHOWN_VIOLATIONS) lines.push(`            ... ${rule.violations.length - SHOWN_VIOLATIONS} more`);
  for (const waived of rule.waived.slice(0, SHOWN_VIOLATIONS)) {
    const stored = waived.waiver.id ? ` (stored waiver ${waived.waiver.id})` : '';
    lines.push(`            ~ ${describeEvidence(waived.evidence)}: waived until ${waived.waiver.expires} by ${waived.waiver.approver}${stored}`);
  }
  for (const note of rule.notes) lines.push(`            note: ${note}`);
  return lines;
}

function describeViolation(violation: Violation): string {
  const expired = violation.expiredWaiver ? ` (its waiver expired ${violation.expiredWaiver.expires})` : '';
  return `${describeEvidence(violation.evidence)}: ${violation.reason}${expired}`;
}

export function describeEvidence(evidence: Evidence): string {
  if (evidence.kind === 'file') {
    const where = [evidence.file, evidence.line, evidence.line !== undefined ? evidence.column : undefined].filter((part) => part !== undefined).join(':');
    return evidence.excerpt ? `${where} "${evidence.excerpt.trim()}"` : where;
  }
  // The path from the project root says why the component is there at all.
  const via = evidence.path.length > 2 ? ` via ${evidence.path.slice(1, -1).join(' > ')}` : '';
  return `${evidence.purl}${via}`;
}

function countBy(values: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of [...values].sort()) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}
