import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { PolicyActivationEntity } from './entities/policy-activation.entity.js';
import { PolicySetEntity } from './entities/policy-set.entity.js';

/** An activation in force (the latest of its scope) with the set it names. */
export type CurrentActivation = PolicyActivationEntity & { policySet: PolicySetEntity };

/** The SQL of published policy sets and their activations. */
@Injectable()
export class PolicySetsRepository {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /**
   * Serialises publications and activations: two publishers of one name@version, or two activations
   * of one scope, decide one after the other (a transaction-scoped advisory lock).
   */
  async lock(manager: EntityManager): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('chainward.policy_sets'))`);
  }

  findSet(manager: EntityManager | undefined, name: string, version: string): Promise<PolicySetEntity | null> {
    return (manager ?? this.dataSource.manager).findOne(PolicySetEntity, { where: { name, version } });
  }

  insertSet(manager: EntityManager, row: Omit<PolicySetEntity, 'id'>): Promise<PolicySetEntity> {
    return manager.save(PolicySetEntity, manager.create(PolicySetEntity, row));
  }

  /** Every published set, by name, newest publication first within a name. */
  listSets(): Promise<PolicySetEntity[]> {
    return this.dataSource.getRepository(PolicySetEntity).find({ order: { name: 'ASC', publishedAt: 'DESC', version: 'ASC' } });
  }

  insertActivation(manager: EntityManager, row: Omit<PolicyActivationEntity, 'id' | 'policySet'>): Promise<PolicyActivationEntity> {
    return manager.save(PolicyActivationEntity, manager.create(PolicyActivationEntity, row));
  }

  /** The latest activation of every scope, with its set: what is in force. */
  async findCurrentActivations(manager?: EntityManager): Promise<CurrentActivation[]> {
    const runner = manager ?? this.dataSource.manager;
    const ids = (await runner.query(
      `SELECT DISTINCT ON (scope) id FROM policy_activations ORDER BY scope, activated_at DESC, id`,
    )) as Array<{ id: string }>;
    if (ids.length === 0) return [];
    const rows = await runner
      .getRepository(PolicyActivationEntity)
      .createQueryBuilder('activation')
      .innerJoinAndSelect('activation.policySet', 'policySet')
      .where('activation.id IN (:...ids)', { ids: ids.map((row) => row.id) })
      .orderBy('activation.scope', 'ASC')
      .getMany();
    return rows as CurrentActivation[];
  }
}
