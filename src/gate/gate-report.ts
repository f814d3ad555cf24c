/**
 * The gate's result, `chainward.gate/v1`: what `--format json` writes, what `--baseline` reads back and
 * what `--report-to` uploads. Every renderer (text, SARIF, JUnit, Markdown, GitLab, workflow commands)
 * is a pure function of this one value.
 */
import type { AdvisoryEvidence, Evidence, RuleAction, RuleSeverity, RuleStatus, WaiverReference, WaiverReport } from '../policy/index.js';

export const GATE_FORMAT = 'chainward.gate/v1';

/** Where a result points in the repository: a lockfile line for a package, file:line for a content rule. */
export interface GateLocation {
  /** Relative to the repository root (the git checkout), `/`-separated. */
  path: string;
  line: number;
}

/** How to make a violation go away without a waiver. */
export interface UpgradeFix {
  kind: 'upgrade';
  /** Package name as its ecosystem writes it (`@babel/core`, `org.example:art`). */
  package: string;
  from: string;
  to: string;
}

/** `new`: not in the baseline; `baseline`: the baseline had it already, so it does not fail the gate. */
export type BaselineState = 'new' | 'baseline';

export interface GateViolation {
  /** The evaluator's fingerprint: rule and exact subject (component version included). */
  fingerprint: string;
  /** What a baseline compares (see `violationIdentity`): stable across upgrades that do not fix the problem. */
  identity: string;
  state: BaselineState;
  /** Counted by the verdict: a `fail` rule at or above `--fail-on`, and new. */
  failing: boolean;
  reason: string;
  evidence: Evidence;
  advisory?: AdvisoryEvidence;
  location: GateLocation;
  fix?: UpgradeFix;
  /** A waiver that covered it and has expired. */
  expiredWaiver?: WaiverReference;
}

export interface GateWaivedViolation {
  fingerprint: string;
  reason: string;
  evidence: Evidence;
  advisory?: AdvisoryEvidence;
  location: GateLocation;
  waiver: WaiverReference;
}

export interface GateRule {
  id: string;
  title: string;
  description?: string;
  severity: RuleSeverity;
  action: RuleAction;
  kind: string;
  status: RuleStatus;
  /** At least one violation of this rule fails the gate. */
  failing: boolean;
  violations: GateViolation[];
  waived: GateWaivedViolation[];
  notes: string[];
}

/** One advisory matched on one component, VEX-suppressed ones included. */
export interface GateFinding {
  componentRef: string;
  purl: string;
  advisoryId: string;
  aliases: string[];
  summary?: string;
  severity?: string;
  score?: number;
  vector?: string;
  published?: string;
  fixedVersions: string[];
  fixAbove?: string;
  /** The advisory's entry on the Known Exploited Vulnerabilities catalogue the advisories came with. */
  knownExploited?: { cveID: string; dateAdded: string; dueDate: string; knownRansomwareCampaignUse?: string };
  suppressed?: { state: string; justification?: string; vulnerabilityId: string };
}

export interface GateCounts {
  rules: number;
  passedRules: number;
  failedRules: number;
  waivedRules: number;
  /** Rules that fail the gate. */
  failingRules: number;
  violations: number;
  /** Violations that fail the gate. */
  failing: number;
  new: number;
  baseline: number;
  waived: number;
  findings: number;
}

export interface GateReport {
  format: typeof GATE_FORMAT;
  tool: { name: string; version: string };
  generatedAt: string;
  verdict: 'pass' | 'fail';
  failOn: RuleSeverity | null;
  repository: { name: string; location?: string; commit?: string; branch?: string };
  policy: { name: string; version: string; digest: string; waiversDigest: string; source: string };
  /**
   * `records`: the advisories of the source about the project's packages, withdrawn ones included (they never match);
   * `knownExploited`: the catalogue the snapshot carried, or null (an OSV directory or zip, or an older snapshot).
   */
  advisories: { source: string; records: number; invalid: number; knownExploited?: { catalogVersion: string; entries: number } | null } | null;
  baseline: { generatedAt: string; sbomDigest: string; violations: number } | null;
  sbom: {
    /** `sha256:<hex>` of the serialised document. */
    digest: string;
    format: string;
    specVersion: string;
    components: number;
    lockfiles: string[];
    /** The CycloneDX document itself, so a server can store the scan. */
    document: unknown;
  };
  counts: GateCounts;
  rules: GateRule[];
  findings: GateFinding[];
  waivers: WaiverReport[];
}
