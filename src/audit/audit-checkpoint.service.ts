import { Inject, Injectable } from '@nestjs/common';
import {
  type ChainStart,
  GENESIS_PREV_HASH,
  MerkleFrontier,
  type NoteSigner,
  type SealedLedgerEntry,
  createBundle,
  formatVerifierKey,
  hashesEqual,
  signCheckpoint,
  verifyChain,
  verifyCheckpoint,
} from './domain/index.js';
import { auditBadRequest, auditTampered } from './audit.errors.js';
import { AuditLedgerRepository } from './audit-ledger.repository.js';
import { type AuditSigningOptions, loadOrCreateSigner, readPublicKey } from './audit-signing.js';
import { appendCheckpointNote } from './checkpoint-file.js';
import type { AuditCheckpointEntity } from './entities/audit-checkpoint.entity.js';

/** Injection token of the AuditSigningOptions (key file, checkpoint file, origin). */
export const AUDIT_SIGNING = Symbol('AUDIT_SIGNING');

export interface StoredCheckpoint {
  treeSize: bigint;
  /** Base64 root hash. */
  rootHash: string;
  /** The signed note (C2SP tlog-checkpoint). */
  note: string;
  createdAt: Date;
}

/** Signed tree heads: made on demand, stored, and appended to the checkpoint file outside the database. */
@Injectable()
export class AuditCheckpointService {
  #signer: Promise<NoteSigner> | undefined;

  constructor(
    private readonly ledger: AuditLedgerRepository,
    @Inject(AUDIT_SIGNING) private readonly signing: AuditSigningOptions,
  ) {}

  /** The ledger's public key (vkey), creating the key pair on first use. */
  async publicKey(): Promise<string> {
    return formatVerifierKey(await this.signer());
  }

  /** The public key when a key exists; never creates one (for verification). */
  existingPublicKey(): Promise<string | null> {
    return readPublicKey(this.signing);
  }

  get checkpointFile(): string {
    return this.signing.checkpointFile;
  }

  /** Signs the current tree head (or returns the checkpoint already stored at that size). */
  async checkpoint(): Promise<StoredCheckpoint & { created: boolean }> {
    return this.checkpointAt((await this.ledger.findHead())?.seq ?? 0n);
  }

  /**
   * Signs the tree of the first `size` entries. It starts from the latest stored checkpoint at or below that size
   * (after checking its signature and frontier) and re-verifies the entries after it, so a ledger edited since
   * then is refused rather than signed. Entries are immutable, so no lock is needed: at worst two processes sign
   * the same size and the second finds the first's row.
   */
  async checkpointAt(size: bigint): Promise<StoredCheckpoint & { created: boolean }> {
    const signer = await this.signer();
    const base = await this.trustedBase(size, signer);
    const frontier = MerkleFrontier.fromState(base.size, base.frontier);
    const entries = this.ledger.streamEntries(base.size + 1n, size);
    async function* growing(): AsyncGenerator<SealedLedgerEntry> {
      for await (const entry of entries) {
        yield entry;
        frontier.append(Buffer.from(entry.leafHash, 'hex'));
      }
    }
    const report = await verifyChain(growing(), { start: base });
    if (!report.ok) throw auditTampered(report.problem!.message);
    if (report.treeSize !== size) throw auditTampered(`the ledger holds ${report.treeSize} entries, not ${size}`);
    const root = frontier.root();
    const note = signCheckpoint({ origin: signer.name, treeSize: size, rootHash: root, extensions: [] }, signer);
    const row: AuditCheckpointEntity = {
      treeSize: size.toString(10),
      rootHash: root.toString('base64'),
      note,
      frontier: frontier.nodes.map((node) => node.toString('base64')),
      createdAt: new Date(),
    };
    const created = await this.ledger.insertCheckpoint(row);
    if (!created) {
      const [existing] = await this.ledger.findCheckpoints({ from: size, to: size });
      return { ...toStored(existing!), created: false };
    }
    // Stored first, then appended: a crash in between leaves a checkpoint only in the database, never one in the
    // file that the database lacks.
    await appendCheckpointNote(this.signing.checkpointFile, note);
    return { ...toStored(row), created: true };
  }

  async listCheckpoints(range: { from?: bigint; to?: bigint; limit?: number } = {}): Promise<StoredCheckpoint[]> {
    return (await this.ledger.findCheckpoints(range)).map(toStored);
  }

  /**
   * A self-verifying bundle of entries `from`..`to`: the tree before `from` (its frontier), the checkpoints
   * inside the range, and one signed at `to` if none was.
   */
  async exportBundle(from: bigint, to: bigint): Promise<string> {
    const head = (await this.ledger.findHead())?.seq ?? 0n;
    if (from < 1n || from > to || to > head) throw auditBadRequest(`the range must lie within 1..${head} with from ≤ to (got ${from}..${to})`);
    await this.checkpointAt(to);
    const start = await this.startBefore(from);
    const checkpoints = await this.ledger.findCheckpoints({ from, to });
    const entries = [];
    for await (const entry of this.ledger.streamEntries(from, to)) entries.push(entry);
    return createBundle({ origin: (await this.signer()).name, publicKey: await this.publicKey(), start, entries, checkpoints: checkpoints.map((c) => c.note) });
  }

  /** The tree of the first `from - 1` entries, from their stored leaf hashes. */
  private async startBefore(from: bigint): Promise<ChainStart> {
    const size = from - 1n;
    if (size === 0n) return { size: 0n, lastLeafHash: GENESIS_PREV_HASH, frontier: [] };
    const leaves = await this.ledger.leafHashes(size);
    const frontier = MerkleFrontier.fromLeaves(leaves);
    return { size, lastLeafHash: leaves[leaves.length - 1]!.toString('hex'), frontier: frontier.nodes };
  }

  /** The latest stored checkpoint at or below `size`, if its signature and frontier hold; else the empty tree. */
  private async trustedBase(size: bigint, signer: NoteSigner): Promise<ChainStart> {
    const empty: ChainStart = { size: 0n, lastLeafHash: GENESIS_PREV_HASH, frontier: [] };
    const stored = await this.ledger.findCheckpointAtOrBelow(size);
    if (!stored || stored.treeSize === '0') return empty;
    try {
      const checkpoint = verifyCheckpoint(stored.note, signer);
      const frontier = MerkleFrontier.fromState(checkpoint.treeSize, stored.frontier.map((node) => Buffer.from(node, 'base64')));
      const last = await this.ledger.findEntry(checkpoint.treeSize);
      if (!hashesEqual(frontier.root(), checkpoint.rootHash) || !last) return empty;
      return { size: checkpoint.treeSize, lastLeafHash: last.leafHash, frontier: frontier.nodes };
    } catch {
      // A checkpoint we cannot trust is no starting point: hash from the first entry.
      return empty;
    }
  }

  private signer(): Promise<NoteSigner> {
    this.#signer ??= loadOrCreateSigner(this.signing);
    return this.#signer;
  }
}

function toStored(row: AuditCheckpointEntity): StoredCheckpoint {
  return { treeSize: BigInt(row.treeSize), rootHash: row.rootHash, note: row.note, createdAt: row.createdAt };
}
