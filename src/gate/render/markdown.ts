/**
 * Markdown for `$GITHUB_STEP_SUMMARY` and pull-request comments: the verdict, a table of rules, and the
 * evidence of each rule with violations in a collapsible section.
 */
import type { GateReport, GateRule } from '../gate-report.js';
import { fixText, messageOf, pathOf, placeOf, plural } from './describe.js';

const SHOWN = 50;

export function renderMarkdown(report: GateReport): string {
  const { policy, counts } = report;
  const icon = report.verdict === 'fail' ? '❌' : '✅';
  const lines = [
    `## ${icon} Chainward gate: ${report.verdict === 'fail' ? 'failed' : 'passed'}`,
    '',
    `Policy **${cell(policy.name)} ${cell(policy.version)}** on **${cell(report.repository.name)}** — ${plural(report.sbom.components, 'component')}, ` +
      `${plural(counts.findings, 'advisory match', 'advisory matches')}, ${plural(counts.failing, 'new failing violation')}` +
      `${report.baseline ? `, ${counts.baseline} in the baseline` : ''}, ${counts.waived} waived.`,
    '',
    '| | Rule | Action | Severity | Violations | New | Waived |',
    '| --- | --- | --- | --- | ---: | ---: | ---: |',
    ...report.rules.map(
      (rule) =>
        `| ${status(rule)} | \`${rule.id}\` ${cell(rule.title)} | ${rule.action} | ${rule.severity} | ${rule.violations.length} | ${rule.violations.filter((v) => v.state === 'new').length} | ${rule.waived.length} |`,
    ),
  ];
  for (const rule of report.rules.filter((r) => r.violations.length > 0 || r.waived.length > 0)) {
    lines.push('', `<details${rule.failing ? ' open' : ''}><summary><b>${html(rule.id)}</b>: ${plural(rule.violations.length, 'violation')}${rule.waived.length ? `, ${rule.waived.length} waived` : ''}</summary>`, '');
    for (const violation of rule.violations.slice(0, SHOWN)) {
      const via = pathOf(violation.evidence);
      const tags = [violation.failing ? '**fails**' : violation.state === 'baseline' ? 'baseline' : rule.action, violation.fix ? `fix: ${fixText(violation.fix)}` : ''].filter(Boolean).join(' · ');
      lines.push(`- ${cell(messageOf(violation))} — \`${cell(placeOf(violation.location))}\`${via ? ` via ${cell(via)}` : ''} (${tags})`);
    }
    if (rule.violations.length > SHOWN) lines.push(`- … ${rule.violations.length - SHOWN} more in the JSON report`);
    for (const waived of rule.waived) lines.push(`- ~~${cell(messageOf(waived))}~~ waived until ${waived.waiver.expires} by ${cell(waived.waiver.approver)}: ${cell(waived.waiver.reason)}`);
    lines.push('', '</details>');
  }
  lines.push('', `<sub>Policy digest \`${policy.digest}\` · SBOM digest \`${report.sbom.digest}\` · Chainward ${report.tool.version}</sub>`);
  return `${lines.join('\n')}\n`;
}

function status(rule: GateRule): string {
  if (rule.failing) return '❌';
  if (rule.violations.length > 0) return rule.violations.every((v) => v.state === 'baseline') && rule.action === 'fail' ? '🔁' : '⚠️';
  if (rule.waived.length > 0) return '🟡';
  return '✅';
}

/** Text inside a table cell or list item: no pipes, no HTML, no line breaks. */
function cell(text: string): string {
  return html(text).replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function html(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
