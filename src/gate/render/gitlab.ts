/**
 * GitLab's code-quality report (`artifacts:reports:codequality`): a JSON array of issues with a description,
 * check name, fingerprint, severity and location. GitLab compares fingerprints between the merge request
 * and its target branch, so they come from the violation's identity (see `violationIdentity`).
 */
import { createHash } from 'node:crypto';
import type { RuleSeverity } from '../../policy/index.js';
import type { GateReport } from '../gate-report.js';
import { fixText, messageOf } from './describe.js';

type CodeQualitySeverity = 'info' | 'minor' | 'major' | 'critical' | 'blocker';

export interface CodeQualityIssue {
  description: string;
  check_name: string;
  fingerprint: string;
  severity: CodeQualitySeverity;
  location: { path: string; lines: { begin: number } };
}

const SEVERITY: Record<RuleSeverity, CodeQualitySeverity> = { critical: 'critical', high: 'major', medium: 'minor', low: 'info', info: 'info' };

export function codeQualityIssues(report: GateReport): CodeQualityIssue[] {
  const issues: CodeQualityIssue[] = [];
  for (const rule of report.rules) {
    const occurrences = new Map<string, number>();
    for (const violation of rule.violations) {
      const n = occurrences.get(violation.identity) ?? 0;
      occurrences.set(violation.identity, n + 1);
      issues.push({
        description: `${rule.id}: ${messageOf(violation)}${violation.fix ? ` (fix: ${fixText(violation.fix)})` : ''}`,
        check_name: rule.id,
        fingerprint: createHash('md5').update(`${violation.identity}\u0000${n}`).digest('hex'),
        // A violation that fails the gate is a blocker whatever the rule's severity.
        severity: violation.failing ? 'blocker' : SEVERITY[rule.severity],
        location: { path: violation.location.path, lines: { begin: violation.location.line } },
      });
    }
  }
  return issues;
}

export function renderGitlab(report: GateReport): string {
  return `${JSON.stringify(codeQualityIssues(report), null, 2)}\n`;
}
