import { ChainwardError } from '../../common/errors.js';
import { type Checkpoint, parseCheckpoint, verifyCheckpoint } from './checkpoint.js';
import { GENESIS_PREV_HASH, type SealedLedgerEntry, leafHash } from './entry.js';
import { type Hash, hashesEqual } from './merkle.js';
import { MerkleFrontier } from './merkle-frontier.js';
import { type NoteVerifier, parseVerifierKey } from './note-key.js';
import { parseSignedNote } from './signed-note.js';

export type ChainProblemKind =
  /** An entry's content no longer produces its stored leaf hash. */
  | 'changed-content'
  /** An entry's prevHash is not the stored leaf hash of the entry before it (one of the two was rewritten). */
  | 'broken-link'
  /** A sequence number is missing: an entry was deleted (also at the tail, when a checkpoint covers it). */
  | 'gap'
  /** Entries are out of sequence order, or two entries swapped places. */
  | 'reordered'
  /** A correctly signed checkpoint does not match the tree the entries produce at its size. */
  | 'checkpoint-mismatch'
  /** A checkpoint's signature does not verify with the public key (forged or altered), or it cannot be read. */
  | 'bad-signature'
  /** Entries past the last matching checkpoint, when the caller asked for every entry to be covered. */
  | 'not-checkpointed';

export interface ChainProblem {
  kind: ChainProblemKind;
  /** The first bad sequence number (for checkpoint problems, the checkpoint's tree size); null if a checkpoint is unreadable. */
  seq: bigint | null;
  message: string;
}

export interface ChainReport {
  ok: boolean;
  problem: ChainProblem | null;
  /** Entries that passed every check before the first problem (all of them when ok). */
  entriesVerified: bigint;
  /** Size and base64 root of the tree over the verified entries. */
  treeSize: bigint;
  rootHash: string;
  /** Checkpoints whose signature verified and whose root matched. */
  checkpointsMatched: number;
  /** The largest tree size a matching checkpoint covers (0 when none). */
  lastCheckpointedSize: bigint;
}

/** Where verification of a range starts when it does not start at seq 1 (see bundle.ts). */
export interface ChainStart {
  /** Entries before the range: the range starts at seq size + 1. */
  size: bigint;
  /** Leaf hash (hex) of entry `size`, which the first entry's prevHash must name. */
  lastLeafHash: string;
  /** MerkleFrontier nodes of the tree of the first `size` entries. */
  frontier: readonly Hash[];
}

export interface VerifyChainOptions {
  /** Signed checkpoint notes to check against the entries, in any order. */
  checkpoints?: ReadonlyArray<string | Uint8Array>;
  /** The log's public key (vkey text or parsed); required when checkpoints are given. */
  publicKey?: string | NoteVerifier;
  /** The origin checkpoints must carry; by default the key name. */
  origin?: string;
  start?: ChainStart;
  /** Fail with 'not-checkpointed' unless a matching checkpoint covers the last entry (what an exported bundle needs). */
  requireCheckpointAtEnd?: boolean;
}

/**
 * Recomputes every leaf hash and link of a ledger streamed in sequence order, grows the Merkle tree in constant
 * memory, and compares it with each checkpoint when the tree reaches that checkpoint's size. Stops at the first
 * problem. Entries are looked at with one entry of look-ahead, to tell a deleted entry from two swapped ones.
 */
export async function verifyChain(
  entries: Iterable<SealedLedgerEntry> | AsyncIterable<SealedLedgerEntry>,
  options: VerifyChainOptions = {},
): Promise<ChainReport> {
  const state = new ChainState(options);
  const early = state.loadCheckpoints(options.checkpoints ?? [], options);
  if (early) return state.report(early);
  // Each entry is checked once the next one is known; the last one with no look-ahead.
  let current: SealedLedgerEntry | undefined;
  let problem: ChainProblem | null = null;
  const step = (next: SealedLedgerEntry): boolean => {
    if (current !== undefined) problem = state.accept(current, next);
    current = next;
    return problem === null;
  };
  if (Symbol.asyncIterator in entries) {
    for await (const next of entries) if (!step(next)) break;
  } else {
    // A plain loop for in-memory sources: awaiting each of a million entries would cost more than hashing them.
    for (const next of entries) if (!step(next)) break;
  }
  if (problem === null && current !== undefined) problem = state.accept(current, undefined);
  return state.report(problem ?? state.finish(options.requireCheckpointAtEnd ?? false));
}

