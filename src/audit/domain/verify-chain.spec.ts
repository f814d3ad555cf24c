import { describe, expect, it } from '@jest/globals';
import { sampleDraft, sampleLedger } from '../../../test/support/sample-ledger.js';
import { ChainwardError } from '../../common/errors.js';
import { signCheckpoint } from './checkpoint.js';
import { type SealedLedgerEntry, leafHash, sealEntry } from './entry.js';
import { consistencyProof, rootHash, verifyConsistency } from './merkle.js';
import { MerkleFrontier } from './merkle-frontier.js';
import { formatVerifierKey, generateNoteSigner } from './note-key.js';
import { type VerifyChainOptions, verifyChain } from './verify-chain.js';

const ORIGIN = 'chainward.example/ledger';
const signer = generateNoteSigner(ORIGIN);
const publicKey = formatVerifierKey(signer);
const honest: SealedLedgerEntry[] = [...sampleLedger(50)];
const leaves = (entries: SealedLedgerEntry[]): Buffer[] => entries.map((e) => Buffer.from(e.leafHash, 'hex'));

/** A checkpoint signed with the ledger key over the first `size` entries of `entries`. */
function checkpointOf(entries: SealedLedgerEntry[], size: number): string {
  return signCheckpoint({ origin: ORIGIN, treeSize: BigInt(size), rootHash: rootHash(leaves(entries.slice(0, size))), extensions: [] }, signer);
}

/** Re-seals entries from `fromIndex` on, as an attacker with write access who recomputes every hash would. */
function resealFrom(entries: SealedLedgerEntry[], fromIndex: number): SealedLedgerEntry[] {
  const result = entries.slice(0, fromIndex);
  for (const entry of entries.slice(fromIndex)) {
    const { seq: _seq, prevHash: _prevHash, leafHash: _leafHash, ...draft } = entry;
    result.push(sealEntry(draft, result.at(-1) ?? null));
  }
  return result;
}

const verify = (entries: SealedLedgerEntry[], options: VerifyChainOptions = {}) => verifyChain(entries, { publicKey, ...options });

describe('verifyChain on an honest ledger', () => {
  it('accepts 50 entries and reports the tree head', async () => {
    const report = await verify(honest);
    expect(report).toEqual({
      ok: true,
      problem: null,
      entriesVerified: 50n,
      treeSize: 50n,
      rootHash: rootHash(leaves(honest)).toString('base64'),
      checkpointsMatched: 0,
      lastCheckpointedSize: 0n,
    });
  });

  it('matches checkpoints given in any order, streamed from an async source', async () => {
    async function* stream(): AsyncGenerator<SealedLedgerEntry> {
      for (const entry of honest) yield entry;
    }
    const report = await verifyChain(stream(), {
      publicKey,
      checkpoints: [checkpointOf(honest, 50), checkpointOf(honest, 20), checkpointOf(honest, 0)],
      requireCheckpointAtEnd: true,
    });
    expect(report.ok).toBe(true);
    expect(report.checkpointsMatched).toBe(3);
    expect(report.lastCheckpointedSize).toBe(50n);
  });

  it('accepts an empty ledger and refuses checkpoints without a public key', async () => {
    expect((await verifyChain([])).treeSize).toBe(0n);
    await expect(verifyChain(honest, { checkpoints: [checkpointOf(honest, 10)] })).rejects.toThrow(ChainwardError);
  });
});

