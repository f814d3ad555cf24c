/** One pure mapper per direction between OSV records and stored advisory rows. */
import { canonicalEcosystem, normalisePackageName, type OsvRecord } from './domain/index.js';
import type { AdvisoryEntity } from './entities/advisory.entity.js';

/** The row as written: timestamps stay RFC 3339 text, PostgreSQL reads them into timestamptz. */
export interface AdvisoryRow {
  id: string;
  aliases: string[];
  modified: string;
  published: string | null;
  withdrawn: string | null;
  summary: string | null;
  details: string | null;
  severity: OsvRecord['severity'];
  affected: OsvRecord['affected'];
  references: OsvRecord['references'];
  database_specific: Record<string, unknown> | null;
  extra: AdvisoryEntity['extra'];
}

export interface AdvisoryPackageRow {
  ecosystem: string;
  name: string;
  advisory_id: string;
}

export function toAdvisoryRow(record: OsvRecord): AdvisoryRow {
  const extra: AdvisoryEntity['extra'] = {};
  if (record.schema_version !== undefined) extra.schema_version = record.schema_version;
  if (record.related.length > 0) extra.related = record.related;
  if (record.upstream.length > 0) extra.upstream = record.upstream;
  if (record.credits.length > 0) extra.credits = record.credits;
  return {
    id: record.id,
    aliases: record.aliases,
    modified: record.modified,
    published: record.published ?? null,
    withdrawn: record.withdrawn ?? null,
    summary: record.summary ?? null,
    details: record.details ?? null,
    severity: record.severity,
    affected: record.affected,
    references: record.references,
    database_specific: record.database_specific ?? null,
    extra,
  };
}

/** The (ecosystem, normalised name) keys a record is found under, once each. */
export function toPackageRows(record: OsvRecord): AdvisoryPackageRow[] {
  const keys = new Map<string, AdvisoryPackageRow>();
  for (const { package: pkg } of record.affected) {
    const row = { ecosystem: canonicalEcosystem(pkg.ecosystem), name: normalisePackageName(pkg.ecosystem, pkg.name), advisory_id: record.id };
    keys.set(`${row.ecosystem}\u0000${row.name}`, row);
  }
  return [...keys.values()];
}

/** What matching needs of a stored advisory, as the candidate query returns it. */
export interface MatchCandidateRow {
  id: string;
  aliases: string[];
  modified: Date;
  severity: OsvRecord['severity'];
  affected: OsvRecord['affected'];
  /** `database_specific.severity` of the record (GitHub's rating, used when it gives no CVSS vector). */
  database_severity: unknown;
}

/** A candidate as an OSV record with what matching and severity read (summary, references, details and credits left out). */
export function candidateToRecord(row: MatchCandidateRow): OsvRecord {
  return {
    id: row.id,
    modified: row.modified.toISOString(),
    aliases: row.aliases,
    related: [],
    upstream: [],
    severity: row.severity,
    affected: row.affected,
    references: [],
    credits: [],
    ...(row.database_severity === null || row.database_severity === undefined ? {} : { database_specific: { severity: row.database_severity } }),
  };
}

export function toOsvRecord(entity: AdvisoryEntity): OsvRecord {
  const { extra } = entity;
  return {
    ...(extra.schema_version === undefined ? {} : { schema_version: extra.schema_version }),
    id: entity.id,
    modified: entity.modified.toISOString(),
    ...(entity.published ? { published: entity.published.toISOString() } : {}),
    ...(entity.withdrawn ? { withdrawn: entity.withdrawn.toISOString() } : {}),
    aliases: entity.aliases,
    related: extra.related ?? [],
    upstream: extra.upstream ?? [],
    ...(entity.summary === null ? {} : { summary: entity.summary }),
    ...(entity.details === null ? {} : { details: entity.details }),
    severity: entity.severity,
    affected: entity.affected,
    references: entity.references,
    credits: extra.credits ?? [],
    ...(entity.databaseSpecific === null ? {} : { database_specific: entity.databaseSpecific }),
  };
}
