import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A waiver stored through the CLI or the API, applied with the waivers.yaml of
 * whichever policy set defines its rule. Never deleted: a revocation is
 * recorded on the row (and in the audit ledger).
 */
@Entity({ name: 'waivers' })
export class WaiverEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Id of the rule it suppresses. */
  @Column({ type: 'text' })
  rule!: string;

  /** Package URL pattern it covers (exactly one of purl and file is set). */
  @Column({ type: 'text', nullable: true })
  purl!: string | null;

  /** File pattern it covers (.gitignore syntax). */
  @Column({ type: 'text', nullable: true })
  file!: string | null;

  /** Only this advisory (id or alias), when given. */
  @Column({ type: 'text', nullable: true })
  advisory!: string | null;

  /** Repository-name patterns it is limited to; every repository when null. */
  @Column({ type: 'jsonb', nullable: true })
  repositories!: string[] | null;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ type: 'text' })
  approver!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'created_by', type: 'text' })
  createdBy!: string;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @Column({ name: 'revoked_by', type: 'text', nullable: true })
  revokedBy!: string | null;

  @Column({ name: 'revocation_reason', type: 'text', nullable: true })
  revocationReason!: string | null;
}
