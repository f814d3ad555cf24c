import { hash } from 'node:crypto';
import { ChainwardError } from '../../common/errors.js';
import { type JsonObject, canonicalJson, canonicalJsonOfJsonData } from './canonical.js';

export const ACTOR_KINDS = ['user', 'token', 'agent', 'system'] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];

/** Who decided: a person, an API token, an agent (with its version) or Chainward itself. */
export interface Actor {
  kind: ActorKind;
  id: string;
  /** Agent or tool version; absent (or null, as a database returns it) when it does not apply. */
  version?: string | null;
}

/** The ids the decision is about. Keys are camelCase names, values the ids; absent keys are left out. */
export interface Subject {
  repository?: string;
  scan?: string;
  policy?: string;
  pullRequest?: string;
  waiver?: string;
  [key: string]: string | undefined;
}

/** A decision as a module records it; the ledger gives it its place in the chain. */
export interface LedgerEntryDraft {
  /** ISO-8601 UTC with milliseconds, exactly as `Date.prototype.toISOString` writes it: 2025-01-31T09:30:00.000Z. */
  recordedAt: string;
  actor: Actor;
  /** `<area>.<event>`, e.g. `scan.finished`, `policy.version-published`. */
  action: string;
  subject: Subject;
  /** Digest of what the decision was made on, e.g. `sha256:<hex>` (see `sha256Digest`), or null. */
  inputsDigest: string | null;
  /** Digest of what the decision produced, or null. */
  outputsDigest: string | null;
  policyVersion: string | null;
  /** Why, in words. */
  rationale: string;
  payload: JsonObject;
}

export interface LedgerEntry extends LedgerEntryDraft {
  /** Position in the ledger: 1, 2, 3... with no gaps. */
  seq: bigint;
  /** Leaf hash of entry seq - 1 (lowercase hex); 64 zeros for seq 1. */
  prevHash: string;
}

/** An entry with the leaf hash computed when it was appended (what the database stores). */
export interface SealedLedgerEntry extends LedgerEntry {
  leafHash: string;
}

export const GENESIS_PREV_HASH = '0'.repeat(64);
/** PostgreSQL `bigint` is signed: the sequence cannot pass 2^63 - 1. */
export const MAX_SEQ = (1n << 63n) - 1n;
export const MAX_PAYLOAD_BYTES = 1024 * 1024;

const HEX_HASH = /^[0-9a-f]{64}$/;
const ISO_UTC_MILLIS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const ACTION = /^[a-z][a-zA-Z0-9-]*(\.[a-z][a-zA-Z0-9-]*)+$/;
const SUBJECT_KEY = /^[a-z][a-zA-Z0-9]*$/;

/**
 * The JSON document whose RFC 8785 form is hashed into the leaf: every field of the entry except `leafHash`, with
 * `seq` as a decimal string (JSON numbers stop being exact at 2^53), `actor.version` present only when it is a
 * string, subject keys with an undefined value left out, and the three nullable fields always present (null when
 * empty).
 */
export function hashedDocument(entry: LedgerEntry): JsonObject {
  const actor: JsonObject = { kind: entry.actor.kind, id: entry.actor.id };
  if (typeof entry.actor.version === 'string') actor.version = entry.actor.version;
  const subject: JsonObject = {};
  for (const [key, id] of Object.entries(entry.subject)) if (id !== undefined) subject[key] = id;
  return {
    seq: entry.seq.toString(10),
    recordedAt: entry.recordedAt,
    actor,
    action: entry.action,
    subject,
    inputsDigest: entry.inputsDigest,
    outputsDigest: entry.outputsDigest,
    policyVersion: entry.policyVersion,
    rationale: entry.rationale,
    payload: entry.payload,
    prevHash: entry.prevHash,
  };
}

/**
 * RFC 6962/9162 leaf hash as lowercase hex, the form stored and chained through `prevHash`:
 * SHA-256(0x00 ‖ UTF-8 of the canonical JSON of {@link hashedDocument}). The entry must hold JSON data only, as
 * every entry that passed {@link validateEntry} or was read back from storage or JSON does.
 */
export function leafHash(entry: LedgerEntry): string {
  // One-shot hashing of "\u0000" + text: U+0000 is the single byte 0x00 in UTF-8, and crypto.hash is several
  // times faster than a Hash object for inputs this small, which matters when verifying millions of entries.
  return hash('sha256', `\u0000${canonicalJsonOfJsonData(hashedDocument(entry))}`, 'hex');
}

