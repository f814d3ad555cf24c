import { z } from 'zod';
import { ChainwardError } from '../../common/errors.js';
import { type JsonObject } from './canonical.js';
import { decodeBase64Strict } from './encoding.js';
import { ACTOR_KINDS, GENESIS_PREV_HASH, hashedDocument, type SealedLedgerEntry } from './entry.js';
import { HASH_SIZE } from './merkle.js';
import { formatVerifierKey, parseVerifierKey } from './note-key.js';
import { type ChainReport, type ChainStart, verifyChain } from './verify-chain.js';

/**
 * A self-verifying export of a range of the ledger, one JSON document:
 *   format       "chainward-audit-bundle/v1"
 *   origin       the log origin the checkpoints carry
 *   publicKey    the ledger's Ed25519 key in C2SP vkey form
 *   start        the tree before the range: size (decimal string), lastLeafHash (hex), frontier (base64 hashes)
 *   checkpoints  signed checkpoint notes; one must cover the last entry
 *   entries      the entries in sequence order, seq as a decimal string, each with its stored leafHash
 * Anyone holding it (and, to trust it, the published public key) can re-run the whole verification offline.
 */
export const BUNDLE_FORMAT = 'chainward-audit-bundle/v1';
export const DEFAULT_MAX_BUNDLE_BYTES = 256 * 1024 * 1024;

export interface BundleInput {
  origin: string;
  /** The ledger public key, vkey text. */
  publicKey: string;
  /** The tree before the first entry; omit when the range starts at entry 1. */
  start?: ChainStart;
  entries: Iterable<SealedLedgerEntry>;
  checkpoints: readonly string[];
}

export interface BundleReport extends ChainReport {
  origin: string;
  /** The key the checkpoints were verified with (vkey). */
  publicKey: string;
  firstSeq: bigint | null;
  lastSeq: bigint | null;
}

export interface VerifyBundleOptions {
  maxBytes?: number;
  /** The published ledger key; when given, the key inside the bundle is not trusted. */
  trustedPublicKey?: string;
}

/** Writes a bundle as JSON with one entry per line, so large exports stay readable and diffable. */
export function createBundle(input: BundleInput): string {
  const verifier = parseVerifierKey(input.publicKey);
  const start = input.start ?? { size: 0n, lastLeafHash: GENESIS_PREV_HASH, frontier: [] };
  const header = {
    format: BUNDLE_FORMAT,
    origin: input.origin,
    publicKey: formatVerifierKey(verifier),
    start: { size: start.size.toString(10), lastLeafHash: start.lastLeafHash, frontier: start.frontier.map((h) => Buffer.from(h).toString('base64')) },
    checkpoints: [...input.checkpoints],
  };
  const entries = [...input.entries].map((entry) => JSON.stringify(toBundleEntry(entry)));
  return `${JSON.stringify(header).slice(0, -1)},"entries":[\n${entries.join(',\n')}\n]}\n`;
}

/** Exactly the hashed fields plus the leaf hash, so that extra properties a storage layer adds (row ids...) never reach a bundle. */
function toBundleEntry(entry: SealedLedgerEntry): Record<string, unknown> {
  return { ...hashedDocument(entry), leafHash: entry.leafHash };
}

/** Parses and verifies a bundle: the same report as verifyChain, plus what the bundle claims to be. */
export async function verifyBundle(bundle: string | Uint8Array, options: VerifyBundleOptions = {}): Promise<BundleReport> {
  const parsed = parseBundle(bundle, options.maxBytes ?? DEFAULT_MAX_BUNDLE_BYTES);
  const publicKey = options.trustedPublicKey ?? parsed.publicKey;
  const report = await verifyChain(parsed.entries, {
    publicKey,
    origin: parsed.origin,
    checkpoints: parsed.checkpoints,
    start: parsed.start,
    requireCheckpointAtEnd: true,
  });
  return {
    ...report,
    origin: parsed.origin,
    publicKey,
    firstSeq: parsed.entries[0]?.seq ?? null,
    lastSeq: parsed.entries.at(-1)?.seq ?? null,
  };
}

const hexHash = z.string().regex(/^[0-9a-f]{64}$/, 'expected 64 lowercase hex digits');
const base64Hash = z.string().refine((text) => decodeBase64Strict(text)?.length === HASH_SIZE, 'expected a base64 32-byte hash');
const decimal = (pattern: RegExp) => z.string().regex(pattern, 'expected a decimal integer').transform((text) => BigInt(text));
const nullableText = z.string().min(1).nullable();

const entrySchema = z.strictObject({
  seq: decimal(/^[1-9][0-9]{0,18}$/),
  recordedAt: z.string(),
  actor: z.strictObject({ kind: z.enum(ACTOR_KINDS), id: z.string(), version: z.string().nullable().optional() }),
  action: z.string(),
  subject: z.record(z.string(), z.string()),
  inputsDigest: nullableText,
  outputsDigest: nullableText,
  policyVersion: nullableText,
  rationale: z.string(),
  payload: z.record(z.string(), z.unknown()),
  prevHash: hexHash,
  leafHash: hexHash,
});

const bundleSchema = z.strictObject({
  format: z.literal(BUNDLE_FORMAT),
  origin: z.string().min(1),
  publicKey: z.string().min(1).max(1000),
  start: z.strictObject({ size: decimal(/^(0|[1-9][0-9]{0,18})$/), lastLeafHash: hexHash, frontier: z.array(base64Hash).max(64) }),
  checkpoints: z.array(z.string().max(128 * 1024)).max(10_000),
  entries: z.array(entrySchema),
});

interface ParsedBundle {
  origin: string;
  publicKey: string;
  start: ChainStart;
  checkpoints: string[];
  entries: SealedLedgerEntry[];
}

function parseBundle(bundle: string | Uint8Array, maxBytes: number): ParsedBundle {
  const size = typeof bundle === 'string' ? Buffer.byteLength(bundle, 'utf8') : bundle.length;
  if (size > maxBytes) throw invalid(`it is ${size} bytes, more than the limit of ${maxBytes}; export a shorter range`);
  let json: unknown;
  try {
    json = JSON.parse(typeof bundle === 'string' ? bundle : new TextDecoder('utf-8', { fatal: true }).decode(bundle));
  } catch (error) {
    throw invalid(`it is not JSON (${(error as Error).message})`);
  }
  const result = bundleSchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw invalid(`${issue.path.join('.') || 'the document'}: ${issue.message}`);
  }
  const { origin, publicKey, start, checkpoints, entries } = result.data;
  return {
    origin,
    publicKey,
    checkpoints,
    start: { size: start.size, lastLeafHash: start.lastLeafHash, frontier: start.frontier.map((h) => Buffer.from(h, 'base64')) },
    entries: entries.map((entry) => ({ ...entry, payload: entry.payload as JsonObject }) as SealedLedgerEntry),
  };
}

function invalid(reason: string): ChainwardError {
  return new ChainwardError({ code: 'audit.bundle-invalid', category: 'bad-input', message: `Not a valid audit bundle: ${reason}.` });
}
