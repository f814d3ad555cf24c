/**
 * Everything a compliance report shows, as plain values: what the NestJS side collects from the database and the
 * pure document model turns into a layout. No ORM types, so a report can be built (and tested, and benchmarked)
 * from data alone.
 */

export type ReportScope =
  | { kind: 'repository'; repository: string }
  | { kind: 'scan'; scan: string; repository: string }
  | { kind: 'organisation' };

export interface ReportPeriod {
  /** ISO-8601 UTC instants, both inclusive. */
  from: string;
  to: string;
}

/** The signed tree head of the audit ledger the report is bound to (a C2SP tlog-checkpoint note). */
export interface ReportCheckpoint {
  origin: string;
  treeSize: string;
  /** Base64 RFC 6962 root hash. */
  rootHash: string;
  /** The signed note, exactly as the ledger signed it. */
  note: string;
  /** The ledger's Ed25519 public key in C2SP vkey form. */
  publicKey: string;
}

/** The checkpoint of the previous report of the same scope, and the RFC 9162 proof that the ledger only grew since. */
export interface PreviousReport {
  reportId: string;
  generatedAt: string;
  treeSize: string;
  rootHash: string;
  /** Base64 hashes of the consistency proof from the previous tree size to this report's. */
  consistencyProof: string[];
}

export interface ReportSigner {
  subject: string;
  issuer: string;
  /** Hex serial number. */
  serial: string;
  /** SHA-256 of the certificate's DER, as colon-separated hex (what viewers show). */
  fingerprint: string;
  notAfter: string;
  /** The trust anchor: the root certificate's SHA-256 fingerprint, when known. */
  rootFingerprint: string | null;
  rootSubject: string | null;
  /** Where the key came from: a configured PKCS#12 file or Chainward's own private CA. */
  source: 'p12' | 'local-ca';
}

export interface ReportComponent {
  name: string;
  /** npm scope or Maven group, when the package has one. */
  group: string | null;
  version: string;
  purl: string;
  ecosystem: string;
  direct: boolean;
  /** Names of the components that depend on it (sorted, deduplicated), for the dependency relationship. */
  dependents: string[];
  scope: string;
  development: boolean;
  /** SPDX expressions or licence names as stated; empty when none is stated. */
  licences: string[];
  /** The strongest hash the lockfile records. */
  hash: { alg: string; content: string } | null;
}

export interface ReportFinding {
  advisory: string;
  aliases: string[];
  component: { name: string; version: string; purl: string };
  /** FIRST rating: critical, high, medium, low, none; null when the advisory gives none. */
  severity: string | null;
  score: number | null;
  vector: string | null;
  fixedVersions: string[];
  fixAbove: string | null;
  /** The repository's VEX analysis that applies, if any (CycloneDX analysis.state and justification). */
  vex: { state: string; justification: string | null; detail: string | null } | null;
}

export interface ReportPolicyRule {
  id: string;
  title: string;
  severity: string;
  action: string;
  status: 'passed' | 'failed' | 'waived';
  violations: Array<{ reason: string; subject: string }>;
  waived: Array<{ reason: string; subject: string; approver: string; expires: string }>;
  notes: string[];
}

export interface ReportWaiver {
  rule: string;
  target: string;
  approver: string;
  reason: string;
  created: string;
  expires: string;
  state: string;
  matched: number;
}

export interface ReportPolicyEvaluation {
  name: string;
  version: string;
  digest: string;
  outcome: string;
  evaluatedAt: string;
  summary: { rules: number; passed: number; failed: number; waived: number; failing: number; warnings: number };
  rules: ReportPolicyRule[];
  waivers: ReportWaiver[];
}

export interface ReportScan {
  id: string;
  startedAt: string;
  finishedAt: string | null;
  commit: string | null;
  branch: string | null;
  toolVersion: string;
  lockfiles: string[];
  warnings: number;
  sbom: { format: string; specVersion: string; serialNumber: string; digest: string } | null;
}

export interface RepositoryReport {
  id: string;
  name: string;
  location: string;
  /** The scan the section describes: the latest at or before the end of the period, or the one asked for. */
  scan: ReportScan | null;
  scansInPeriod: number;
  components: ReportComponent[];
  findings: ReportFinding[];
  /** The latest policy evaluation of that scan, if any. */
  policy: ReportPolicyEvaluation | null;
}

export interface ReportLedgerEntry {
  seq: string;
  recordedAt: string;
  actor: string;
  action: string;
  subject: string;
  rationale: string;
  leafHash: string;
}

export interface ReportData {
  id: string;
  organisation: string | null;
  scope: ReportScope;
  period: ReportPeriod;
  generatedAt: string;
  generator: { name: string; version: string };
  checkpoint: ReportCheckpoint;
  previous: PreviousReport | null;
  signer: ReportSigner;
  repositories: RepositoryReport[];
  /** Every policy evaluation of the scope's scans in the period, for the pass rate over time. */
  evaluations: Array<{ evaluatedAt: string; outcome: string }>;
  /** Ledger entries of the period about the scope, in sequence order. */
  auditTrail: ReportLedgerEntry[];
}
