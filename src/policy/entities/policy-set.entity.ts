import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One published version of a policy set, immutable once stored: the YAML as it
 * was published (byte for byte), its canonical digest, and who published it,
 * when and why. A name@version is published once.
 */
@Entity({ name: 'policy_sets' })
@Index('uq_policy_sets_name_version', ['name', 'version'], { unique: true })
export class PolicySetEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** `metadata.name` of the set. */
  @Column({ type: 'text' })
  name!: string;

  /** `metadata.version` of the set. */
  @Column({ type: 'text' })
  version!: string;

  /** `sha256:<hex>` of the policy set's RFC 8785 canonical JSON, as evaluation results carry it. */
  @Column({ type: 'text' })
  digest!: string;

  /** `sha256:<hex>` of the canonical JSON of the set's waivers.yaml waivers (of `[]` when it has none). */
  @Column({ name: 'waivers_digest', type: 'text' })
  waiversDigest!: string;

  /** policy.yaml exactly as published. */
  @Column({ name: 'policy_text', type: 'text' })
  policyText!: string;

  /** waivers.yaml exactly as published, when the set had one. */
  @Column({ name: 'waivers_text', type: 'text', nullable: true })
  waiversText!: string | null;

  @Column({ name: 'published_at', type: 'timestamptz' })
  publishedAt!: Date;

  /** Who published it (`--actor`, the configured actor or the login name). */
  @Column({ name: 'published_by', type: 'text' })
  publishedBy!: string;

  /** Why it was published (`--message`). */
  @Column({ type: 'text' })
  message!: string;
}
