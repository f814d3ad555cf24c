import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RepositoryEntity } from '../../scans/index.js';
import { VexStatementEntity } from '../entities/vex-statement.entity.js';
import type { VexStatement } from './vex-statement.js';

/** The SQL of VEX statements, kept per repository. */
@Injectable()
export class VexRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Repositories whose name or location is `nameOrLocation` (names are not unique). */
  findRepositories(nameOrLocation: string): Promise<RepositoryEntity[]> {
    return this.dataSource.getRepository(RepositoryEntity).find({ where: [{ name: nameOrLocation }, { location: nameOrLocation }], order: { location: 'ASC' } });
  }

  /** Stores statements; a newer statement for the same (vulnerability, purl) replaces the older. */
  async upsertStatements(repositoryId: string, source: string, statements: VexStatement[]): Promise<void> {
    if (statements.length === 0) return;
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(VexStatementEntity)
      .values(
        statements.map((statement) => ({
          repositoryId,
          vulnerabilityId: statement.vulnerabilityId,
          purl: statement.purl,
          state: statement.state,
          justification: statement.justification ?? null,
          detail: statement.detail ?? null,
          source,
        })),
      )
      .orUpdate(['state', 'justification', 'detail', 'source', 'imported_at'], ['repository_id', 'vulnerability_id', 'purl'])
      .updateEntity(false)
      .execute();
  }

  findByRepository(repositoryId: string): Promise<VexStatementEntity[]> {
    return this.dataSource.getRepository(VexStatementEntity).find({ where: { repositoryId }, order: { id: 'ASC' } });
  }
}
