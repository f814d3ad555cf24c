import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ComponentEntity } from '../../scans/index.js';
import { FindingEntity } from '../entities/finding.entity.js';

const INSERT_CHUNK = 5000;

export type FindingRow = Omit<FindingEntity, 'id' | 'scan'>;

/** The SQL of findings: a scan's components in, its findings out. */
@Injectable()
export class FindingsRepository {
  constructor(private readonly dataSource: DataSource) {}

  findLibraryComponents(scanId: string): Promise<Array<Pick<ComponentEntity, 'ref' | 'purl'>>> {
    return this.dataSource.getRepository(ComponentEntity).find({ select: { ref: true, purl: true }, where: { scanId, type: 'library' }, order: { ref: 'ASC' } });
  }

  /** A scan's findings replaced in one transaction: matching again never leaves a mix of old and new. */
  async replaceFindings(scanId: string, rows: FindingRow[]): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.delete(FindingEntity, { scanId });
      // One JSON parameter per chunk, expanded by PostgreSQL: a scan can have thousands of findings.
      for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
        await manager.query(
          `INSERT INTO findings (scan_id, component_ref, purl, advisory_id, aliases, severity, score, vector, fixed_versions, fix_above)
           SELECT r.scan_id, r.component_ref, r.purl, r.advisory_id, r.aliases, r.severity, r.score, r.vector, r.fixed_versions, r.fix_above
           FROM jsonb_to_recordset($1::jsonb) AS r(scan_id uuid, component_ref text, purl text, advisory_id text, aliases jsonb, severity text,
             score double precision, vector text, fixed_versions jsonb, fix_above text)`,
          [JSON.stringify(rows.slice(i, i + INSERT_CHUNK).map(toColumns))],
        );
      }
    });
  }

  findByScan(scanId: string): Promise<FindingEntity[]> {
    return this.dataSource.getRepository(FindingEntity).find({ where: { scanId }, order: { componentRef: 'ASC', advisoryId: 'ASC' } });
  }
}

function toColumns(row: FindingRow): Record<string, unknown> {
  return {
    scan_id: row.scanId,
    component_ref: row.componentRef,
    purl: row.purl,
    advisory_id: row.advisoryId,
    aliases: row.aliases,
    severity: row.severity,
    score: row.score,
    vector: row.vector,
    fixed_versions: row.fixedVersions,
    fix_above: row.fixAbove,
  };
}
