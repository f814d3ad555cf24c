import { Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { ScanEntity } from './scan.entity.js';

/** One edge of a scan's dependency graph, between component refs. */
@Entity({ name: 'dependency_edges' })
export class DependencyEdgeEntity {
  @PrimaryColumn({ name: 'scan_id', type: 'uuid' })
  scanId!: string;

  @PrimaryColumn({ name: 'from_ref', type: 'text' })
  fromRef!: string;

  @PrimaryColumn({ name: 'to_ref', type: 'text' })
  toRef!: string;

  @ManyToOne(() => ScanEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'scan_id', foreignKeyConstraintName: 'fk_dependency_edges_scan' })
  scan?: Relation<ScanEntity>;
}
