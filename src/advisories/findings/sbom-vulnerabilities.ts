/** Findings as the CycloneDX `vulnerabilities` section: one entry per advisory, affecting each matched component. */
import type { SbomVulnerability } from '../../sbom/index.js';
import { componentPackage, type ComponentFinding } from './match-components.js';

export function toSbomVulnerabilities(findings: readonly ComponentFinding[]): SbomVulnerability[] {
  const byAdvisory = new Map<string, ComponentFinding[]>();
  for (const finding of findings) byAdvisory.set(finding.advisoryId, [...(byAdvisory.get(finding.advisoryId) ?? []), finding]);
  return [...byAdvisory.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([id, matched]) => {
      const first = matched[0] as ComponentFinding;
      const upgrades = matched
        .filter((finding) => finding.fixAbove !== undefined)
        .map((finding) => {
          const pkg = componentPackage(finding.purl);
          return `upgrade ${pkg ? `${pkg.name} ${pkg.version}` : finding.componentRef} to ${finding.fixAbove}`;
        });
      return {
        id,
        aliases: first.aliases,
        ...(first.summary === undefined ? {} : { description: first.summary }),
        ...(first.severity ? { rating: toRating(first.severity) } : {}),
        ...(upgrades.length > 0 ? { recommendation: `${upgrades.join('; ')}.` } : {}),
        affects: matched.map((finding) => finding.componentRef),
        ...(first.knownExploited ? { knownExploited: { cveID: first.knownExploited.cveID, dateAdded: first.knownExploited.dateAdded, dueDate: first.knownExploited.dueDate } } : {}),
      };
    });
}

function toRating(severity: NonNullable<ComponentFinding['severity']>): NonNullable<SbomVulnerability['rating']> {
  const method = severity.source === 'CVSS_V4' ? 'CVSSv4' : severity.source === 'CVSS_V3' ? (severity.vector?.startsWith('CVSS:3.0/') ? 'CVSSv3' : 'CVSSv31') : 'other';
  return {
    severity: severity.rating as NonNullable<SbomVulnerability['rating']>['severity'],
    method,
    ...(severity.score === undefined ? {} : { score: severity.score }),
    ...(severity.vector === undefined ? {} : { vector: severity.vector }),
  };
}
