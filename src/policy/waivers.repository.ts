import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { WaiverEntity } from './entities/waiver.entity.js';

/** The SQL of stored waivers. */
@Injectable()
export class WaiversRepository {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  insert(manager: EntityManager, row: Omit<WaiverEntity, 'id'>): Promise<WaiverEntity> {
    return manager.save(WaiverEntity, manager.create(WaiverEntity, row));
  }

  /** The waiver, locked until the caller's transaction ends (a revocation reads then writes it). */
  findForUpdate(manager: EntityManager, id: string): Promise<WaiverEntity | null> {
    return manager.getRepository(WaiverEntity).createQueryBuilder('waiver').setLock('pessimistic_write').where('waiver.id = :id', { id }).getOne();
  }

  async recordRevocation(manager: EntityManager, id: string, revocation: Pick<WaiverEntity, 'revokedAt' | 'revokedBy' | 'revocationReason'>): Promise<void> {
    await manager.update(WaiverEntity, { id }, revocation);
  }

  /** Every waiver, revoked ones included when asked, oldest first. */
  findAll(options: { includeRevoked: boolean }): Promise<WaiverEntity[]> {
    return this.dataSource.getRepository(WaiverEntity).find({
      ...(options.includeRevoked ? {} : { where: { revokedAt: IsNull() } }),
      order: { createdAt: 'ASC', id: 'ASC' },
    });
  }
}