class ChainState {
  readonly #frontier: MerkleFrontier;
  readonly #startSize: bigint;
  #previousLeafHash: string;
  #checkpoints = new Map<bigint, Checkpoint[]>();
  /** Checkpoints that failed verification, by the tree size they claim. */
  #invalid = new Map<bigint, ChainProblem>();
  #matched = 0;
  #lastCheckpointedSize = 0n;

  constructor(options: VerifyChainOptions) {
    const start = options.start;
    this.#frontier = start ? MerkleFrontier.fromState(start.size, start.frontier) : new MerkleFrontier();
    this.#startSize = start?.size ?? 0n;
    this.#previousLeafHash = start && start.size > 0n ? start.lastLeafHash : GENESIS_PREV_HASH;
  }

  /** Verifies every signature first; returns a problem only for a checkpoint too broken to place in the sequence. */
  loadCheckpoints(notes: ReadonlyArray<string | Uint8Array>, options: VerifyChainOptions): ChainProblem | null {
    if (notes.length === 0) return null;
    if (options.publicKey === undefined) {
      throw new ChainwardError({
        code: 'audit.no-public-key',
        category: 'bad-input',
        message: 'Checkpoints can only be verified with the ledger public key.',
      });
    }
    const verifier = typeof options.publicKey === 'string' ? parseVerifierKey(options.publicKey) : options.publicKey;
    for (const [index, note] of notes.entries()) {
      try {
        const checkpoint = verifyCheckpoint(note, verifier, { origin: options.origin });
        this.#checkpoints.set(checkpoint.treeSize, [...(this.#checkpoints.get(checkpoint.treeSize) ?? []), checkpoint]);
      } catch (error) {
        if (!(error instanceof ChainwardError)) throw error;
        const size = claimedTreeSize(note);
        if (size === null) return { kind: 'bad-signature', seq: null, message: `Checkpoint #${index + 1} cannot be read: ${error.message}` };
        // Correctly signed but for another log: it does not describe this ledger.
        const kind = error.code === 'audit.checkpoint-origin' ? 'checkpoint-mismatch' : 'bad-signature';
        if (!this.#invalid.has(size)) this.#invalid.set(size, { kind, seq: size, message: `Checkpoint at tree size ${size}: ${error.message}` });
      }
    }
    return this.#checkAt(this.#frontier.size);
  }

  accept(entry: SealedLedgerEntry, next: SealedLedgerEntry | undefined): ChainProblem | null {
    const placeProblem = this.#placeProblem(entry, this.#frontier.size + 1n, next);
    if (placeProblem) return placeProblem;
    const hashed = this.#hashEntry(entry, next);
    if ('problem' in hashed) return hashed.problem;
    this.#frontier.append(hashed.leafHash);
    this.#previousLeafHash = entry.leafHash;
    return this.#checkAt(this.#frontier.size);
  }

  /** After the last entry: checkpoints beyond it mean entries were deleted from the end. */
  finish(requireCheckpointAtEnd: boolean): ChainProblem | null {
    const size = this.#frontier.size;
    const beyond = [...this.#checkpoints.keys(), ...this.#invalid.keys()].filter((s) => s > size).sort((a, b) => (a < b ? -1 : 1));
    if (beyond.length > 0) {
      const invalid = this.#invalid.get(beyond[0]!);
      if (invalid) return invalid;
      return {
        kind: 'gap',
        seq: size + 1n,
        message: `The ledger ends at entry ${size}, but a signed checkpoint covers ${beyond[0]} entries: entries ${size + 1n} to ${beyond[0]} were deleted.`,
      };
    }
    const covered = this.#lastCheckpointedSize > this.#startSize ? this.#lastCheckpointedSize : this.#startSize;
    if (requireCheckpointAtEnd && covered < size) {
      return {
        kind: 'not-checkpointed',
        seq: covered + 1n,
        message: `No signed checkpoint covers entries ${covered + 1n} to ${size}; they cannot be trusted.`,
      };
    }
    return null;
  }

  report(problem: ChainProblem | null): ChainReport {
    return {
      ok: problem === null,
      problem,
      entriesVerified: this.#frontier.size - this.#startSize,
      treeSize: this.#frontier.size,
      rootHash: this.#frontier.root().toString('base64'),
      checkpointsMatched: this.#matched,
      lastCheckpointedSize: this.#lastCheckpointedSize,
    };
  }

  #placeProblem(entry: SealedLedgerEntry, expected: bigint, next: SealedLedgerEntry | undefined): ChainProblem | null {
    if (entry.seq === expected) return null;
    if (entry.seq < expected) {
      return { kind: 'reordered', seq: entry.seq, message: `Entry ${entry.seq} comes after entry ${expected - 1n}: entries are out of order.` };
    }
    if (next !== undefined && next.seq < entry.seq) {
      return { kind: 'reordered', seq: expected, message: `Entry ${entry.seq} comes before entry ${next.seq}: entries are out of order.` };
    }
    const missing = entry.seq - 1n === expected ? `Entry ${expected} is missing` : `Entries ${expected} to ${entry.seq - 1n} are missing`;
    return { kind: 'gap', seq: expected, message: `${missing}: deleted from the ledger.` };
  }

  #hashEntry(entry: SealedLedgerEntry, next: SealedLedgerEntry | undefined): { leafHash: Buffer } | { problem: ChainProblem } {
    let computed: string;
    try {
      computed = leafHash(entry);
    } catch (error) {
      return { problem: { kind: 'changed-content', seq: entry.seq, message: `Entry ${entry.seq} cannot be hashed any more: ${(error as Error).message}` } };
    }
    if (computed !== entry.leafHash) return { problem: this.#explainHashMismatch(entry, next) };
    if (entry.prevHash !== this.#previousLeafHash) {
      const culprit = entry.seq > this.#startSize + 1n ? entry.seq - 1n : entry.seq;
      const message =
        culprit === entry.seq
          ? `Entry ${entry.seq} does not link to the start of the chain (prevHash ${entry.prevHash}).`
          : `Entry ${entry.seq} records a different leaf hash for entry ${culprit} than the one stored: entry ${culprit} was rewritten with its hash recomputed (or entry ${entry.seq}'s link was changed).`;
      return { problem: { kind: 'broken-link', seq: culprit, message } };
    }
    return { leafHash: Buffer.from(computed, 'hex') };
  }

  /** Tells a renumbered deletion or a swap from an edit; runs only once a mismatch is found. */
  #explainHashMismatch(entry: SealedLedgerEntry, next: SealedLedgerEntry | undefined): ChainProblem {
    if (next !== undefined && entry.prevHash === next.leafHash) {
      return { kind: 'reordered', seq: entry.seq, message: `Entry ${entry.seq} was recorded after entry ${next.seq}: the two were swapped.` };
    }
    if (hashMatchesAsSeq(entry, entry.seq + 1n)) {
      return {
        kind: 'gap',
        seq: entry.seq,
        message: `Entry ${entry.seq} holds what was recorded as entry ${entry.seq + 1n}: an entry was deleted and the rest renumbered.`,
      };
    }
    return { kind: 'changed-content', seq: entry.seq, message: `Entry ${entry.seq} was changed after it was recorded: its content no longer matches its leaf hash.` };
  }

  #checkAt(size: bigint): ChainProblem | null {
    const invalid = this.#invalid.get(size);
    if (invalid) return invalid;
    const checkpoints = this.#checkpoints.get(size);
    if (!checkpoints) return null;
    const root = this.#frontier.root();
    for (const checkpoint of checkpoints) {
      if (!hashesEqual(checkpoint.rootHash, root)) {
        return {
          kind: 'checkpoint-mismatch',
          seq: size,
          message: `The entries do not produce the root of the checkpoint signed at tree size ${size}: an entry after ${this.#lastCheckpointedSize} and up to ${size} was changed, even if every hash was recomputed.`,
        };
      }
      this.#matched += 1;
    }
    this.#lastCheckpointedSize = size;
    return null;
  }
}

function hashMatchesAsSeq(entry: SealedLedgerEntry, seq: bigint): boolean {
  try {
    return leafHash({ ...entry, seq }) === entry.leafHash;
  } catch {
    return false;
  }
}

/** The tree size a checkpoint claims, read without trusting it, to report a forged one in sequence order. */
function claimedTreeSize(note: string | Uint8Array): bigint | null {
  try {
    return parseCheckpoint(parseSignedNote(note).text).treeSize;
  } catch {
    return null;
  }
}
