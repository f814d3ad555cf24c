import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { AdvisoryEntity } from './advisory.entity.js';

/**
 * The lookup of advisories by package: canonical OSV ecosystem and the name as
 * the registry normalises it (`packageKey`'s two halves). The primary key leads
 * with (ecosystem, name), so it is the lookup index.
 */
@Entity({ name: 'advisory_packages' })
@Index('ix_advisory_packages_advisory', ['advisoryId'])
export class AdvisoryPackageEntity {
  @PrimaryColumn({ type: 'text' })
  ecosystem!: string;

  @PrimaryColumn({ type: 'text' })
  name!: string;

  @PrimaryColumn({ name: 'advisory_id', type: 'text' })
  advisoryId!: string;

  @ManyToOne(() => AdvisoryEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'advisory_id', foreignKeyConstraintName: 'fk_advisory_packages_advisory' })
  advisory?: Relation<AdvisoryEntity>;
}
