import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { ScanEntity } from '../../scans/index.js';

/** One (component, advisory) pair a scan matched, with the severity and fixes known when it was matched. */
@Entity({ name: 'findings' })
@Index('uq_findings_scan_component_advisory', ['scanId', 'componentRef', 'advisoryId'], { unique: true })
export class FindingEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column({ name: 'scan_id', type: 'uuid' })
  scanId!: string;

  @ManyToOne(() => ScanEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'scan_id', foreignKeyConstraintName: 'fk_findings_scan' })
  scan?: Relation<ScanEntity>;

  /** The component's SBOM bom-ref. */
  @Column({ name: 'component_ref', type: 'text' })
  componentRef!: string;

  @Column({ type: 'text' })
  purl!: string;

  @Index('ix_findings_advisory')
  @Column({ name: 'advisory_id', type: 'text' })
  advisoryId!: string;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  aliases!: string[];

  /** FIRST's rating: none, low, medium, high, critical; null when the advisory gives none. */
  @Column({ type: 'text', nullable: true })
  severity!: string | null;

  /** CVSS base score, when the severity comes from a vector. */
  @Column({ type: 'double precision', nullable: true })
  score!: number | null;

  @Column({ type: 'text', nullable: true })
  vector!: string | null;

  /** Every `fixed` version the advisory gives for the package, ascending. */
  @Column({ name: 'fixed_versions', type: 'jsonb', default: () => "'[]'" })
  fixedVersions!: string[];

  /** The smallest fixing version above the component's own. */
  @Column({ name: 'fix_above', type: 'text', nullable: true })
  fixAbove!: string | null;
}
