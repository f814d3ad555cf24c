/**
 * The OSV record (schema 1.6, https://ossf.github.io/osv-schema/) as a typed value.
 *
 * Field names are OSV's own (snake_case), so a parsed record is still an OSV
 * document: it can be stored, exported and re-read without a mapper. The parser
 * turns `null` arrays into empty ones and drops the parts it could not accept
 * (each with a recorded reason), nothing else.
 */

export type OsvRangeType = 'SEMVER' | 'ECOSYSTEM' | 'GIT';

export type OsvSeverityType = 'CVSS_V2' | 'CVSS_V3' | 'CVSS_V4' | 'Ubuntu';

export type OsvReferenceType =
  | 'ADVISORY'
  | 'ARTICLE'
  | 'DETECTION'
  | 'DISCUSSION'
  | 'REPORT'
  | 'FIX'
  | 'INTRODUCED'
  | 'GIT'
  | 'PACKAGE'
  | 'EVIDENCE'
  | 'WEB';

/** Exactly one key per event, as the schema requires. */
export type OsvEvent = { introduced: string } | { fixed: string } | { last_affected: string } | { limit: string };

export interface OsvSeverity {
  type: OsvSeverityType;
  /** A CVSS vector for the CVSS types, a word for `Ubuntu`. */
  score: string;
}

export interface OsvPackage {
  /** `npm`, `PyPI`, `Go`, ... optionally with a `:suffix` (`Debian:12`, `Ubuntu:22.04:LTS`). */
  ecosystem: string;
  name: string;
  purl?: string;
}

export interface OsvRange {
  type: OsvRangeType;
  /** Required for GIT ranges: the repository the commit hashes belong to. */
  repo?: string;
  events: OsvEvent[];
  database_specific?: Record<string, unknown>;
}

export interface OsvAffected {
  package: OsvPackage;
  /** Per-package severity; the schema forbids it when the record has a top-level `severity`. */
  severity?: OsvSeverity[];
  ranges: OsvRange[];
  versions: string[];
  ecosystem_specific?: Record<string, unknown>;
  database_specific?: Record<string, unknown>;
}

export interface OsvReference {
  type: OsvReferenceType;
  url: string;
}

export interface OsvCredit {
  name: string;
  contact?: string[];
  type?: string;
}

export interface OsvRecord {
  schema_version?: string;
  id: string;
  /** RFC 3339 timestamp, UTC (`Z`). */
  modified: string;
  published?: string;
  /** Set when the advisory was retracted: a withdrawn record never matches. */
  withdrawn?: string;
  aliases: string[];
  related: string[];
  upstream: string[];
  summary?: string;
  details?: string;
  severity: OsvSeverity[];
  affected: OsvAffected[];
  references: OsvReference[];
  credits: OsvCredit[];
  database_specific?: Record<string, unknown>;
}

/** The value of an event, whatever its kind. */
export function eventVersion(event: OsvEvent): string {
  if ('introduced' in event) return event.introduced;
  if ('fixed' in event) return event.fixed;
  if ('last_affected' in event) return event.last_affected;
  return event.limit;
}

export type OsvEventKind = 'introduced' | 'fixed' | 'last_affected' | 'limit';

export function eventKind(event: OsvEvent): OsvEventKind {
  if ('introduced' in event) return 'introduced';
  if ('fixed' in event) return 'fixed';
  if ('last_affected' in event) return 'last_affected';
  return 'limit';
}
