import { isOpen, severityOf } from './figures.js';
import { clip, count, listSome, plural, utcSecond } from './format.js';
import type { Block, LayoutSection, TableCell, Tone } from './layout.js';
import type { ReportComponent, ReportData, ReportFinding, ReportPolicyEvaluation, ReportPolicyRule, RepositoryReport } from './report-data.js';

/** Violations listed per rule; the rest are counted (the full list is `chainward results <scan>`). */
const EVIDENCE_PER_RULE = 5;

/** One section per repository: the scan, the SBOM (NTIA minimum elements), vulnerabilities, policy results. */
export function repositorySection(repository: RepositoryReport, data: ReportData): LayoutSection {
  const scan = repository.scan;
  const fields: Block = {
    kind: 'fields',
    rows: [
      { label: 'Location', value: repository.location },
      { label: 'Repository id', value: repository.id, mono: true },
      ...(scan
        ? [
            { label: 'Scan described', value: `${scan.id} (${utcSecond(scan.startedAt)})`, mono: false },
            { label: 'Commit', value: scan.commit ? `${scan.commit}${scan.branch ? ` on ${scan.branch}` : ''}` : 'not a git checkout', mono: Boolean(scan.commit) },
            { label: 'Lockfiles', value: scan.lockfiles.join(', ') || 'none' },
            { label: 'Scanner warnings', value: scan.warnings === 0 ? 'none' : `${count(scan.warnings)} (entries the parsers could not use; see the scan)` },
          ]
        : []),
      { label: 'Scans in period', value: count(repository.scansInPeriod) },
    ],
  };
  if (!scan) {
    return {
      title: repository.name,
      newPage: true,
      blocks: [fields, { kind: 'paragraph', tone: 'warning', text: 'This repository has no scan at or before the end of the period: nothing can be reported about its contents.' }],
      children: [],
    };
  }
  return {
    title: repository.name,
    newPage: true,
    blocks: [fields],
    children: [sbomSection(repository, data), vulnerabilitySection(repository), policySection(repository.policy)],
  };
}

function sbomSection(repository: RepositoryReport, data: ReportData): LayoutSection {
  const scan = repository.scan!;
  const direct = repository.components.filter((c) => c.direct).length;
  return {
    title: 'SBOM — NTIA minimum elements',
    newPage: false,
    blocks: [
      {
        kind: 'fields',
        rows: [
          { label: 'Format', value: scan.sbom ? `${scan.sbom.format} ${scan.sbom.specVersion}` : 'not stored' },
          ...(scan.sbom
            ? [
                { label: 'Serial number', value: scan.sbom.serialNumber, mono: true },
                { label: 'SBOM SHA-256', value: scan.sbom.digest, mono: true },
              ]
            : []),
          { label: 'Author of the SBOM data', value: `${data.generator.name} ${scan.toolVersion} (automated, from lockfiles)${data.organisation ? ` for ${data.organisation}` : ''}` },
          { label: 'Timestamp', value: utcSecond(scan.finishedAt ?? scan.startedAt) },
          { label: 'Generation context', value: 'source: lockfiles and manifests of the checkout, before build' },
          { label: 'Components', value: `${count(repository.components.length)}: ${count(direct)} direct, ${count(repository.components.length - direct)} transitive` },
        ],
      },
      {
        kind: 'paragraph',
        tone: 'muted',
        text: `The stored CycloneDX document (with every hash in full) is GET /api/v1/scans/${scan.id}/sbom; its SHA-256 is above.`,
      },
      {
        kind: 'table',
        columns: [
          { header: 'Component / unique identifier (purl)', width: 3.3 },
          { header: 'Version', width: 1.05 },
          { header: 'Supplier', width: 1.05 },
          { header: 'Dependency relationship', width: 1.7 },
          { header: 'Licence', width: 1.2 },
          { header: 'Hash', width: 1.25, mono: true },
        ],
        rows: repository.components.map(componentRow),
        empty: 'The scan found no components.',
      },
    ],
    children: [],
  };
}