describe('verifyChain names the first bad entry and what is wrong', () => {
  it('changed-content: an edited payload', async () => {
    const tampered = honest.map((e) => (e.seq === 18n ? { ...e, payload: { ...e.payload, findings: 0 } } : e));
    expect((await verify(tampered)).problem).toMatchObject({ kind: 'changed-content', seq: 18n });
  });

  it('changed-content: an edited rationale, reported before a later edit', async () => {
    const tampered = honest.map((e) => (e.seq === 9n || e.seq === 30n ? { ...e, rationale: 'Nothing to see.' } : e));
    const report = await verify(tampered);
    expect(report.problem).toMatchObject({ kind: 'changed-content', seq: 9n });
    expect(report.entriesVerified).toBe(8n);
  });

  it('broken-link: an entry rewritten with its own hash recomputed', async () => {
    const tampered = [...honest];
    const { seq: _s, prevHash: _p, leafHash: _l, ...draft } = honest[17]!;
    tampered[17] = sealEntry({ ...draft, rationale: 'Rewritten.' }, honest[16]!);
    const problem = (await verify(tampered)).problem;
    expect(problem).toMatchObject({ kind: 'broken-link', seq: 18n });
    expect(problem?.message).toContain('Entry 19 records a different leaf hash for entry 18');
  });

  it('gap: a deleted entry', async () => {
    const tampered = honest.filter((e) => e.seq !== 18n);
    expect((await verify(tampered)).problem).toMatchObject({ kind: 'gap', seq: 18n, message: 'Entry 18 is missing: deleted from the ledger.' });
  });

  it('gap: deleted entries with the later ones renumbered', async () => {
    const tampered = honest.filter((e) => e.seq !== 18n).map((e) => (e.seq > 18n ? { ...e, seq: e.seq - 1n } : e));
    expect((await verify(tampered)).problem).toMatchObject({ kind: 'gap', seq: 18n });
  });

  it('gap: entries deleted from the end, caught by a checkpoint that covers them', async () => {
    const tampered = honest.slice(0, 47);
    expect((await verify(tampered)).ok).toBe(true);
    const report = await verify(tampered, { checkpoints: [checkpointOf(honest, 50)] });
    expect(report.problem).toMatchObject({ kind: 'gap', seq: 48n });
  });

  it('reordered: two entries delivered out of sequence order', async () => {
    const tampered = [...honest];
    [tampered[17], tampered[18]] = [honest[18]!, honest[17]!];
    expect((await verify(tampered)).problem).toMatchObject({ kind: 'reordered', seq: 18n });
  });

  it('reordered: the contents of two rows swapped, sequence numbers left in place', async () => {
    const tampered = [...honest];
    tampered[17] = { ...honest[18]!, seq: 18n };
    tampered[18] = { ...honest[17]!, seq: 19n };
    expect((await verify(tampered)).problem).toMatchObject({ kind: 'reordered', seq: 18n });
  });

  it('checkpoint-mismatch: a correctly signed checkpoint of another history', async () => {
    const other = [...sampleLedger(30, 1000)];
    const report = await verify(honest, { checkpoints: [checkpointOf(honest, 10), checkpointOf(other, 30)] });
    expect(report.problem).toMatchObject({ kind: 'checkpoint-mismatch', seq: 30n });
    expect(report.lastCheckpointedSize).toBe(10n);
  });

  it('bad-signature: a checkpoint whose root was replaced after signing', async () => {
    const genuine = checkpointOf(honest, 40);
    const forgedRoot = rootHash(leaves(honest.slice(0, 39))).toString('base64');
    const forged = genuine.replace(rootHash(leaves(honest.slice(0, 40))).toString('base64'), forgedRoot);
    expect((await verify(honest, { checkpoints: [forged] })).problem).toMatchObject({ kind: 'bad-signature', seq: 40n });
  });

  it('bad-signature: a checkpoint signed by another key under the ledger name, and an unreadable one', async () => {
    const impostor = generateNoteSigner(ORIGIN);
    const byImpostor = signCheckpoint({ origin: ORIGIN, treeSize: 25n, rootHash: rootHash(leaves(honest.slice(0, 25))), extensions: [] }, impostor);
    expect((await verify(honest, { checkpoints: [byImpostor] })).problem).toMatchObject({ kind: 'bad-signature', seq: 25n });
    expect((await verify(honest, { checkpoints: ['not a checkpoint'] })).problem).toMatchObject({ kind: 'bad-signature', seq: null });
  });

  it('reports whichever problem comes first in sequence order', async () => {
    const tampered = honest.map((e) => (e.seq === 12n ? { ...e, action: 'scan.cancelled' } : e));
    const forgedAt5 = checkpointOf(honest, 5).replace(/\n5\n/, '\n6\n');
    const forgedAt40 = checkpointOf(honest, 40).replace(/\n40\n/, '\n41\n');
    expect((await verify(tampered, { checkpoints: [forgedAt40] })).problem).toMatchObject({ kind: 'changed-content', seq: 12n });
    expect((await verify(tampered, { checkpoints: [forgedAt5] })).problem).toMatchObject({ kind: 'bad-signature', seq: 6n });
  });
});

describe('an attacker who recomputes every hash after an edit', () => {
  const rewritten = resealFrom(
    honest.map((e) => (e.seq === 10n ? { ...e, rationale: 'Approved by the security team.' } : e)),
    9,
  );
  const earlierCheckpoint = checkpointOf(honest, 30);

  it('leaves a chain that verifies on its own', async () => {
    const report = await verify(rewritten);
    expect(report.ok).toBe(true);
    expect(report.rootHash).not.toBe(rootHash(leaves(honest)).toString('base64'));
  });

  it('is caught by an earlier checkpoint kept elsewhere: the root at its size differs', async () => {
    const report = await verify(rewritten, { checkpoints: [earlierCheckpoint] });
    expect(report.problem).toMatchObject({ kind: 'checkpoint-mismatch', seq: 30n });
  });

  it('cannot produce a consistency proof from the earlier checkpoint to the rewritten tree', () => {
    const oldRoot = rootHash(leaves(honest.slice(0, 30)));
    const newLeaves = leaves(rewritten);
    expect(verifyConsistency(30n, 50n, oldRoot, rootHash(newLeaves), consistencyProof(newLeaves, 30n))).toBe(false);
    expect(verifyConsistency(30n, 50n, oldRoot, rootHash(leaves(honest)), consistencyProof(leaves(honest), 30n))).toBe(true);
  });
});

describe('verifyChain over a range that does not start at entry 1', () => {
  const before = honest.slice(0, 20);
  const start = { size: 20n, lastLeafHash: before.at(-1)!.leafHash, frontier: MerkleFrontier.fromLeaves(leaves(before)).nodes };

  it('checks the range against a checkpoint of the whole tree', async () => {
    const report = await verify(honest.slice(20), { start, checkpoints: [checkpointOf(honest, 50), checkpointOf(honest, 10)] });
    expect(report).toMatchObject({ ok: true, entriesVerified: 30n, treeSize: 50n, checkpointsMatched: 1, lastCheckpointedSize: 50n });
  });

  it('catches a first entry that does not link to the stated start, and a wrong start frontier', async () => {
    const wrongLink = await verify(honest.slice(20), { start: { ...start, lastLeafHash: leafHash(honest[5]!) } });
    expect(wrongLink.problem).toMatchObject({ kind: 'broken-link', seq: 21n });
    const wrongFrontier = { ...start, frontier: MerkleFrontier.fromLeaves(leaves(honest.slice(1, 21))).nodes };
    const report = await verify(honest.slice(20), { start: wrongFrontier, checkpoints: [checkpointOf(honest, 50)] });
    expect(report.problem).toMatchObject({ kind: 'checkpoint-mismatch', seq: 50n });
  });
});

it('sampleDraft gives distinct entries (guards the tampering tests above)', () => {
  expect(new Set(honest.map((e) => e.leafHash)).size).toBe(50);
  expect(sampleDraft(3).action).not.toBe(sampleDraft(4).action);
});
