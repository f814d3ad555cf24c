/**
 * What the evaluator is given. Everything is a plain value or a read-only view:
 * the evaluator never reads the clock, the disk or the database itself.
 */
import type { DependencyGraph } from '../../sbom/index.js';

export type { ComponentNode, DependencyGraph, LicenseFact } from '../../sbom/index.js';

/** Severity as advisories state it; `none` is below `low`, `unknown` means no rating was published. */
export type AdvisorySeverity = 'critical' | 'high' | 'medium' | 'low' | 'none' | 'unknown';

/** CycloneDX VEX analysis states (`vulnerabilities[].analysis.state`). */
export type VexState = 'resolved' | 'resolved_with_pedigree' | 'exploitable' | 'in_triage' | 'false_positive' | 'not_affected';

/** One advisory affecting one component, as the advisories module reports it. */
export interface VulnerabilityFact {
  /** `ComponentNode.ref` of the affected component. */
  componentRef: string;
  /** OSV id, e.g. `GHSA-35jh-r3h4-6jhm`. */
  advisoryId: string;
  /** Other ids of the same advisory (CVE, PYSEC, ...). */
  aliases: string[];
  severity: AdvisorySeverity;
  /** Base score, 0 to 10, when a CVSS vector was published. */
  cvssScore?: number;
  /** Versions that fix it in the component's ecosystem; empty when no fix exists. */
  fixedVersions: string[];
  /** ISO 8601 date or date-time the advisory was published. */
  published?: string;
  /** Listed on a known-exploited catalogue (CISA KEV). */
  knownExploited: boolean;
  withdrawn: boolean;
  vex?: { state: VexState; justification?: string };
}

/**
 * Read-only view of a repository's files, paths relative to its root with `/`
 * separators. Content rules read one file at a time so large repositories are
 * never held in memory at once.
 */
export interface RepositoryFiles {
  list(): string[];
  /** Size in bytes. */
  size(path: string): number;
  /** Text of the file, or `undefined` for binaries and files too large to read. */
  read(path: string): string | undefined;
}

/** Which repository is being evaluated, to match a policy's scope and a waiver's `repositories`. */
export interface RepositoryIdentity {
  name: string;
  tags?: string[];
}

/** Component properties the package conditions read, when the scanner knows them. */
export const COMPONENT_PROPERTIES = {
  /** Present (with the registry's message as value) when the release is deprecated. */
  deprecated: 'chainward:deprecated',
  /** ISO 8601 date the component's version was released. */
  releaseDate: 'chainward:release-date',
} as const;

export interface EvaluationFacts {
  graph: DependencyGraph;
  findings: VulnerabilityFact[];
  files: RepositoryFiles;
  repository?: RepositoryIdentity;
}