function componentRow(component: ReportComponent): TableCell[] {
  const name = component.group ? `${component.group}/${component.name}` : component.name;
  const relationship = component.direct ? 'direct dependency' : component.dependents.length > 0 ? `transitive, via ${listSome(component.dependents, 2)}` : 'transitive';
  const flags = [component.development ? 'development only' : null, component.scope === 'optional' && !component.development ? 'optional' : null].filter(Boolean);
  return [
    { text: name, sub: component.purl, bold: true },
    component.version,
    component.group ? component.group : { text: 'not recorded', tone: 'muted' },
    flags.length > 0 ? { text: relationship, sub: flags.join(', ') } : relationship,
    component.licences.length > 0 ? component.licences.join(' AND ') : { text: 'none stated', tone: 'muted' },
    component.hash ? { text: component.hash.alg, sub: `${component.hash.content.slice(0, 14)}…`, mono: true } : { text: 'none', tone: 'muted' },
  ];
}

const SEVERITY_TONE: Record<string, Tone> = { critical: 'critical', high: 'high', medium: 'medium', low: 'low', none: 'none', unrated: 'muted' };

function vulnerabilitySection(repository: RepositoryReport): LayoutSection {
  const open = repository.findings.filter(isOpen);
  const resolved = repository.findings.filter((f) => !isOpen(f));
  const bySeverity = ['critical', 'high', 'medium', 'low', 'none', 'unrated']
    .map((s) => [s, open.filter((f) => severityOf(f) === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${count(n)} ${s}`);
  return {
    title: 'Vulnerabilities',
    newPage: false,
    blocks: [
      {
        kind: 'paragraph',
        text:
          `${plural(open.length, 'open vulnerability', 'open vulnerabilities')}${bySeverity.length > 0 ? ` (${bySeverity.join(', ')})` : ''}, ` +
          `${count(open.filter((f) => f.fixAbove).length)} with a fixed version available; ${plural(resolved.length, 'finding')} resolved by a VEX statement.`,
      },
      { kind: 'heading', text: 'Open vulnerabilities' },
      { kind: 'table', columns: findingColumns('VEX state'), rows: open.map((f) => findingRow(f)), empty: 'No open vulnerability.' },
      { kind: 'heading', text: 'Resolved by VEX' },
      { kind: 'table', columns: findingColumns('VEX state and justification'), rows: resolved.map((f) => findingRow(f)), empty: 'No VEX statement applies to this scan\'s findings.' },
    ],
    children: [],
  };
}

function findingColumns(vexHeader: string): Array<{ header: string; width: number; mono?: boolean }> {
  return [
    { header: 'Advisory / aliases', width: 1.55 },
    { header: 'Component', width: 1.6 },
    { header: 'Severity', width: 0.8 },
    { header: 'CVSS', width: 1.75 },
    { header: 'Fix versions', width: 1.1 },
    { header: vexHeader, width: 1.3 },
  ];
}

function findingRow(finding: ReportFinding): TableCell[] {
  const severity = severityOf(finding);
  return [
    { text: finding.advisory, sub: finding.aliases.length > 0 ? listSome(finding.aliases, 3) : undefined, bold: true },
    { text: `${finding.component.name}@${finding.component.version}`, sub: finding.component.purl },
    { text: severity, tone: SEVERITY_TONE[severity] },
    finding.score === null ? { text: 'no score', tone: 'muted', sub: finding.vector ?? undefined } : { text: finding.score.toFixed(1), sub: finding.vector ?? undefined, mono: false },
    finding.fixAbove
      ? { text: finding.fixAbove, sub: finding.fixedVersions.length > 1 ? `all: ${listSome(finding.fixedVersions, 4)}` : undefined, bold: true }
      : { text: finding.fixedVersions.length > 0 ? listSome(finding.fixedVersions, 4) : 'no fix', tone: 'muted' },
    finding.vex
      ? { text: finding.vex.state, sub: [finding.vex.justification, finding.vex.detail].filter(Boolean).join(': ') || undefined }
      : { text: 'no statement', tone: 'muted' },
  ];
}

function policySection(policy: ReportPolicyEvaluation | null): LayoutSection {
  if (!policy) {
    return {
      title: 'Policy results',
      newPage: false,
      blocks: [{ kind: 'paragraph', tone: 'warning', text: 'No policy was evaluated on this scan (run `chainward scan --policy`).' }],
      children: [],
    };
  }
  const { summary } = policy;
  return {
    title: 'Policy results',
    newPage: false,
    blocks: [
      {
        kind: 'fields',
        rows: [
          { label: 'Policy set', value: `${policy.name} ${policy.version}` },
          { label: 'Policy digest', value: policy.digest, mono: true },
          { label: 'Evaluated at', value: utcSecond(policy.evaluatedAt) },
          { label: 'Outcome', value: policy.outcome },
          {
            label: 'Rules',
            value: `${count(summary.rules)}: ${count(summary.passed)} passed, ${count(summary.failed)} failed (${count(summary.failing)} failing the policy, ${plural(summary.warnings, 'warning')}), ${count(summary.waived)} waived`,
          },
        ],
      },
      {
        kind: 'table',
        columns: [
          { header: 'Rule', width: 1.9 },
          { header: 'Action / severity', width: 1.05 },
          { header: 'Status', width: 0.75 },
          { header: 'Evidence', width: 3.4 },
          { header: 'Waived (approver, expiry)', width: 1.9 },
        ],
        rows: policy.rules.map(ruleRow),
        empty: 'The policy set has no rule.',
      },
      { kind: 'heading', text: 'Waivers' },
      {
        kind: 'table',
        columns: [
          { header: 'Rule', width: 1.3 },
          { header: 'Target', width: 1.9 },
          { header: 'Approver', width: 1.5 },
          { header: 'Reason', width: 2.1 },
          { header: 'Created → expires', width: 1.4 },
          { header: 'State', width: 0.9 },
        ],
        rows: policy.waivers.map((waiver) => [
          waiver.rule,
          waiver.target,
          waiver.approver,
          clip(waiver.reason, 400),
          `${waiver.created.slice(0, 10)} → ${waiver.expires.slice(0, 10)}`,
          {
            text: waiver.state,
            sub: waiver.state === 'applied' ? plural(waiver.matched, 'violation') : undefined,
            tone: waiver.state === 'applied' ? 'good' : waiver.state === 'expired' || waiver.state === 'rejected' ? 'bad' : 'muted',
          },
        ]),
        empty: 'The policy set has no waiver.',
      },
    ],
    children: [],
  };
}

function ruleRow(rule: ReportPolicyRule): TableCell[] {
  const evidence = rule.violations.length === 0 ? (rule.notes.length > 0 ? clip(rule.notes.join(' '), 300) : 'no violation') : violationsText(rule.violations);
  const waivers = rule.waived.length === 0 ? '' : rule.waived.slice(0, 3).map((w) => `${w.subject}: ${w.approver}, until ${w.expires.slice(0, 10)}`).join('\n') + (rule.waived.length > 3 ? `\n+${count(rule.waived.length - 3)} more` : '');
  return [
    { text: rule.id, sub: rule.title, bold: true },
    `${rule.action} / ${rule.severity}`,
    { text: rule.status, tone: rule.status === 'passed' ? 'good' : rule.status === 'waived' ? 'warning' : rule.action === 'fail' ? 'bad' : 'warning' },
    rule.violations.length === 0 ? { text: evidence, tone: 'muted' } : evidence,
    waivers === '' ? { text: '—', tone: 'muted' } : waivers,
  ];
}

function violationsText(violations: ReportPolicyRule['violations']): string {
  const shown = violations.slice(0, EVIDENCE_PER_RULE).map((v) => `${v.subject}: ${clip(v.reason, 160)}`);
  const more = violations.length - shown.length;
  return `${plural(violations.length, 'violation')}\n${shown.join('\n')}${more > 0 ? `\n… and ${count(more)} more` : ''}`;
}

/** Remediation: said plainly until remediation pull requests exist. */
export function remediationSection(): LayoutSection {
  return {
    title: 'Remediation history',
    newPage: true,
    blocks: [
      {
        kind: 'paragraph',
        text: 'None recorded. Chainward does not yet open, verify or merge remediation pull requests, so there is no remediation history to report for this period. Fixed versions for each open vulnerability are listed with the repository.',
      },
    ],
    children: [],
  };
}

