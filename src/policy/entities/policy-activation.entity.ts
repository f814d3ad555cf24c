import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { PolicySetEntity } from './policy-set.entity.js';

/**
 * One activation of a published policy set for a scope (`*`, every repository,
 * or a repository-name pattern). Activations are history: the latest one of a
 * scope is in force, earlier ones stay as the record of what was.
 */
@Entity({ name: 'policy_activations' })
@Index('ix_policy_activations_scope_activated', ['scope', 'activatedAt'])
export class PolicyActivationEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  scope!: string;

  @Column({ name: 'policy_set_id', type: 'uuid' })
  policySetId!: string;

  @ManyToOne(() => PolicySetEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'policy_set_id', foreignKeyConstraintName: 'fk_policy_activations_policy_set' })
  policySet?: Relation<PolicySetEntity>;

  @Column({ name: 'activated_at', type: 'timestamptz' })
  activatedAt!: Date;

  @Column({ name: 'activated_by', type: 'text' })
  activatedBy!: string;

  @Column({ type: 'text', nullable: true })
  message!: string | null;
}
