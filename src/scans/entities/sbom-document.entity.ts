import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn, type Relation } from 'typeorm';
import { ScanEntity } from './scan.entity.js';

/** The SBOM document a scan produced, stored byte for byte so its digest can be checked. */
@Entity({ name: 'sbom_documents' })
export class SbomDocumentEntity {
  @PrimaryColumn({ name: 'scan_id', type: 'uuid' })
  scanId!: string;

  @OneToOne(() => ScanEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'scan_id', foreignKeyConstraintName: 'fk_sbom_documents_scan' })
  scan?: Relation<ScanEntity>;

  @Column({ type: 'text' })
  format!: string;

  @Column({ name: 'spec_version', type: 'text' })
  specVersion!: string;

  @Column({ name: 'serial_number', type: 'text' })
  serialNumber!: string;

  @Column({ type: 'text' })
  digest!: string;

  @Column({ type: 'text' })
  content!: string;
}
