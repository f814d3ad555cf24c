import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { KnownExploitedEntity } from '../entities/known-exploited.entity.js';

/** The stored catalogue's identity, when one was imported. */
export interface StoredCatalogue {
  catalogVersion: string;
  catalogReleased: Date;
  entries: number;
}

const COLUMNS = `cve_id text, vendor_project text, product text, vulnerability_name text, date_added text, due_date text,
  known_ransomware_campaign_use text, short_description text, required_action text, notes text, cwes jsonb, catalog_version text, catalog_released timestamptz`;

/** The SQL of the Known Exploited Vulnerabilities catalogue. */
@Injectable()
export class KevRepository {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  async findCatalogue(manager?: EntityManager): Promise<StoredCatalogue | undefined> {
    const rows = (await (manager ?? this.dataSource.manager).query(
      `SELECT catalog_version, max(catalog_released) AS catalog_released, count(*)::int AS entries
       FROM known_exploited_vulnerabilities GROUP BY catalog_version ORDER BY max(catalog_released) DESC LIMIT 1`,
    )) as Array<{ catalog_version: string; catalog_released: Date; entries: number }>;
    const row = rows[0];
    return row ? { catalogVersion: row.catalog_version, catalogReleased: row.catalog_released, entries: row.entries } : undefined;
  }

  findAll(manager?: EntityManager): Promise<KnownExploitedEntity[]> {
    return (manager ?? this.dataSource.manager).find(KnownExploitedEntity, { order: { cveId: 'ASC' } });
  }

  /** The entries for these CVE ids (upper case), in one query. */
  findByCveIds(ids: readonly string[]): Promise<KnownExploitedEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.dataSource
      .getRepository(KnownExploitedEntity)
      .createQueryBuilder('kev')
      .where('kev.cve_id = ANY(:ids)', { ids: [...new Set(ids)] })
      .getMany();
  }

  /** Makes the stored catalogue exactly `rows`: entries no longer listed are removed, the rest written. */
  async replaceAll(manager: EntityManager, rows: ReadonlyArray<Record<string, unknown>>): Promise<void> {
    await manager.query(`DELETE FROM known_exploited_vulnerabilities WHERE NOT (cve_id = ANY($1::text[]))`, [rows.map((row) => row.cve_id)]);
    if (rows.length === 0) return;
    await manager.query(
      `INSERT INTO known_exploited_vulnerabilities (cve_id, vendor_project, product, vulnerability_name, date_added, due_date,
         known_ransomware_campaign_use, short_description, required_action, notes, cwes, catalog_version, catalog_released)
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(${COLUMNS})
       ON CONFLICT (cve_id) DO UPDATE SET vendor_project = EXCLUDED.vendor_project, product = EXCLUDED.product,
         vulnerability_name = EXCLUDED.vulnerability_name, date_added = EXCLUDED.date_added, due_date = EXCLUDED.due_date,
         known_ransomware_campaign_use = EXCLUDED.known_ransomware_campaign_use, short_description = EXCLUDED.short_description,
         required_action = EXCLUDED.required_action, notes = EXCLUDED.notes, cwes = EXCLUDED.cwes,
         catalog_version = EXCLUDED.catalog_version, catalog_released = EXCLUDED.catalog_released`,
      [JSON.stringify(rows)],
    );
  }
}
