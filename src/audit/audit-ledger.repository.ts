import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { SealedLedgerEntry } from './domain/index.js';
import { AUDIT_ENTRY_COLUMNS, type AuditEntryRow, entityFromEntry, entryFromRow } from './audit-entry.mapper.js';
import { AuditCheckpointEntity } from './entities/audit-checkpoint.entity.js';

/**
 * Key of the transaction-scoped advisory lock that serialises appends: whoever holds it reads the head and
 * appends after it, so two writers can never take the same seq or link to the same previous entry.
 */
export const AUDIT_APPEND_LOCK = 7_305_472_915_024_001n;

/** Rows per INSERT and per page read: far under PostgreSQL's 65,535 bind parameters. */
const INSERT_CHUNK = 1000;
const PAGE_SIZE = 5000;

export interface AuditEntryFilter {
  action?: string;
  /** Entries whose subject holds all of these ids. */
  subject?: Record<string, string>;
  /** Only entries with seq greater than this (keyset paging). */
  afterSeq?: bigint;
  limit: number;
  /** Newest first (the default for listings) or oldest first. */
  order: 'asc' | 'desc';
}

/** All SQL of the audit ledger; intent-named methods, no business rules. */
@Injectable()
export class AuditLedgerRepository {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** Blocks until no other transaction is appending; released when the caller's transaction ends. */
  async lockForAppend(manager: EntityManager): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_APPEND_LOCK.toString()]);
  }

  async findHead(manager: EntityManager = this.dataSource.manager): Promise<{ seq: bigint; leafHash: string } | null> {
    const rows = (await manager.query('SELECT seq, leaf_hash FROM audit_entries ORDER BY seq DESC LIMIT 1')) as Array<{ seq: string; leaf_hash: string }>;
    return rows[0] ? { seq: BigInt(rows[0].seq), leafHash: rows[0].leaf_hash } : null;
  }

  /** Multi-row INSERTs with bind parameters: the hot path of every decision, so no ORM hydration. */
  async insertEntries(manager: EntityManager, entries: readonly SealedLedgerEntry[]): Promise<void> {
    for (let i = 0; i < entries.length; i += INSERT_CHUNK) {
      const params: unknown[] = [];
      const tuples = entries.slice(i, i + INSERT_CHUNK).map((entry) => {
        const row = entityFromEntry(entry);
        const values = [row.seq, row.recordedAt, row.actorKind, row.actorId, row.actorVersion, row.action, JSON.stringify(row.subject)];
        values.push(row.inputsDigest, row.outputsDigest, row.policyVersion, row.rationale, JSON.stringify(row.payload), row.prevHash, row.leafHash);
        const placeholders = values.map((value) => `$${params.push(value)}`);
        return `(${placeholders.join(', ')})`;
      });
      await manager.query(`INSERT INTO audit_entries (${AUDIT_ENTRY_COLUMNS}) VALUES ${tuples.join(', ')}`, params);
    }
  }

  /** Entries from seq `from` to `to` (inclusive, `to` unbounded when null) in seq order, read page by page. */
  async *streamEntries(from: bigint, to: bigint | null): AsyncGenerator<SealedLedgerEntry> {
    let after = from - 1n;
    for (;;) {
      const rows = (await this.dataSource.query(
        `SELECT ${AUDIT_ENTRY_COLUMNS} FROM audit_entries WHERE seq > $1 ${to === null ? '' : 'AND seq <= $3'} ORDER BY seq LIMIT $2`,
        to === null ? [after.toString(), PAGE_SIZE] : [after.toString(), PAGE_SIZE, to.toString()],
      )) as AuditEntryRow[];
      for (const row of rows) yield entryFromRow(row);
      if (rows.length < PAGE_SIZE) return;
      after = BigInt(rows[rows.length - 1]!.seq);
    }
  }

  /** Stored leaf hashes of entries 1..size, in seq order (what proofs are computed from). */
  async leafHashes(size: bigint): Promise<Buffer[]> {
    const leaves: Buffer[] = [];
    let after = 0n;
    while (after < size) {
      const rows = (await this.dataSource.query('SELECT seq, leaf_hash FROM audit_entries WHERE seq > $1 AND seq <= $2 ORDER BY seq LIMIT $3', [
        after.toString(),
        size.toString(),
        PAGE_SIZE * 4,
      ])) as Array<{ seq: string; leaf_hash: string }>;
      if (rows.length === 0) break;
      for (const row of rows) leaves.push(Buffer.from(row.leaf_hash, 'hex'));
      after = BigInt(rows[rows.length - 1]!.seq);
    }
    return leaves;
  }

  async findEntry(seq: bigint): Promise<SealedLedgerEntry | null> {
    const rows = (await this.dataSource.query(`SELECT ${AUDIT_ENTRY_COLUMNS} FROM audit_entries WHERE seq = $1`, [seq.toString()])) as AuditEntryRow[];
    return rows[0] ? entryFromRow(rows[0]) : null;
  }

  async findEntries(filter: AuditEntryFilter): Promise<SealedLedgerEntry[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.action) where.push(`action = $${params.push(filter.action)}`);
    if (filter.subject && Object.keys(filter.subject).length > 0) where.push(`subject @> $${params.push(JSON.stringify(filter.subject))}::jsonb`);
    if (filter.afterSeq !== undefined) where.push(`seq ${filter.order === 'asc' ? '>' : '<'} $${params.push(filter.afterSeq.toString())}`);
    const sql =
      `SELECT ${AUDIT_ENTRY_COLUMNS} FROM audit_entries` +
      (where.length > 0 ? ` WHERE ${where.join(' AND ')}` : '') +
      ` ORDER BY seq ${filter.order === 'asc' ? 'ASC' : 'DESC'} LIMIT $${params.push(filter.limit)}`;
    return ((await this.dataSource.query(sql, params)) as AuditEntryRow[]).map(entryFromRow);
  }

  /** The latest checkpoint at or below `size`: where the next one starts hashing from. */
  findCheckpointAtOrBelow(size: bigint): Promise<AuditCheckpointEntity | null> {
    return this.dataSource
      .getRepository(AuditCheckpointEntity)
      .createQueryBuilder('c')
      .where('c.treeSize <= :size', { size: size.toString() })
      .orderBy('c.treeSize', 'DESC')
      .limit(1)
      .getOne();
  }

  findCheckpoints(range: { from?: bigint; to?: bigint; limit?: number } = {}): Promise<AuditCheckpointEntity[]> {
    const query = this.dataSource.getRepository(AuditCheckpointEntity).createQueryBuilder('c').orderBy('c.treeSize', 'ASC');
    if (range.from !== undefined) query.andWhere('c.treeSize >= :from', { from: range.from.toString() });
    if (range.to !== undefined) query.andWhere('c.treeSize <= :to', { to: range.to.toString() });
    if (range.limit !== undefined) query.limit(range.limit);
    return query.getMany();
  }

  /** Stores a checkpoint unless one exists at that size; true when this call stored it. */
  async insertCheckpoint(checkpoint: AuditCheckpointEntity): Promise<boolean> {
    const rows = (await this.dataSource.query(
      'INSERT INTO audit_checkpoints (tree_size, root_hash, note, frontier, created_at) VALUES ($1, $2, $3, $4::jsonb, $5) ON CONFLICT (tree_size) DO NOTHING RETURNING tree_size',
      [checkpoint.treeSize, checkpoint.rootHash, checkpoint.note, JSON.stringify(checkpoint.frontier), checkpoint.createdAt],
    )) as unknown[];
    return rows.length === 1;
  }
}
