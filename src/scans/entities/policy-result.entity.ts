import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import type { PolicyResults } from '../../policy/index.js';
import { PolicySetEntity } from '../../policy/nest.js';
import { ScanEntity } from './scan.entity.js';

/**
 * One evaluation of a policy set on a scan: which set (name, version, digest),
 * the outcome, and the per-rule results with their evidence, as the evaluator
 * returned them.
 */
@Entity({ name: 'policy_results' })
@Index('ix_policy_results_scan_evaluated', ['scanId', 'evaluatedAt'])
export class PolicyResultEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'scan_id', type: 'uuid' })
  scanId!: string;

  @ManyToOne(() => ScanEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'scan_id', foreignKeyConstraintName: 'fk_policy_results_scan' })
  scan?: Relation<ScanEntity>;

  @Column({ name: 'policy_name', type: 'text' })
  policyName!: string;

  @Column({ name: 'policy_version', type: 'text' })
  policyVersion!: string;

  /** `sha256:<hex>` of the policy set's canonical JSON. */
  @Column({ name: 'policy_digest', type: 'text' })
  policyDigest!: string;

  /** The published policy set evaluated (`scan --policy name@version` or `active`); null for a set read from files. */
  @Column({ name: 'policy_set_id', type: 'uuid', nullable: true })
  policySetId!: string | null;

  @ManyToOne(() => PolicySetEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'policy_set_id', foreignKeyConstraintName: 'fk_policy_results_policy_set' })
  policySet?: Relation<PolicySetEntity>;

  @Column({ name: 'waivers_digest', type: 'text' })
  waiversDigest!: string;

  /** passed, failed or not-applicable. */
  @Column({ type: 'text' })
  outcome!: PolicyResults['outcome'];

  @Column({ name: 'evaluated_at', type: 'timestamptz' })
  evaluatedAt!: Date;

  @Column({ type: 'jsonb' })
  summary!: PolicyResults['summary'];

  /** Per-rule results with evidence. */
  @Column({ type: 'jsonb' })
  rules!: PolicyResults['rules'];

  /** Every waiver's state (applied, unused, expired, rejected). */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  waivers!: PolicyResults['waivers'];
}
