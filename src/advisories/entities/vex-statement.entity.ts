import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { RepositoryEntity } from '../../scans/index.js';

/**
 * One CycloneDX VEX analysis of one vulnerability for one component, imported for a
 * repository: a not_affected or false_positive statement suppresses matching findings.
 */
@Entity({ name: 'vex_statements' })
@Index('uq_vex_statements_repository_vulnerability_purl', ['repositoryId', 'vulnerabilityId', 'purl'], { unique: true })
export class VexStatementEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column({ name: 'repository_id', type: 'uuid' })
  repositoryId!: string;

  @ManyToOne(() => RepositoryEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'repository_id', foreignKeyConstraintName: 'fk_vex_statements_repository' })
  repository?: Relation<RepositoryEntity>;

  /** The vulnerability id as the VEX names it: an advisory id or one of its aliases (CVE-…). */
  @Column({ name: 'vulnerability_id', type: 'text' })
  vulnerabilityId!: string;

  /** The affected component's package URL; without a version it covers every version. */
  @Column({ type: 'text' })
  purl!: string;

  /** CycloneDX `analysis.state`: not_affected, false_positive, … */
  @Column({ type: 'text' })
  state!: string;

  /** CycloneDX `analysis.justification` (code_not_reachable, …), when given. */
  @Column({ type: 'text', nullable: true })
  justification!: string | null;

  @Column({ type: 'text', nullable: true })
  detail!: string | null;

  /** The VEX file it came from, for the record. */
  @Column({ type: 'text' })
  source!: string;

  @CreateDateColumn({ name: 'imported_at', type: 'timestamptz' })
  importedAt!: Date;
}
