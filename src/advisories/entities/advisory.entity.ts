import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { OsvAffected, OsvCredit, OsvReference, OsvSeverity } from '../domain/index.js';

/** One OSV record as imported (schema 1.6), OSV's own field names as columns. */
@Entity({ name: 'advisories' })
export class AdvisoryEntity {
  /** The OSV id (GHSA-…, GO-…, PYSEC-…). */
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  aliases!: string[];

  /** With `id`, what makes an import idempotent: the same (id, modified) is left unchanged. */
  @Column({ type: 'timestamptz' })
  modified!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  published!: Date | null;

  /** Set when the advisory was retracted: a withdrawn record never matches. */
  @Column({ type: 'timestamptz', nullable: true })
  withdrawn!: Date | null;

  @Column({ type: 'text', nullable: true })
  summary!: string | null;

  @Column({ type: 'text', nullable: true })
  details!: string | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  severity!: OsvSeverity[];

  @Column({ type: 'jsonb', default: () => "'[]'" })
  affected!: OsvAffected[];

  @Column({ type: 'jsonb', default: () => "'[]'" })
  references!: OsvReference[];

  @Column({ name: 'database_specific', type: 'jsonb', nullable: true })
  databaseSpecific!: Record<string, unknown> | null;

  /** The rest of the record (schema_version, related, upstream, credits), so an export loses nothing. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  extra!: { schema_version?: string; related?: string[]; upstream?: string[]; credits?: OsvCredit[] };
}
