/**
 * From policy results to the gate's result: each violation located (lockfile line or file:line), given its
 * baseline identity and state, its fix when an upgrade exists, and whether it fails the gate. Pure.
 */
import type { Evidence, PolicyResults, PolicySet, RuleSeverity, WaivedViolation } from '../policy/index.js';
import type { ComponentNode, DependencyGraph } from '../sbom/index.js';
import { violationIdentity, type Baseline } from './baseline.js';
import {
  GATE_FORMAT,
  type GateCounts,
  type GateFinding,
  type GateLocation,
  type GateReport,
  type GateRule,
  type GateViolation,
  type GateWaivedViolation,
  type UpgradeFix,
} from './gate-report.js';
import { lineFinderFor, type LineFinder, type LocatableComponent } from './locate/index.js';
import { meetsFailOn } from './severity.js';

const INSTALL_PATH_PROPERTY = 'chainward:npm:install-path';

export interface GateInput {
  results: PolicyResults;
  policy: PolicySet;
  /** Where the policy came from, as the user would recognise it (a path, or `server:<name>@<version>`). */
  policySource: string;
  graph: DependencyGraph;
  findings: readonly GateFinding[];
  sbom: { digest: string; format: string; specVersion: string; lockfiles: string[]; document: unknown };
  repository: GateReport['repository'];
  advisories: GateReport['advisories'];
  /** Text of the files components were read from, by path relative to the scanned directory. */
  sourceFiles: ReadonlyMap<string, string>;
  /** The scanned directory relative to the repository root (`''` or `services/api/`), so paths match the checkout. */
  pathPrefix: string;
  failOn?: RuleSeverity;
  baseline?: Baseline;
  tool: { name: string; version: string };
  generatedAt: Date;
}

export function buildGateReport(input: GateInput): GateReport {
  const locate = locator(input);
  const fixes = fixIndex(input.findings, input.graph);
  const descriptions = new Map(input.policy.rules.map((rule) => [rule.id, rule.description]));
  const rules = input.results.rules.map((rule): GateRule => {
    const counts = rule.action === 'fail' && meetsFailOn(rule.severity, input.failOn);
    const violations = rule.violations.map((violation): GateViolation => {
      const identity = violationIdentity(rule.id, violation.evidence, violation.advisory);
      const state = input.baseline?.identities.has(identity) ? 'baseline' : 'new';
      const fix = violation.advisory && violation.evidence.kind === 'component' ? fixes.get(`${violation.evidence.ref}\u0000${violation.advisory.id}`) : undefined;
      return {
        fingerprint: violation.fingerprint,
        identity,
        state,
        failing: counts && state === 'new',
        reason: violation.reason,
        evidence: violation.evidence,
        ...(violation.advisory ? { advisory: violation.advisory } : {}),
        location: locate(violation.evidence),
        ...(fix ? { fix } : {}),
        ...(violation.expiredWaiver ? { expiredWaiver: violation.expiredWaiver } : {}),
      };
    });
    const description = descriptions.get(rule.id);
    return {
      id: rule.id,
      title: rule.title,
      ...(description ? { description } : {}),
      severity: rule.severity,
      action: rule.action,
      kind: rule.kind,
      status: rule.status,
      failing: violations.some((violation) => violation.failing),
      violations,
      waived: rule.waived.map((waived) => toWaived(waived, locate)),
      notes: rule.notes,
    };
  });
  const counts = countAll(rules, input.findings.length);
  return {
    format: GATE_FORMAT,
    tool: input.tool,
    generatedAt: input.generatedAt.toISOString(),
    verdict: counts.failing > 0 ? 'fail' : 'pass',
    failOn: input.failOn ?? null,
    repository: input.repository,
    policy: { ...input.results.policy, waiversDigest: input.results.waiversDigest, source: input.policySource },
    advisories: input.advisories,
    baseline: input.baseline ? { generatedAt: input.baseline.generatedAt, sbomDigest: input.baseline.sbomDigest, violations: input.baseline.identities.size } : null,
    sbom: {
      digest: `sha256:${input.sbom.digest}`,
      format: input.sbom.format,
      specVersion: input.sbom.specVersion,
      components: [...input.graph.components.values()].filter((node) => node.type === 'library').length,
      lockfiles: input.sbom.lockfiles,
      document: input.sbom.document,
    },
    counts,
    rules,
    findings: [...input.findings],
    waivers: input.results.waivers,
  };
}

