/**
 * SARIF 2.1.0 for code scanning (GitHub `upload-sarif`, GitLab, IDEs): one reportingDescriptor per policy
 * rule, one result per violation at the lockfile line of the package (or file:line of a content rule),
 * waived violations as suppressed results, and `partialFingerprints` so a result keeps its identity
 * across runs (see `violationIdentity`).
 */
import { createHash } from 'node:crypto';
import type { Log, ReportingDescriptor, Result } from 'sarif';
import type { RuleAction, RuleSeverity } from '../../policy/index.js';
import type { GateReport, GateRule } from '../gate-report.js';
import { fixText, messageOf, pathOf } from './describe.js';

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const INFORMATION_URI = 'https://github.com/chainward/chainward';

/** GitHub reads `security-severity` (0-10) to rank alerts; the rule's severity, as CVSS ratings place it. */
const SECURITY_SEVERITY: Record<RuleSeverity, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0', info: '0.0' };

const LEVEL: Record<RuleAction, Result.level> = { fail: 'error', warn: 'warning', info: 'note' };

export function renderSarif(report: GateReport): string {
  const rules = report.rules.map(descriptor);
  const index = new Map(report.rules.map((rule, i) => [rule.id, i]));
  const results: Result[] = [];
  for (const rule of report.rules) {
    const occurrences = new Map<string, number>();
    const fingerprint = (identity: string): string => {
      // Two versions of one package can share an identity; the occurrence number keeps each result distinct.
      const n = occurrences.get(identity) ?? 0;
      occurrences.set(identity, n + 1);
      return sha256(`${identity}\u0000${n}`);
    };
    for (const violation of rule.violations) {
      const via = pathOf(violation.evidence);
      const text = [messageOf(violation), via ? `Path: ${via}.` : '', violation.fix ? `Fix: ${fixText(violation.fix)}.` : ''].filter(Boolean).join(' ');
      results.push({
        ruleId: rule.id,
        ruleIndex: index.get(rule.id) ?? 0,
        level: violation.failing ? 'error' : LEVEL[rule.action] === 'error' ? 'warning' : LEVEL[rule.action],
        message: { text },
        locations: [location(violation.location.path, violation.location.line)],
        partialFingerprints: { 'chainwardViolation/v1': fingerprint(violation.identity) },
        ...(report.baseline ? { baselineState: violation.state === 'new' ? 'new' : 'unchanged' } : {}),
        properties: {
          fingerprint: violation.fingerprint,
          ...(violation.advisory ? { advisory: violation.advisory.id, aliases: violation.advisory.aliases, ...(violation.advisory.cvssScore !== undefined ? { cvssScore: violation.advisory.cvssScore } : {}), ...(violation.advisory.knownExploited ? { knownExploited: true } : {}) } : {}),
          ...(violation.fix ? { fixedVersion: violation.fix.to } : {}),
        },
      });
    }
    for (const waived of rule.waived) {
      results.push({
        ruleId: rule.id,
        ruleIndex: index.get(rule.id) ?? 0,
        level: 'note',
        message: { text: messageOf(waived) },
        locations: [location(waived.location.path, waived.location.line)],
        partialFingerprints: { 'chainwardViolation/v1': fingerprint(`waived\u0000${waived.fingerprint}`) },
        suppressions: [{ kind: 'external', status: 'accepted', justification: `${waived.waiver.reason} (approved by ${waived.waiver.approver}, until ${waived.waiver.expires})` }],
      });
    }
  }
  const log: Log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'Chainward', semanticVersion: report.tool.version, version: report.tool.version, informationUri: INFORMATION_URI, rules } },
        automationDetails: { id: `chainward/gate/${report.policy.name}/` },
        originalUriBaseIds: { '%SRCROOT%': { description: { text: 'The root of the checked-out repository.' } } },
        results,
        properties: { policy: `${report.policy.name}@${report.policy.version}`, policyDigest: report.policy.digest, sbomDigest: report.sbom.digest, verdict: report.verdict },
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function descriptor(rule: GateRule): ReportingDescriptor {
  const about = rule.description ?? rule.title;
  const help = `${about}\n\nRule \`${rule.id}\` of the policy set (${rule.kind} rule, severity ${rule.severity}, action ${rule.action}). Fix each result, or ask for a waiver in the policy set's waivers.yaml.`;
  return {
    id: rule.id,
    name: pascal(rule.id),
    shortDescription: { text: rule.title },
    fullDescription: { text: about },
    help: { text: help, markdown: help },
    defaultConfiguration: { level: LEVEL[rule.action] },
    properties: {
      tags: ['supply-chain', rule.kind, ...(rule.kind === 'vulnerability' ? ['security'] : [])],
      precision: 'high',
      ...(rule.kind === 'vulnerability' ? { 'security-severity': SECURITY_SEVERITY[rule.severity] } : {}),
    },
  };
}

function location(uri: string, line: number): NonNullable<Result['locations']>[number] {
  return { physicalLocation: { artifactLocation: { uri: encodeURI(uri), uriBaseId: '%SRCROOT%' }, region: { startLine: Math.max(1, line) } } };
}

function pascal(id: string): string {
  return id.replace(/(^|[-_.])(\w)/g, (_, _sep: string, char: string) => char.toUpperCase());
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
