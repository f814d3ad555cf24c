import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ComponentEntity } from './entities/component.entity.js';
import { DependencyEdgeEntity } from './entities/dependency-edge.entity.js';
import { PolicyResultEntity } from './entities/policy-result.entity.js';
import { RepositoryEntity } from './entities/repository.entity.js';
import { ScanEntity } from './entities/scan.entity.js';

/** SQL for stored policy results and for re-reading scans to evaluate them again. */
@Injectable()
export class PolicyResultsRepository {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  insertResult(manager: EntityManager, row: Omit<PolicyResultEntity, 'id' | 'scan' | 'policySet'>): Promise<PolicyResultEntity> {
    return manager.save(PolicyResultEntity, manager.create(PolicyResultEntity, row));
  }

  findResultsByScan(scanId: string): Promise<PolicyResultEntity[]> {
    return this.dataSource.getRepository(PolicyResultEntity).find({ where: { scanId }, order: { evaluatedAt: 'ASC', id: 'ASC' } });
  }

  /** The newest scan of each repository, by repository name. */
  async findLatestScanIdPerRepository(): Promise<string[]> {
    const rows = (await this.dataSource
      .getRepository(ScanEntity)
      .createQueryBuilder('scan')
      .innerJoin(RepositoryEntity, 'repository', 'repository.id = scan.repository_id')
      .select('DISTINCT ON (scan.repository_id) scan.id', 'id')
      .orderBy('scan.repository_id')
      .addOrderBy('scan.started_at', 'DESC')
      .addOrderBy('scan.id', 'ASC')
      .getRawMany()) as Array<{ id: string }>;
    return rows.map((row) => row.id);
  }

  findComponentsByScan(scanId: string): Promise<ComponentEntity[]> {
    return this.dataSource.getRepository(ComponentEntity).find({ where: { scanId }, order: { ref: 'ASC' } });
  }

  findEdgesByScan(scanId: string): Promise<DependencyEdgeEntity[]> {
    return this.dataSource.getRepository(DependencyEdgeEntity).find({ where: { scanId } });
  }
}
