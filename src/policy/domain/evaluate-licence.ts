import type { LicenceCondition } from './condition.schema.js';
import { isSelected, type EvaluationContext, type RuleOutput } from './evaluation-context.js';
import { licenceJudge } from './licence-judge.js';

/** One violation per component whose licences the condition refuses. */
export function evaluateLicence(condition: LicenceCondition, context: EvaluationContext): RuleOutput {
  const judge = licenceJudge(condition);
  const violations: RuleOutput['violations'] = [];
  for (const node of context.components) {
    if (!isSelected(node, condition)) continue;
    const refusal = judge.refusal(node.licenses);
    if (refusal) violations.push({ key: node.ref, reason: refusal, evidence: context.evidenceFor(node) });
  }
  return { violations, notes: [] };
}
