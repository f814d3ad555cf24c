/**
 * The advisory snapshot: what `advisories export` writes and the CI gate loads
 * without a database. Gzip'd JSON lines: a header line, then one OSV record per line.
 */
export const SNAPSHOT_FORMAT = 'chainward-osv-snapshot';
export const SNAPSHOT_VERSION = 1;

export interface SnapshotHeader {
  format: typeof SNAPSHOT_FORMAT;
  version: typeof SNAPSHOT_VERSION;
  exportedAt: string;
  records: number;
}
