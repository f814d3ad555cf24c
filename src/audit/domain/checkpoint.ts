import { ChainwardError } from '../../common/errors.js';
import { decodeBase64Strict, hasControlCharacter } from './encoding.js';
import { HASH_SIZE, MAX_TREE_SIZE } from './merkle.js';
import { type NoteSigner, type NoteVerifier, parseVerifierKey } from './note-key.js';
import { type NoteLimits, openSignedNote, signNote } from './signed-note.js';

/**
 * C2SP tlog-checkpoint (c2sp.org/tlog-checkpoint): the note text is the origin line, the tree size in decimal
 * (no leading zeros), the base64 RFC 6962 root hash, then optional non-empty extension lines, each line ending in a
 * newline. Signed as a C2SP signed note with Ed25519.
 */
export interface Checkpoint {
  origin: string;
  treeSize: bigint;
  rootHash: Buffer;
  extensions: string[];
}

const TREE_SIZE = /^(0|[1-9][0-9]{0,19})$/;

export function formatCheckpoint(checkpoint: Checkpoint): string {
  const { origin, treeSize, rootHash, extensions } = checkpoint;
  if (origin.length === 0 || hasControlCharacter(origin, false)) throw badCheckpoint('the origin must be one non-empty line');
  if (treeSize < 0n || treeSize > MAX_TREE_SIZE) throw badCheckpoint('the tree size must be an unsigned 64-bit integer');
  if (rootHash.length !== HASH_SIZE) throw badCheckpoint(`the root hash must be ${HASH_SIZE} bytes`);
  if (extensions.some((line) => line.length === 0 || hasControlCharacter(line, false))) throw badCheckpoint('extension lines must be non-empty single lines');
  return [origin, treeSize.toString(10), Buffer.from(rootHash).toString('base64'), ...extensions].map((line) => `${line}\n`).join('');
}

/** Parses checkpoint note text strictly: every line present and well-formed, a 32-byte root. */
export function parseCheckpoint(text: string): Checkpoint {
  if (!text.endsWith('\n')) throw badCheckpoint('the text must end with a newline');
  const lines = text.slice(0, -1).split('\n');
  if (lines.length < 3) throw badCheckpoint('it needs an origin, a tree size and a root hash line');
  if (lines.some((line) => line.length === 0)) throw badCheckpoint('it has an empty line');
  const [origin, size, root, ...extensions] = lines as [string, string, string, ...string[]];
  if (!TREE_SIZE.test(size) || BigInt(size) > MAX_TREE_SIZE) throw badCheckpoint(`"${size.slice(0, 40)}" is not a tree size`);
  const rootHash = decodeBase64Strict(root);
  if (rootHash === null || rootHash.length !== HASH_SIZE) throw badCheckpoint(`the root hash is not a base64 ${HASH_SIZE}-byte hash`);
  return { origin, treeSize: BigInt(size), rootHash, extensions };
}

export function signCheckpoint(checkpoint: Checkpoint, signer: NoteSigner): string {
  return signNote(formatCheckpoint(checkpoint), [signer]);
}

export interface VerifyCheckpointOptions {
  /** The origin the checkpoint must carry; by default the key name, as c2sp.org/tlog-checkpoint recommends. */
  origin?: string;
  limits?: Partial<NoteLimits>;
}

/**
 * Verifies the signature of a checkpoint note with the log's public key (a vkey string or a parsed verifier) and
 * returns the checkpoint. Throws a bad-input ChainwardError: audit.note-malformed, audit.note-unverified (no
 * signature by this key), audit.note-bad-signature (altered or forged), audit.checkpoint-malformed, or
 * audit.checkpoint-origin (signed for another log).
 */
export function verifyCheckpoint(note: string | Uint8Array, publicKey: string | NoteVerifier, options: VerifyCheckpointOptions = {}): Checkpoint {
  const verifier = typeof publicKey === 'string' ? parseVerifierKey(publicKey) : publicKey;
  const checkpoint = parseCheckpoint(openSignedNote(note, verifier, options.limits));
  const origin = options.origin ?? verifier.name;
  if (checkpoint.origin !== origin) {
    throw new ChainwardError({
      code: 'audit.checkpoint-origin',
      category: 'bad-input',
      message: `Checkpoint is for the log "${checkpoint.origin}", not "${origin}".`,
    });
  }
  return checkpoint;
}

function badCheckpoint(reason: string): ChainwardError {
  return new ChainwardError({ code: 'audit.checkpoint-malformed', category: 'bad-input', message: `Malformed checkpoint: ${reason}.` });
}
