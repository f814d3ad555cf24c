/**
 * The advisory snapshot: what `advisories export` writes and the CI gate loads
 * without a database. Gzip'd JSON lines: a header line, then one OSV record per line.
 *
 * The header may carry the Known Exploited Vulnerabilities catalogue the store held
 * (`knownExploited`). The field is optional, so version 1 readers that predate it read
 * such files unchanged, and files written before it load with no catalogue.
 */
import type { KnownExploited } from '../kev/known-exploited.js';

export const SNAPSHOT_FORMAT = 'chainward-osv-snapshot';
export const SNAPSHOT_VERSION = 1;

/** The catalogue as a snapshot carries it: its identity and each entry's CVE id, dates and ransomware use. */
export interface SnapshotKnownExploited {
  catalogVersion: string;
  dateReleased: string;
  entries: KnownExploited[];
}

export interface SnapshotHeader {
  format: typeof SNAPSHOT_FORMAT;
  version: typeof SNAPSHOT_VERSION;
  exportedAt: string;
  records: number;
  knownExploited?: SnapshotKnownExploited;
}
