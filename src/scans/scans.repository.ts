import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ComponentEntity } from './entities/component.entity.js';
import { DependencyEdgeEntity } from './entities/dependency-edge.entity.js';
import { RepositoryEntity } from './entities/repository.entity.js';
import { SbomDocumentEntity } from './entities/sbom-document.entity.js';
import { ScanEntity } from './entities/scan.entity.js';

/** Rows per INSERT: keeps statements well under PostgreSQL's 65,535 bind-parameter limit. */
const INSERT_CHUNK = 500;

export interface ScanListFilter {
  repository?: string;
  limit: number;
}

/** All SQL of the scans module; intent-named methods, no business rules. */
@Injectable()
export class ScansRepository {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  async findOrCreateRepository(manager: EntityManager, location: string, name: string): Promise<RepositoryEntity> {
    await manager
      .createQueryBuilder()
      .insert()
      .into(RepositoryEntity)
      .values({ location, name })
      .orIgnore()
      .execute();
    return manager.findOneByOrFail(RepositoryEntity, { location });
  }

  insertScan(manager: EntityManager, scan: Omit<ScanEntity, 'id' | 'repository'>): Promise<ScanEntity> {
    return manager.save(ScanEntity, manager.create(ScanEntity, scan));
  }

  async insertComponents(manager: EntityManager, rows: Array<Omit<ComponentEntity, 'id' | 'scan'>>): Promise<void> {
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
      await manager.createQueryBuilder().insert().into(ComponentEntity).values(rows.slice(i, i + INSERT_CHUNK)).updateEntity(false).execute();
    }
  }

  async insertEdges(manager: EntityManager, rows: Array<Omit<DependencyEdgeEntity, 'scan'>>): Promise<void> {
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
      await manager.createQueryBuilder().insert().into(DependencyEdgeEntity).values(rows.slice(i, i + INSERT_CHUNK)).updateEntity(false).execute();
    }
  }

  async insertSbomDocument(manager: EntityManager, document: Omit<SbomDocumentEntity, 'scan'>): Promise<void> {
    await manager.createQueryBuilder().insert().into(SbomDocumentEntity).values(document).updateEntity(false).execute();
  }

  findScans(filter: ScanListFilter): Promise<Array<ScanEntity & { repository: RepositoryEntity }>> {
    const query = this.dataSource
      .getRepository(ScanEntity)
      .createQueryBuilder('scan')
      .innerJoinAndSelect('scan.repository', 'repository')
      .orderBy('scan.startedAt', 'DESC')
      .addOrderBy('scan.id', 'ASC')
      .limit(filter.limit);
    if (filter.repository) query.where('repository.name = :name OR repository.location = :name', { name: filter.repository });
    return query.getMany() as Promise<Array<ScanEntity & { repository: RepositoryEntity }>>;
  }

  findScanById(id: string): Promise<(ScanEntity & { repository: RepositoryEntity }) | null> {
    return this.dataSource.getRepository(ScanEntity).findOne({ where: { id }, relations: { repository: true } }) as Promise<
      (ScanEntity & { repository: RepositoryEntity }) | null
    >;
  }

  findComponentsByScan(scanId: string): Promise<ComponentEntity[]> {
    return this.dataSource.getRepository(ComponentEntity).find({ where: { scanId }, order: { ref: 'ASC' } });
  }

  countEdgesByScan(scanId: string): Promise<number> {
    return this.dataSource.getRepository(DependencyEdgeEntity).countBy({ scanId });
  }

  findSbomDocument(scanId: string): Promise<SbomDocumentEntity | null> {
    return this.dataSource.getRepository(SbomDocumentEntity).findOneBy({ scanId });
  }
}
