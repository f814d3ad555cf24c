import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { AdvisoryPackageRow, AdvisoryRow, MatchCandidateRow } from './advisory-row.mapper.js';
import { AdvisoryEntity } from './entities/advisory.entity.js';

/** Package keys per lookup query: keeps each statement's JSON parameter small. */
const KEY_CHUNK = 1000;

const ADVISORY_COLUMNS = `id text, aliases jsonb, modified timestamptz, published timestamptz, withdrawn timestamptz, summary text, details text,
  severity jsonb, affected jsonb, "references" jsonb, database_specific jsonb, extra jsonb`;

/**
 * All SQL of the advisory store. Batches are written as one JSON parameter
 * expanded by `jsonb_to_recordset`: a thousand records with a dozen columns each
 * would otherwise need twelve thousand bind parameters and TypeORM's per-row
 * statement building, which dominates an import of hundreds of thousands.
 */
@Injectable()
export class AdvisoriesRepository {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** id -> stored `modified`, for the ids given that are stored. */
  async findModified(manager: EntityManager, ids: string[]): Promise<Map<string, Date>> {
    if (ids.length === 0) return new Map();
    const rows = (await manager.query(`SELECT id, modified FROM advisories WHERE id = ANY($1::text[])`, [ids])) as Array<{ id: string; modified: Date }>;
    return new Map(rows.map((row) => [row.id, row.modified]));
  }

  async upsertAdvisories(manager: EntityManager, rows: AdvisoryRow[]): Promise<void> {
    if (rows.length === 0) return;
    await manager.query(
      `INSERT INTO advisories (id, aliases, modified, published, withdrawn, summary, details, severity, affected, "references", database_specific, extra)
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(${ADVISORY_COLUMNS})
       ON CONFLICT (id) DO UPDATE SET aliases = EXCLUDED.aliases, modified = EXCLUDED.modified, published = EXCLUDED.published,
         withdrawn = EXCLUDED.withdrawn, summary = EXCLUDED.summary, details = EXCLUDED.details, severity = EXCLUDED.severity,
         affected = EXCLUDED.affected, "references" = EXCLUDED."references", database_specific = EXCLUDED.database_specific, extra = EXCLUDED.extra`,
      [JSON.stringify(rows)],
    );
  }

  /** Replaces the package keys of the advisories given. */
  async replacePackages(manager: EntityManager, advisoryIds: string[], rows: AdvisoryPackageRow[]): Promise<void> {
    if (advisoryIds.length === 0) return;
    await manager.query(`DELETE FROM advisory_packages WHERE advisory_id = ANY($1::text[])`, [advisoryIds]);
    if (rows.length === 0) return;
    await manager.query(
      `INSERT INTO advisory_packages (ecosystem, name, advisory_id)
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(ecosystem text, name text, advisory_id text) ON CONFLICT DO NOTHING`,
      [JSON.stringify(rows)],
    );
  }

  /**
   * The advisories, withdrawn ones excluded, that name any of the (canonical ecosystem,
   * normalised name) keys: only the columns matching reads (not the summary, only the
   * database's own severity of `database_specific`), as plain rows: hydrating or even
   * parsing tens of thousands of whole records costs more than the matching itself.
   */
  async findMatchCandidates(keys: Array<{ ecosystem: string; name: string }>): Promise<MatchCandidateRow[]> {
    const found = new Map<string, MatchCandidateRow>();
    for (let i = 0; i < keys.length; i += KEY_CHUNK) {
      const rows = (await this.dataSource.query(
        `SELECT a.id, a.aliases, a.modified, a.severity, a.affected, a.database_specific->'severity' AS database_severity
         FROM advisories a
         WHERE a.withdrawn IS NULL AND a.id IN (
           SELECT p.advisory_id FROM advisory_packages p
           JOIN jsonb_to_recordset($1::jsonb) AS k(ecosystem text, name text) ON p.ecosystem = k.ecosystem AND p.name = k.name)`,
        [JSON.stringify(keys.slice(i, i + KEY_CHUNK))],
      )) as MatchCandidateRow[];
      for (const row of rows) found.set(row.id, row);
    }
    return [...found.values()];
  }

  /** When each of these advisories was published and, if it was, withdrawn (as stored now). */
  async findDates(ids: readonly string[]): Promise<Map<string, { published: Date | null; withdrawn: Date | null }>> {
    if (ids.length === 0) return new Map();
    const rows = (await this.dataSource.query(`SELECT id, published, withdrawn FROM advisories WHERE id = ANY($1::text[])`, [[...new Set(ids)]])) as Array<{
      id: string;
      published: Date | null;
      withdrawn: Date | null;
    }>;
    return new Map(rows.map((row) => [row.id, { published: row.published, withdrawn: row.withdrawn }]));
  }

  /** One page of every advisory in id order, after `afterId`: an export reads the table page by page. */
  findPage(afterId: string | undefined, limit: number): Promise<AdvisoryEntity[]> {
    const query = this.dataSource.getRepository(AdvisoryEntity).createQueryBuilder('advisory').orderBy('advisory.id', 'ASC').limit(limit);
    if (afterId !== undefined) query.where('advisory.id > :afterId', { afterId });
    return query.getMany();
  }

  count(): Promise<number> {
    return this.dataSource.getRepository(AdvisoryEntity).count();
  }
}
