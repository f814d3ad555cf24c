import type { FindingView } from '../../advisories/nest.js';
import type { AppServices } from '../../app/services.js';
import type { LoadedPolicySet, PolicyResults, VulnerabilityFact } from '../../policy/index.js';
import type { DependencyGraph } from '../../sbom/index.js';

const SEVERITIES = new Set(['critical', 'high', 'medium', 'low', 'none']);

/**
 * Evaluates a loaded policy set on a just-recorded scan (its graph, the
 * repository's files on disk and the scan's stored findings) and stores the
 * results with the scan.
 */
export async function evaluateAndStore(
  services: Pick<AppServices, 'findings' | 'policyResults'>,
  input: { scanId: string; root: string; graph: DependencyGraph; loaded: LoadedPolicySet; now: Date },
): Promise<{ id: string; results: PolicyResults }> {
  const { directoryRepositoryFiles, evaluatePolicy } = await import('../../policy/index.js');
  const { scan, findings } = await services.findings.listFindings(input.scanId);
  const results = evaluatePolicy({
    graph: input.graph,
    findings: findings.map(toVulnerabilityFact),
    files: directoryRepositoryFiles(input.root),
    repository: { name: scan.repository.name },
    policy: input.loaded.policy,
    waivers: input.loaded.waivers,
    now: input.now,
  });
  const stored = await services.policyResults.recordResults(input.scanId, results);
  return { id: stored.id, results };
}

/**
 * A stored finding as the evaluator reads it. Findings do not record
 * publication dates, withdrawal or known-exploited status yet, so those
 * criteria see "unknown date", "not withdrawn" and "not known exploited".
 */
export function toVulnerabilityFact(finding: FindingView): VulnerabilityFact {
  return {
    componentRef: finding.component.ref,
    advisoryId: finding.advisory,
    aliases: finding.aliases,
    severity: finding.severity !== null && SEVERITIES.has(finding.severity) ? (finding.severity as VulnerabilityFact['severity']) : 'unknown',
    ...(finding.score !== null ? { cvssScore: finding.score } : {}),
    fixedVersions: finding.fixedVersions,
    knownExploited: false,
    withdrawn: false,
    ...(finding.suppressed
      ? { vex: { state: finding.suppressed.state, ...(finding.suppressed.justification ? { justification: finding.suppressed.justification } : {}) } }
      : {}),
  };
}