/** {@link leafHash} as bytes, the form the Merkle tree takes. */
export function leafHashBytes(entry: LedgerEntry): Buffer {
  return Buffer.from(leafHash(entry), 'hex');
}

/**
 * Gives a draft its place after `previous` (null for the first entry): seq = previous.seq + 1, prevHash =
 * previous.leafHash, and computes its leaf hash. The draft is validated first; nothing is written anywhere.
 */
export function sealEntry(draft: LedgerEntryDraft, previous: Pick<SealedLedgerEntry, 'seq' | 'leafHash'> | null): SealedLedgerEntry {
  const entry: LedgerEntry = {
    ...draft,
    seq: previous === null ? 1n : previous.seq + 1n,
    prevHash: previous === null ? GENESIS_PREV_HASH : previous.leafHash,
  };
  validateEntry(entry);
  return { ...entry, leafHash: leafHash(entry) };
}

/** Throws a bad-input ChainwardError naming the first field that a ledger entry cannot hold. */
export function validateEntry(entry: LedgerEntry): void {
  if (typeof entry.seq !== 'bigint' || entry.seq < 1n || entry.seq > MAX_SEQ) invalid('seq', 'must be a bigint from 1 to 2^63 - 1');
  if (typeof entry.prevHash !== 'string' || !HEX_HASH.test(entry.prevHash)) invalid('prevHash', 'must be 64 lowercase hex digits');
  if (typeof entry.recordedAt !== 'string' || !ISO_UTC_MILLIS.test(entry.recordedAt) || !isRealInstant(entry.recordedAt)) {
    invalid('recordedAt', 'must be an ISO-8601 UTC instant with milliseconds, e.g. 2025-01-31T09:30:00.000Z');
  }
  const actor: Partial<Actor> | null = typeof entry.actor === 'object' ? entry.actor : null;
  if (!actor || !ACTOR_KINDS.includes(actor.kind as ActorKind)) invalid('actor.kind', `must be one of ${ACTOR_KINDS.join(', ')}`);
  if (!isNonEmptyString(actor.id)) invalid('actor.id', 'must be a non-empty string');
  if (actor.version !== undefined && actor.version !== null && !isNonEmptyString(actor.version)) {
    invalid('actor.version', 'must be a non-empty string when present');
  }
  if (typeof entry.action !== 'string' || entry.action.length > 100 || !ACTION.test(entry.action)) {
    invalid('action', 'must look like area.event (lowercase words, dots between), at most 100 characters');
  }
  if (!isPlainObject(entry.subject)) invalid('subject', 'must be an object of ids');
  for (const [key, id] of Object.entries(entry.subject)) {
    if (!SUBJECT_KEY.test(key)) invalid(`subject.${key}`, 'keys must be camelCase names');
    if (id !== undefined && !isNonEmptyString(id)) invalid(`subject.${key}`, 'must be a non-empty string id');
  }
  for (const field of ['inputsDigest', 'outputsDigest', 'policyVersion'] as const) {
    const value = entry[field];
    if (value !== null && !isNonEmptyString(value)) invalid(field, 'must be a non-empty string or null');
  }
  if (typeof entry.rationale !== 'string') invalid('rationale', 'must be a string');
  if (!isPlainObject(entry.payload)) invalid('payload', 'must be a JSON object');
  const canonical = canonicalJson(hashedDocument(entry));
  // PostgreSQL text and jsonb cannot hold U+0000, so an entry containing it could be hashed but never stored.
  if (canonical.includes('\\u0000')) invalid('payload', 'no string may contain U+0000');
  if (Buffer.byteLength(canonical, 'utf8') > MAX_PAYLOAD_BYTES) invalid('payload', `the entry must stay under ${MAX_PAYLOAD_BYTES} bytes`);
}

function isRealInstant(text: string): boolean {
  const time = Date.parse(text);
  return Number.isFinite(time) && new Date(time).toISOString() === text;
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function invalid(field: string, rule: string): never {
  throw new ChainwardError({
    code: 'audit.bad-entry',
    category: 'bad-input',
    message: `Ledger entry field ${field} ${rule}.`,
    details: { field },
  });
}
