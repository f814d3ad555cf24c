import { describe, expect, it } from '@jest/globals';
import { sampleLedger } from '../../../test/support/sample-ledger.js';
import { ChainwardError } from '../../common/errors.js';
import { BUNDLE_FORMAT, createBundle, verifyBundle } from './bundle.js';
import { signCheckpoint } from './checkpoint.js';
import { type SealedLedgerEntry } from './entry.js';
import { rootHash } from './merkle.js';
import { MerkleFrontier } from './merkle-frontier.js';
import { type NoteSigner, formatVerifierKey, generateNoteSigner } from './note-key.js';

const ORIGIN = 'chainward.example/ledger';
const signer = generateNoteSigner(ORIGIN);
const publicKey = formatVerifierKey(signer);
const ledger: SealedLedgerEntry[] = [...sampleLedger(50)];
const leaves = (entries: SealedLedgerEntry[]): Buffer[] => entries.map((e) => Buffer.from(e.leafHash, 'hex'));
const checkpointAt = (size: number, key: NoteSigner = signer): string =>
  signCheckpoint({ origin: ORIGIN, treeSize: BigInt(size), rootHash: rootHash(leaves(ledger.slice(0, size))), extensions: [] }, key);

const fullBundle = createBundle({ origin: ORIGIN, publicKey, entries: ledger, checkpoints: [checkpointAt(20), checkpointAt(50)] });

async function bundleError(text: string | Uint8Array, maxBytes?: number): Promise<string> {
  try {
    await verifyBundle(text, { maxBytes });
  } catch (error) {
    if (error instanceof ChainwardError) return `${error.code}: ${error.message}`;
    throw error;
  }
  return 'no error';
}

describe('createBundle and verifyBundle', () => {
  it('round-trip a whole ledger, one entry per line', async () => {
    expect(fullBundle.split('\n')).toHaveLength(53);
    expect(JSON.parse(fullBundle)).toMatchObject({ format: BUNDLE_FORMAT, origin: ORIGIN, publicKey });
    const report = await verifyBundle(fullBundle, { trustedPublicKey: publicKey });
    expect(report).toMatchObject({ ok: true, firstSeq: 1n, lastSeq: 50n, treeSize: 50n, checkpointsMatched: 2, lastCheckpointedSize: 50n });
    expect(report.rootHash).toBe(rootHash(leaves(ledger)).toString('base64'));
  });

  it('leave out properties a storage layer adds to its rows', async () => {
    const rows = ledger.map((entry) => ({ ...entry, id: 'row-uuid', actor: { ...entry.actor, version: entry.actor.version ?? null } }));
    const bundle = createBundle({ origin: ORIGIN, publicKey, entries: rows, checkpoints: [checkpointAt(50)] });
    expect(bundle).not.toContain('row-uuid');
    expect((await verifyBundle(bundle)).ok).toBe(true);
  });

  it('verify a range from entry 21 with the frontier of the first 20 entries, from bytes', async () => {
    const before = ledger.slice(0, 20);
    const start = { size: 20n, lastLeafHash: before.at(-1)!.leafHash, frontier: MerkleFrontier.fromLeaves(leaves(before)).nodes };
    const bundle = createBundle({ origin: ORIGIN, publicKey, start, entries: ledger.slice(20), checkpoints: [checkpointAt(50)] });
    const report = await verifyBundle(Buffer.from(bundle));
    expect(report).toMatchObject({ ok: true, firstSeq: 21n, lastSeq: 50n, entriesVerified: 30n, treeSize: 50n });
  });

  it('name the entry edited inside the bundle text', async () => {
    const edited = fullBundle.replace(`"rationale":"${ledger[33]!.rationale}"`, '"rationale":"Decision 33: waived."');
    expect(edited).not.toBe(fullBundle);
    expect((await verifyBundle(edited)).problem).toMatchObject({ kind: 'changed-content', seq: 34n });
  });

  it('find an entry removed from the bundle', async () => {
    const lines = fullBundle.split('\n');
    const withoutEntry12 = [...lines.slice(0, 12), ...lines.slice(13)].join('\n');
    expect((await verifyBundle(withoutEntry12)).problem).toMatchObject({ kind: 'gap', seq: 12n });
  });

  it('refuse entries that no checkpoint covers', async () => {
    const bundle = createBundle({ origin: ORIGIN, publicKey, entries: ledger, checkpoints: [checkpointAt(40)] });
    expect((await verifyBundle(bundle)).problem).toMatchObject({ kind: 'not-checkpointed', seq: 41n });
  });

  it('trust the embedded key only when no published key is given', async () => {
    const attacker = generateNoteSigner(ORIGIN);
    const resigned = createBundle({ origin: ORIGIN, publicKey: formatVerifierKey(attacker), entries: ledger, checkpoints: [checkpointAt(50, attacker)] });
    expect((await verifyBundle(resigned)).ok).toBe(true);
    const report = await verifyBundle(resigned, { trustedPublicKey: publicKey });
    expect(report.problem).toMatchObject({ kind: 'bad-signature', seq: 50n });
  });
});

describe('verifyBundle on malformed input', () => {
  it.each([
    ['not JSON', '{"format":', /not JSON/],
    ['another format', fullBundle.replace(BUNDLE_FORMAT, 'chainward-audit-bundle/v2'), /format/],
    ['a numeric seq', fullBundle.replace('"seq":"7"', '"seq":7'), /entries\.6\.seq/],
    ['an unknown entry field, which the hash would not cover', fullBundle.replace('"seq":"7",', '"seq":"7","approvedBy":"mallory",'), /entries\.6/],
    ['an upper-case leaf hash', fullBundle.replace(ledger[2]!.leafHash, ledger[2]!.leafHash.toUpperCase()), /entries\.2\.leafHash/],
    ['an unknown actor kind', fullBundle.replace('"kind":"agent"', '"kind":"robot"'), /actor\.kind/],
  ])('refuses %s', async (_label, text, reason) => {
    const message = await bundleError(text);
    expect(message).toMatch(/^audit\.bundle-invalid: /);
    expect(message).toMatch(reason);
  });

  it('refuses input over the size limit before parsing it, and invalid UTF-8', async () => {
    expect(await bundleError(fullBundle, 1000)).toMatch(/more than the limit of 1000/);
    expect(await bundleError(Buffer.concat([Buffer.from(fullBundle), Buffer.from([0xc3])]))).toMatch(/not JSON/);
  });
});
