import { stat, realpath } from 'node:fs/promises';
import path from 'node:path';
import type { FindingView } from '../../advisories/nest.js';
import type { AppServices } from '../../app/services.js';
import type { LoadedPolicySet, PolicyResults, PolicySetReference, VulnerabilityFact, Waiver } from '../../policy/index.js';
import type { DependencyGraph } from '../../sbom/index.js';
import { loadPolicyOrFail } from './policy-input.js';
import { referenceOrFail } from './policy-sets.js';

const SEVERITIES = new Set(['critical', 'high', 'medium', 'low', 'none']);

/** What `scan --policy` names: a set on disk, a published name@version, or the set active for the repository. */
export type PolicyChoice = { kind: 'files'; loaded: LoadedPolicySet } | { kind: 'published'; reference: PolicySetReference } | { kind: 'active' };

/**
 * Reads `--policy`: an existing path is a policy set on disk (validated now, so an invalid one
 * stops the scan before anything is stored); `active` and `name@version` name published sets.
 */
export async function resolvePolicyFlag(value: string, report: (line: string) => void): Promise<PolicyChoice> {
  const exists = await stat(value).then(
    () => true,
    () => false,
  );
  if (!exists && value === 'active') return { kind: 'active' };
  if (!exists && value.includes('@')) return { kind: 'published', reference: await referenceOrFail(value) };
  return { kind: 'files', loaded: await loadPolicyOrFail(value, report) };
}

/** The published set a choice names, loaded for evaluation; a missing one is an error before the scan is stored. */
export async function storedPolicySet(
  policySets: AppServices['policySets'],
  choice: Exclude<PolicyChoice, { kind: 'files' }>,
  root: string,
): Promise<{ id: string; loaded: LoadedPolicySet }> {
  // The repository's name, as the scan will store it: the scanned directory's own name.
  const set = choice.kind === 'active' ? (await policySets.activeFor(path.basename(await realpath(root)))).set : await policySets.getSet(choice.reference);
  return { id: set.id, loaded: policySets.load(set) };
}

/**
 * Evaluates a loaded policy set on a just-recorded scan (its graph, the repository's files on
 * disk and the scan's stored findings) with the set's own waivers and the stored ones for its
 * rules, and stores the results with the scan (and the published set, when it was one).
 */
export async function evaluateAndStore(
  services: Pick<AppServices, 'findings' | 'policyResults' | 'waivers'>,
  input: { scanId: string; root: string; graph: DependencyGraph; loaded: LoadedPolicySet; now: Date; policySetId?: string },
): Promise<{ id: string; results: PolicyResults }> {
  const { directoryRepositoryFiles, evaluatePolicy } = await import('../../policy/index.js');
  const { scan, findings } = await services.findings.listFindings(input.scanId);
  const results = evaluatePolicy({
    graph: input.graph,
    findings: findings.map(toVulnerabilityFact),
    files: directoryRepositoryFiles(input.root),
    repository: { name: scan.repository.name },
    policy: input.loaded.policy,
    waivers: withStoredWaivers(input.loaded, await services.waivers.forEvaluation()),
    now: input.now,
  });
  const stored = await services.policyResults.recordResults(input.scanId, results, input.policySetId ? { policySetId: input.policySetId } : {});
  return { id: stored.id, results };
}

/** The set's own waivers, then the stored waivers of rules it defines (a waiver of another set's rule says nothing here). */
export function withStoredWaivers(loaded: Pick<LoadedPolicySet, 'policy' | 'waivers'>, stored: readonly Waiver[]): Waiver[] {
  const rules = new Set(loaded.policy.rules.map((rule) => rule.id));
  return [...loaded.waivers, ...stored.filter((waiver) => rules.has(waiver.rule))];
}

/** A stored finding as the evaluator reads it. */
export function toVulnerabilityFact(finding: FindingView): VulnerabilityFact {
  return {
    componentRef: finding.component.ref,
    advisoryId: finding.advisory,
    aliases: finding.aliases,
    severity: finding.severity !== null && SEVERITIES.has(finding.severity) ? (finding.severity as VulnerabilityFact['severity']) : 'unknown',
    ...(finding.score !== null ? { cvssScore: finding.score } : {}),
    fixedVersions: finding.fixedVersions,
    ...(finding.published !== null ? { published: finding.published } : {}),
    knownExploited: finding.knownExploited !== null,
    withdrawn: finding.withdrawn !== null,
    ...(finding.suppressed
      ? { vex: { state: finding.suppressed.state, ...(finding.suppressed.justification ? { justification: finding.suppressed.justification } : {}) } }
      : {}),
  };
}
