import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { ActorKind, Subject } from '../domain/index.js';

/**
 * One ledger entry as stored. The table is append-only: database triggers reject UPDATE, DELETE and TRUNCATE
 * (see the AuditLedger migration). `seq` is a PostgreSQL bigint, which the driver returns as a decimal string.
 */
@Entity({ name: 'audit_entries' })
@Index('ix_audit_entries_action', ['action', 'seq'])
export class AuditEntryEntity {
  @PrimaryColumn({ type: 'bigint', primaryKeyConstraintName: 'pk_audit_entries' })
  seq!: string;

  /** Written with millisecond precision so that it reads back as the ISO text that was hashed. */
  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;

  @Column({ name: 'actor_kind', type: 'text' })
  actorKind!: ActorKind;

  @Column({ name: 'actor_id', type: 'text' })
  actorId!: string;

  @Column({ name: 'actor_version', type: 'text', nullable: true })
  actorVersion!: string | null;

  @Column({ type: 'text' })
  action!: string;

  /** Ids the decision is about ({repository, scan, policy, ...}); queried with jsonb containment. */
  @Column({ type: 'jsonb' })
  subject!: Subject;

  @Column({ name: 'inputs_digest', type: 'text', nullable: true })
  inputsDigest!: string | null;

  @Column({ name: 'outputs_digest', type: 'text', nullable: true })
  outputsDigest!: string | null;

  @Column({ name: 'policy_version', type: 'text', nullable: true })
  policyVersion!: string | null;

  @Column({ type: 'text' })
  rationale!: string;

  /** A JSON object (JsonObject); typed loosely here because TypeORM's deep-partial types cannot follow recursive ones. */
  @Column({ type: 'jsonb' })
  payload!: Record<string, unknown>;

  /** Leaf hash (hex) of entry seq - 1; 64 zeros for entry 1. */
  @Column({ name: 'prev_hash', type: 'text' })
  prevHash!: string;

  /** SHA-256(0x00 ‖ RFC 8785 JSON of the entry), hex. */
  @Column({ name: 'leaf_hash', type: 'text' })
  leafHash!: string;
}