function toWaived(waived: WaivedViolation, locate: (evidence: Evidence) => GateLocation): GateWaivedViolation {
  return {
    fingerprint: waived.fingerprint,
    reason: waived.reason,
    evidence: waived.evidence,
    ...(waived.advisory ? { advisory: waived.advisory } : {}),
    location: locate(waived.evidence),
    waiver: waived.waiver,
  };
}

function countAll(rules: readonly GateRule[], findings: number): GateCounts {
  const violations: GateViolation[] = rules.flatMap((rule) => rule.violations);
  return {
    rules: rules.length,
    passedRules: rules.filter((rule) => rule.status === 'passed').length,
    failedRules: rules.filter((rule) => rule.status === 'failed').length,
    waivedRules: rules.filter((rule) => rule.status === 'waived').length,
    failingRules: rules.filter((rule) => rule.failing).length,
    violations: violations.length,
    failing: violations.filter((violation) => violation.failing).length,
    new: violations.filter((violation) => violation.state === 'new').length,
    baseline: violations.filter((violation) => violation.state === 'baseline').length,
    waived: rules.reduce((sum, rule) => sum + rule.waived.length, 0),
    findings,
  };
}

/** The names a lockfile may write a component under (npm `@scope/name`, Maven `group:artifact`, a bare name). */
export function componentNames(node: Pick<ComponentNode, 'group' | 'name'>): string[] {
  const names = node.group ? [`${node.group}/${node.name}`, `${node.group}:${node.name}`, node.name] : [node.name];
  return [...new Set(names)];
}

/** The package's name as its ecosystem writes it: `@babel/core`, `org.example:art`. */
export function packageName(node: Pick<ComponentNode, 'group' | 'name' | 'purl'>): string {
  if (!node.group) return node.name;
  return node.purl.startsWith('pkg:maven/') ? `${node.group}:${node.name}` : `${node.group}/${node.name}`;
}

function locator(input: GateInput): (evidence: Evidence) => GateLocation {
  const finders = new Map<string, LineFinder | undefined>();
  const finderFor = (file: string): LineFinder | undefined => {
    if (!finders.has(file)) {
      const text = input.sourceFiles.get(file);
      finders.set(file, text === undefined ? undefined : lineFinderFor(file, text));
    }
    return finders.get(file);
  };
  const rooted = (file: string): string => `${input.pathPrefix}${file}`;
  return (evidence) => {
    if (evidence.kind === 'file') return { path: rooted(evidence.file), line: evidence.line ?? 1 };
    const node = input.graph.components.get(evidence.ref);
    if (!node) return { path: rooted(input.sbom.lockfiles[0] ?? '.'), line: 1 };
    const component: LocatableComponent = {
      names: componentNames(node),
      version: node.version,
      ...(node.properties[INSTALL_PATH_PROPERTY] ? { installPath: node.properties[INSTALL_PATH_PROPERTY] } : {}),
    };
    return { path: rooted(node.sourceFile), line: finderFor(node.sourceFile)?.(component) ?? 1 };
  };
}

/** (component ref, advisory id) -> the upgrade that fixes it: the smallest fixed version above the component's. */
function fixIndex(findings: readonly GateFinding[], graph: DependencyGraph): Map<string, UpgradeFix> {
  const fixes = new Map<string, UpgradeFix>();
  for (const finding of findings) {
    const node = graph.components.get(finding.componentRef);
    if (!node || finding.fixAbove === undefined) continue;
    fixes.set(`${finding.componentRef}\u0000${finding.advisoryId}`, { kind: 'upgrade', package: packageName(node), from: node.version, to: finding.fixAbove });
  }
  return fixes;
}

