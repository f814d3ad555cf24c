import { sign, verify } from 'node:crypto';
import { ChainwardError } from '../../common/errors.js';
import { decodeBase64Strict, hasControlCharacter, isWellFormedUnicode } from './encoding.js';
import { type NoteSigner, type NoteVerifier, isValidKeyName } from './note-key.js';

/**
 * C2SP signed notes (c2sp.org/signed-note; reference golang.org/x/mod/sumdb/note): UTF-8 text ending in a newline,
 * a blank line, then one or more lines `— <key name> <base64(4-byte big-endian key ID ‖ signature)>`, each ending
 * in a newline. The text signed is the note text including its final newline, without the blank line. The parser
 * is strict and bounded, because checkpoints arrive from files and bundles an attacker may have written.
 */
export interface NoteSignature {
  name: string;
  keyId: number;
  /** The signature proper, without the 4-byte key ID. */
  signature: Buffer;
}

export interface SignedNote {
  text: string;
  signatures: NoteSignature[];
}

export interface NoteLimits {
  /** Whole note, in UTF-8 bytes. */
  maxBytes: number;
  /** Signature lines; the reference implementation stops at 100, the spec requires accepting 16. */
  maxSignatures: number;
  /** Lines of text before the blank line. */
  maxTextLines: number;
}

export const DEFAULT_NOTE_LIMITS: NoteLimits = { maxBytes: 128 * 1024, maxSignatures: 100, maxTextLines: 256 };

const SIGNATURE_PREFIX = '\u2014 ';

export function parseSignedNote(input: string | Uint8Array, limits: Partial<NoteLimits> = {}): SignedNote {
  const { maxBytes, maxSignatures, maxTextLines } = { ...DEFAULT_NOTE_LIMITS, ...limits };
  const byteLength = typeof input === 'string' ? Buffer.byteLength(input, 'utf8') : input.length;
  if (byteLength > maxBytes) throw malformed(`it is ${byteLength} bytes, more than the limit of ${maxBytes}`);
  const message = typeof input === 'string' ? input : decodeUtf8(input);
  if (!isWellFormedUnicode(message)) throw malformed('it is not valid UTF-8');
  if (hasControlCharacter(message, true)) throw malformed('it contains a control character other than newline');

  const split = message.lastIndexOf('\n\n');
  if (split < 0) throw malformed('there is no blank line before the signatures');
  const text = message.slice(0, split + 1);
  const block = message.slice(split + 2);
  if (block.length === 0 || !block.endsWith('\n')) throw malformed('the signature block must be non-empty and end with a newline');
  const textLines = text.split('\n').length - 1;
  if (textLines > maxTextLines) throw malformed(`the text has ${textLines} lines, more than the limit of ${maxTextLines}`);

  const lines = block.slice(0, -1).split('\n');
  if (lines.length > maxSignatures) throw malformed(`it has ${lines.length} signatures, more than the limit of ${maxSignatures}`);
  return { text, signatures: lines.map(parseSignatureLine) };
}

export function formatSignedNote(note: SignedNote): string {
  const lines = note.signatures.map((s) => {
    const keyId = Buffer.alloc(4);
    keyId.writeUInt32BE(s.keyId);
    return `${SIGNATURE_PREFIX}${s.name} ${Buffer.concat([keyId, s.signature]).toString('base64')}\n`;
  });
  return `${note.text}\n${lines.join('')}`;
}

/** Signs `text` (which must end in a newline) with each signer, in order, and returns the note. */
export function signNote(text: string, signers: readonly NoteSigner[]): string {
  if (!text.endsWith('\n')) throw malformed('the text must end with a newline');
  if (signers.length === 0) throw malformed('a note needs at least one signature');
  const data = Buffer.from(text, 'utf8');
  const note = formatSignedNote({
    text,
    signatures: signers.map((signer) => ({ name: signer.name, keyId: signer.keyId, signature: sign(null, data, signer.privateKey) })),
  });
  // Refuse to emit what our own strict parser (and the reference one) would not read back as the same text.
  if (parseSignedNote(note).text !== text) throw malformed('the text would not survive a round trip (does it end in a blank line?)');
  return note;
}

/**
 * Opens a note for one trusted key, with the reference semantics: signatures by other keys are ignored; the first
 * signature whose name and key ID are the trusted key's must verify, or the whole note is rejected; a note with no
 * signature by the trusted key is rejected. Returns the verified text.
 */
export function openSignedNote(input: string | Uint8Array, verifier: NoteVerifier, limits: Partial<NoteLimits> = {}): string {
  const note = parseSignedNote(input, limits);
  const candidate = note.signatures.find((s) => s.name === verifier.name && s.keyId === verifier.keyId);
  if (!candidate) {
    throw new ChainwardError({
      code: 'audit.note-unverified',
      category: 'bad-input',
      message: `Signed note: no signature by the key ${verifier.name}+${verifier.keyId.toString(16).padStart(8, '0')}.`,
    });
  }
  if (!verifyEd25519(note.text, candidate.signature, verifier)) {
    throw new ChainwardError({
      code: 'audit.note-bad-signature',
      category: 'bad-input',
      message: `Signed note: the signature by ${verifier.name} does not verify; the note was altered or forged.`,
    });
  }
  return note.text;
}

function verifyEd25519(text: string, signature: Buffer, verifier: NoteVerifier): boolean {
  if (signature.length !== 64) return false;
  try {
    return verify(null, Buffer.from(text, 'utf8'), verifier.key, signature);
  } catch {
    return false;
  }
}

function parseSignatureLine(line: string, index: number): NoteSignature {
  if (!line.startsWith(SIGNATURE_PREFIX)) throw malformed(`signature line ${index + 1} does not start with an em dash and a space`);
  const rest = line.slice(SIGNATURE_PREFIX.length);
  const space = rest.indexOf(' ');
  const name = space < 0 ? rest : rest.slice(0, space);
  const encoded = space < 0 ? '' : rest.slice(space + 1);
  const decoded = decodeBase64Strict(encoded);
  if (!isValidKeyName(name)) throw malformed(`signature line ${index + 1} has an invalid key name`);
  if (encoded === '' || decoded === null || decoded.length < 5) throw malformed(`signature line ${index + 1} has no valid base64 signature`);
  return { name, keyId: decoded.readUInt32BE(0), signature: decoded.subarray(4) };
}

function decodeUtf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw malformed('it is not valid UTF-8');
  }
}

function malformed(reason: string): ChainwardError {
  return new ChainwardError({ code: 'audit.note-malformed', category: 'bad-input', message: `Malformed signed note: ${reason}.` });
}
