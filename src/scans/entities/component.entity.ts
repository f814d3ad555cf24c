import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { ScanEntity } from './scan.entity.js';

/** A component found by a scan (project roots included), as in the SBOM. */
@Entity({ name: 'components' })
@Index('uq_components_scan_ref', ['scanId', 'ref'], { unique: true })
export class ComponentEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column({ name: 'scan_id', type: 'uuid' })
  scanId!: string;

  @ManyToOne(() => ScanEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'scan_id', foreignKeyConstraintName: 'fk_components_scan' })
  scan?: Relation<ScanEntity>;

  /** The SBOM bom-ref. */
  @Column({ type: 'text' })
  ref!: string;

  @Index('ix_components_purl')
  @Column({ type: 'text' })
  purl!: string;

  @Column({ type: 'text' })
  ecosystem!: string;

  @Column({ name: 'group_name', type: 'text', nullable: true })
  group!: string | null;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  version!: string;

  /** 'application' for project roots, 'library' for dependencies. */
  @Column({ type: 'text' })
  type!: string;

  /** CycloneDX scope: required, optional or excluded. */
  @Column({ type: 'text' })
  scope!: string;

  @Column({ type: 'boolean' })
  development!: boolean;

  @Column({ type: 'boolean' })
  direct!: boolean;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  licenses!: Array<Record<string, string>>;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  hashes!: Array<{ alg: string; content: string }>;

  @Column({ name: 'source_file', type: 'text' })
  sourceFile!: string;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  properties!: Record<string, string>;
}
