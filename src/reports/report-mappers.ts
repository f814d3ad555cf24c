import type { FindingView } from '../advisories/nest.js';
import type { SealedLedgerEntry } from '../audit/index.js';
import type { PolicyResults } from '../policy/index.js';
import type { DependencyGraph } from '../sbom/index.js';
import type { ReportComponent, ReportFinding, ReportLedgerEntry, ReportPolicyEvaluation } from './model/report-data.js';

/** One mapper per stored shape, from what the other modules return to the report's plain data. */

const HASH_STRENGTH = ['SHA-512', 'SHA-384', 'SHA-256', 'SHA-1', 'MD5'];

/** The scan's libraries (project roots are the SBOM's subject, not its components), sorted by name and version. */
export function componentsOf(graph: DependencyGraph): ReportComponent[] {
  const dependents = new Map<string, Set<string>>();
  for (const [from, targets] of graph.edges) {
    const parent = graph.components.get(from);
    if (!parent) continue;
    const parentName = parent.group ? `${parent.group}/${parent.name}` : parent.name;
    for (const to of targets) {
      let names = dependents.get(to);
      if (!names) dependents.set(to, (names = new Set()));
      names.add(parentName);
    }
  }
  const components: ReportComponent[] = [];
  for (const node of graph.components.values()) {
    if (node.type !== 'library') continue;
    const hash = [...node.hashes].sort((a, b) => strength(a.alg) - strength(b.alg))[0];
    components.push({
      name: node.name,
      group: node.group ?? null,
      version: node.version,
      purl: node.purl,
      ecosystem: node.ecosystem,
      direct: node.direct,
      dependents: [...(dependents.get(node.ref) ?? [])].sort(),
      scope: node.scope,
      development: node.development,
      licences: node.licenses.map((licence) => (licence.kind === 'expression' ? licence.expression : licence.name)),
      hash: hash ? { alg: hash.alg, content: hash.content } : null,
    });
  }
  return components.sort((a, b) => compare(a.group ?? '', b.group ?? '') || compare(a.name, b.name) || compare(a.version, b.version) || compare(a.purl, b.purl));
}

function strength(alg: string): number {
  const index = HASH_STRENGTH.indexOf(alg);
  return index === -1 ? HASH_STRENGTH.length : index;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function findingOf(view: FindingView): ReportFinding {
  return {
    advisory: view.advisory,
    aliases: view.aliases,
    component: { name: view.component.name, version: view.component.version, purl: view.component.purl },
    severity: view.severity,
    score: view.score,
    vector: view.vector,
    fixedVersions: view.fixedVersions,
    fixAbove: view.fixAbove,
    vex: view.suppressed ? { state: view.suppressed.state, justification: view.suppressed.justification ?? null, detail: view.suppressed.detail ?? null } : null,
  };
}

export function policyOf(stored: Pick<PolicyResults, 'policy' | 'outcome' | 'summary' | 'rules' | 'waivers'> & { evaluatedAt: Date }): ReportPolicyEvaluation {
  return {
    name: stored.policy.name,
    version: stored.policy.version,
    digest: stored.policy.digest,
    outcome: stored.outcome,
    evaluatedAt: stored.evaluatedAt.toISOString(),
    summary: { ...stored.summary },
    rules: stored.rules.map((rule) => ({
      id: rule.id,
      title: rule.title,
      severity: rule.severity,
      action: rule.action,
      status: rule.status,
      violations: rule.violations.map((violation) => ({ reason: violation.reason, subject: evidenceSubject(violation.evidence) })),
      waived: rule.waived.map((violation) => ({
        reason: violation.reason,
        subject: evidenceSubject(violation.evidence),
        approver: violation.waiver.approver,
        expires: violation.waiver.expires,
      })),
      notes: rule.notes,
    })),
    waivers: stored.waivers.map((waiver) => ({
      rule: waiver.rule,
      target: waiver.target,
      approver: waiver.approver,
      reason: waiver.reason,
      created: waiver.created,
      expires: waiver.expires,
      state: waiver.state,
      matched: waiver.matched,
    })),
  };
}

function evidenceSubject(evidence: PolicyResults['rules'][number]['violations'][number]['evidence']): string {
  if (evidence.kind === 'component') return `${evidence.name}@${evidence.version}`;
  return evidence.line === undefined ? evidence.file : `${evidence.file}:${evidence.line}`;
}

export function ledgerEntryOf(entry: SealedLedgerEntry): ReportLedgerEntry {
  return {
    seq: entry.seq.toString(10),
    recordedAt: entry.recordedAt,
    actor: `${entry.actor.kind}:${entry.actor.id}${entry.actor.version ? `@${entry.actor.version}` : ''}`,
    action: entry.action,
    subject: Object.entries(entry.subject)
      .filter(([, id]) => id !== undefined)
      .map(([key, id]) => `${key}=${id}`)
      .join(' '),
    rationale: entry.rationale,
    leafHash: entry.leafHash,
  };
}
