/** What an evaluation returns: per-rule results with evidence, and every waiver's state. */
import type { ConditionKind } from './condition.schema.js';
import type { AdvisorySeverity } from './facts.js';
import type { RuleAction, RuleSeverity } from './policy-set.schema.js';

export type RuleStatus = 'passed' | 'failed' | 'waived';

export interface ComponentEvidence {
  kind: 'component';
  ref: string;
  purl: string;
  name: string;
  version: string;
  development: boolean;
  /** Refs from a project root to the component, both included: a shortest path. Empty when no root reaches it. */
  path: string[];
}

export interface FileEvidence {
  kind: 'file';
  file: string;
  line?: number;
  column?: number;
  /** The line, shortened, with secrets masked. */
  excerpt?: string;
}

export type Evidence = ComponentEvidence | FileEvidence;

export interface AdvisoryEvidence {
  id: string;
  aliases: string[];
  severity: AdvisorySeverity;
  cvssScore?: number;
  fixedVersions: string[];
  knownExploited: boolean;
  published?: string;
}

/** What an evaluator reports before waivers are considered. */
export interface RawViolation {
  /** Stable subject key (component ref, file:line, ...) used for the fingerprint and ordering. */
  key: string;
  reason: string;
  evidence: Evidence;
  advisory?: AdvisoryEvidence;
}

export interface WaiverReference {
  /** Position of the waiver in the list given to the evaluator. */
  index: number;
  /** The stored waiver's id (`chainward waivers add`); absent for waivers from waivers.yaml. */
  id?: string;
  rule: string;
  /** The purl or file pattern the waiver covers. */
  target: string;
  approver: string;
  reason: string;
  expires: string;
}

export interface Violation {
  /** Stable across runs: SHA-256 of rule id and subject, shortened. */
  fingerprint: string;
  reason: string;
  evidence: Evidence;
  advisory?: AdvisoryEvidence;
  /** A waiver that would cover this violation had it not expired. */
  expiredWaiver?: WaiverReference;
}

export interface WaivedViolation extends Violation {
  waiver: WaiverReference;
}

export interface RuleResult {
  id: string;
  title: string;
  severity: RuleSeverity;
  action: RuleAction;
  kind: ConditionKind;
  status: RuleStatus;
  violations: Violation[];
  waived: WaivedViolation[];
  /** What the rule could not check (files skipped, versions that cannot be compared). */
  notes: string[];
}

export type WaiverState = 'applied' | 'unused' | 'expired' | 'rejected';

export interface WaiverReport extends WaiverReference {
  created: string;
  state: WaiverState;
  /** Violations the waiver suppressed (for `expired`: would have suppressed). */
  matched: number;
  note?: string;
}

export interface PolicyResults {
  policy: { name: string; version: string; digest: string };
  /** SHA-256 of the waivers' canonical JSON. */
  waiversDigest: string;
  evaluatedAt: string;
  repository?: string;
  /** `failed` when a rule whose action is `fail` has unwaived violations. */
  outcome: 'passed' | 'failed' | 'not-applicable';
  summary: { rules: number; passed: number; failed: number; waived: number; failing: number; warnings: number };
  rules: RuleResult[];
  waivers: WaiverReport[];
}
