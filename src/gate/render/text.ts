/** The readable summary the gate prints on stdout: what failed, the evidence, and the fix or the waiver to request. */
import type { GateReport, GateRule, GateViolation } from '../gate-report.js';
import { waiverRequest } from '../waiver-request.js';
import { fixText, messageOf, pathOf, placeOf, plural } from './describe.js';

export interface TextOptions {
  /** Where waivers for this policy set live, for the "request a waiver" hint. */
  waiversFile: string;
  /** The policy set's longest allowed waiver, in days. */
  maxWaiverDays?: number;
  /** Violations shown per failing rule (all are in the JSON and SARIF). */
  shownFailing?: number;
  /** Violations shown per rule that does not fail the gate. */
  shownOthers?: number;
}

export function renderText(report: GateReport, options: TextOptions): string {
  const shownFailing = options.shownFailing ?? 20;
  const shownOthers = options.shownOthers ?? 3;
  const out: string[] = [];
  const { policy, counts } = report;
  const catalogue = report.advisories?.knownExploited ? `, known-exploited catalogue ${report.advisories.knownExploited.catalogVersion}` : '';
  const advisories = report.advisories ? `, ${plural(report.advisories.records, 'advisory', 'advisories')} about them${catalogue}` : ', no advisories';
  out.push(`chainward gate: ${report.verdict === 'fail' ? 'FAIL' : 'PASS'} — policy ${policy.name} ${policy.version} on ${report.repository.name} (${plural(report.sbom.components, 'component')}${advisories})`);
  if (report.baseline) out.push(`baseline: ${plural(report.baseline.violations, 'known violation')} from ${report.baseline.generatedAt}`);
  if (report.failOn) out.push(`fail-on: ${report.failOn} (rules below it only warn)`);

  const needWaiver: Array<{ rule: GateRule; violations: GateViolation[] }> = [];
  for (const rule of report.rules.filter((r) => r.failing)) {
    const failing = rule.violations.filter((v) => v.failing);
    out.push('', `FAIL  ${rule.id} (${rule.action}, ${rule.severity}): ${rule.title}`);
    for (const violation of failing.slice(0, shownFailing)) out.push(...violationLines(violation));
    if (failing.length > shownFailing) out.push(`  … ${failing.length - shownFailing} more (all are in the JSON and SARIF reports)`);
    const known = rule.violations.length - failing.length;
    if (known > 0) out.push(`  (${plural(known, 'more violation')} already in the baseline or below --fail-on)`);
    const unfixable = failing.filter((v) => !v.fix);
    if (unfixable.length > 0) needWaiver.push({ rule, violations: unfixable });
  }
  for (const rule of report.rules.filter((r) => !r.failing && r.violations.length > 0)) {
    const label = rule.violations.every((v) => v.state === 'baseline') && rule.action === 'fail' ? 'KNOWN' : rule.action === 'info' ? 'INFO' : 'WARN';
    out.push('', `${label.padEnd(5)} ${rule.id} (${rule.action}, ${rule.severity}): ${plural(rule.violations.length, 'violation')}${label === 'KNOWN' ? ', all in the baseline' : ', does not fail the gate'}`);
    for (const violation of rule.violations.slice(0, shownOthers)) out.push(`  - ${messageOf(violation)} (${placeOf(violation.location)})`);
    if (rule.violations.length > shownOthers) out.push(`  … ${rule.violations.length - shownOthers} more`);
  }
  const waived = report.rules.flatMap((rule) => rule.waived.map((w) => ({ rule, waived: w })));
  if (waived.length > 0) {
    out.push('', `WAIVED ${plural(waived.length, 'violation')}:`);
    for (const { rule, waived: w } of waived) {
      out.push(`  ~ ${rule.id}: ${messageOf(w)} — waived until ${w.waiver.expires} by ${w.waiver.approver} (${w.waiver.reason})`);
    }
  }
  for (const waiver of report.waivers.filter((w) => w.state === 'expired' || w.state === 'rejected')) {
    out.push(`  ! waiver for ${waiver.rule} ${waiver.target} is ${waiver.state}${waiver.note ? `: ${waiver.note}` : ''}`);
  }

  if (needWaiver.length > 0) {
    out.push('', `To accept a failure instead of fixing it, request a waiver: add under \`waivers:\` in ${options.waiversFile}`, '');
    const now = new Date(report.generatedAt);
    for (const { rule, violations } of needWaiver) {
      out.push(...indent(waiverRequest(rule, violations.slice(0, shownFailing), now, options.maxWaiverDays)));
    }
  }
  const passed = report.rules.filter((rule) => rule.status === 'passed').map((rule) => rule.id);
  if (passed.length > 0) out.push('', `passed: ${passed.join(', ')}`);
  out.push('', summaryLine(report));
  return `${out.join('\n')}\n`;

  function summaryLine(r: GateReport): string {
    const verdict = r.verdict === 'fail' ? `FAIL: ${plural(counts.failingRules, 'rule')} with ${plural(counts.failing, 'new violation')}` : 'PASS: no rule fails the gate';
    const parts = [`${counts.violations} violations in all`, `${counts.baseline} in the baseline`, `${counts.waived} waived`, plural(counts.findings, 'advisory match', 'advisory matches')];
    return `${verdict} (${parts.join(', ')})`;
  }
}

function violationLines(violation: GateViolation): string[] {
  const lines = [`  ✗ ${messageOf(violation)}`, `      at   ${placeOf(violation.location)}`];
  const via = pathOf(violation.evidence);
  if (via) lines.push(`      via  ${via}`);
  if (violation.evidence.kind === 'file' && violation.evidence.excerpt) lines.push(`      line ${violation.evidence.excerpt.trim()}`);
  if (violation.fix) lines.push(`      fix  ${fixText(violation.fix)}`);
  else if (violation.advisory) lines.push('      fix  no fixed version published yet: remove the dependency, or request a waiver');
  if (violation.expiredWaiver) lines.push(`      note its waiver expired ${violation.expiredWaiver.expires}`);
  return lines;
}

function indent(text: string): string[] {
  return text
    .trimEnd()
    .split('\n')
    .map((line) => `  ${line}`);
}
