import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  type ChainReport,
  type LedgerEntryDraft,
  type SealedLedgerEntry,
  consistencyProof,
  inclusionProof,
  rootHash,
  sealEntry,
  verifyChain,
} from './domain/index.js';
import type { AuditReceipt, AuditRecordInput, AuditRecorder } from './audit-recorder.js';
import { auditBadRequest, auditEntryNotFound, auditNoPublicKey } from './audit.errors.js';
import type { ConsistencyProofResult, InclusionProofResult } from './proof-view.js';
import { type AuditEntryFilter, AuditLedgerRepository } from './audit-ledger.repository.js';

export interface AuditEntryQuery {
  action?: string;
  subject?: Record<string, string>;
  /** Keyset paging: entries before this seq (newest first) or after it (oldest first). */
  cursor?: bigint;
  limit?: number;
  order?: 'asc' | 'desc';
}

export interface VerifyLedgerOptions {
  /** The trusted public key (vkey); required when there are checkpoints. */
  publicKey?: string | null;
  /** Checkpoints kept outside the database (the checkpoint file, a report, an auditor's copy). */
  externalCheckpoints?: readonly string[];
}

/** The audit ledger: appends inside the caller's transaction, reads, verification and proofs. */
@Injectable()
export class AuditLedgerService implements AuditRecorder {
  constructor(private readonly ledger: AuditLedgerRepository) {}

  async record(manager: EntityManager, input: AuditRecordInput): Promise<AuditReceipt> {
    const [receipt] = await this.recordMany(manager, [input]);
    return receipt!;
  }

  /**
   * Appends entries in order, in the caller's transaction. The advisory lock is taken first and the head read
   * after it, so concurrent writers queue instead of forking the chain; it is held until the caller commits or
   * rolls back. Callers should append last in their transaction to keep that wait short, and run at READ
   * COMMITTED (the default): a snapshot older than the lock would see a stale head and fail on the primary key.
   */
  async recordMany(manager: EntityManager, inputs: readonly AuditRecordInput[]): Promise<AuditReceipt[]> {
    if (inputs.length === 0) return [];
    if (!manager.queryRunner?.isTransactionActive) throw auditBadRequest('audit entries are recorded inside a transaction: pass the transaction\'s EntityManager');
    await this.ledger.lockForAppend(manager);
    let previous = await this.ledger.findHead(manager);
    const now = new Date();
    const sealed: SealedLedgerEntry[] = [];
    for (const input of inputs) {
      const entry = sealEntry(toDraft(input, now), previous);
      sealed.push(entry);
      previous = entry;
    }
    await this.ledger.insertEntries(manager, sealed);
    return sealed.map((entry) => ({ seq: entry.seq, leafHash: entry.leafHash, recordedAt: entry.recordedAt }));
  }

  listEntries(query: AuditEntryQuery = {}): Promise<SealedLedgerEntry[]> {
    const filter: AuditEntryFilter = {
      action: query.action,
      subject: query.subject,
      afterSeq: query.cursor,
      limit: Math.min(Math.max(query.limit ?? 50, 1), 1000),
      order: query.order ?? 'desc',
    };
    return this.ledger.findEntries(filter);
  }

  async getEntry(seq: bigint): Promise<SealedLedgerEntry> {
    const entry = await this.ledger.findEntry(seq);
    if (!entry) throw auditEntryNotFound(seq);
    return entry;
  }

  async treeSize(): Promise<bigint> {
    return (await this.ledger.findHead())?.seq ?? 0n;
  }

  /**
   * Recomputes every leaf hash and link from entry 1, and checks every stored checkpoint and every external one
   * against the tree the entries produce at its size. A ledger rewritten with every hash recomputed passes the
   * chain checks but not an external checkpoint taken before the rewrite.
   */
  async verify(options: VerifyLedgerOptions = {}): Promise<ChainReport & { checkpointsGiven: number }> {
    const stored = (await this.ledger.findCheckpoints()).map((checkpoint) => checkpoint.note);
    const checkpoints = [...stored, ...(options.externalCheckpoints ?? [])];
    if (checkpoints.length > 0 && !options.publicKey) throw auditNoPublicKey();
    const report = await verifyChain(this.ledger.streamEntries(1n, null), {
      checkpoints,
      publicKey: options.publicKey ?? undefined,
    });
    return { ...report, checkpointsGiven: checkpoints.length };
  }

  /** RFC 9162 inclusion proof of entry `seq` in the tree of the first `treeSize` entries (from stored leaf hashes). */
  async inclusionProof(seq: bigint, treeSize: bigint): Promise<InclusionProofResult> {
    if (seq < 1n || seq > treeSize) throw auditBadRequest(`seq must be from 1 to treeSize (${treeSize})`);
    const leaves = await this.leavesOfTree(treeSize);
    const leafIndex = seq - 1n;
    return {
      seq,
      treeSize,
      leafIndex,
      leafHash: leaves[Number(leafIndex)]!.toString('hex'),
      rootHash: rootHash(leaves),
      proof: inclusionProof(leaves, leafIndex),
    };
  }

  /** RFC 9162 consistency proof from the tree of `from` entries to the tree of `to` entries. */
  async consistencyProof(from: bigint, to: bigint): Promise<ConsistencyProofResult> {
    if (from > to) throw auditBadRequest(`from (${from}) must not be larger than to (${to})`);
    const leaves = await this.leavesOfTree(to);
    return { from, to, fromRoot: rootHash(leaves.slice(0, Number(from))), toRoot: rootHash(leaves), proof: consistencyProof(leaves, from) };
  }

  private async leavesOfTree(size: bigint): Promise<Buffer[]> {
    const head = await this.treeSize();
    if (size > head) throw auditBadRequest(`the ledger holds ${head} entries; a tree of ${size} does not exist yet`);
    const leaves = await this.ledger.leafHashes(size);
    if (BigInt(leaves.length) !== size) throw auditBadRequest(`entries are missing below ${size}: run \`chainward audit verify\``);
    return leaves;
  }
}

function toDraft(input: AuditRecordInput, now: Date): LedgerEntryDraft {
  return {
    recordedAt: (input.recordedAt ?? now).toISOString(),
    actor: input.actor,
    action: input.action,
    subject: input.subject,
    inputsDigest: input.inputsDigest ?? null,
    outputsDigest: input.outputsDigest ?? null,
    policyVersion: input.policyVersion ?? null,
    rationale: input.rationale ?? '',
    payload: input.payload ?? {},
  };
}
