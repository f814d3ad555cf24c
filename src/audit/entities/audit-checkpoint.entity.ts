import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A signed tree head of the ledger (C2SP tlog-checkpoint as a signed note). Append-only like the entries. The
 * same note is also appended to a file outside the database, which is what exposes a rewritten ledger.
 */
@Entity({ name: 'audit_checkpoints' })
export class AuditCheckpointEntity {
  @PrimaryColumn({ name: 'tree_size', type: 'bigint', primaryKeyConstraintName: 'pk_audit_checkpoints' })
  treeSize!: string;

  /** Base64 RFC 9162 root hash of the first tree_size entries. */
  @Column({ name: 'root_hash', type: 'text' })
  rootHash!: string;

  /** The signed note, byte for byte. */
  @Column({ type: 'text' })
  note!: string;

  /** Subtree roots (base64, largest first) of the tree at this size, so the next checkpoint starts from here. */
  @Column({ type: 'jsonb' })
  frontier!: string[];

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
