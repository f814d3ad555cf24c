import { type KeyObject, createHash, createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { ChainwardError } from '../../common/errors.js';
import { decodeBase64Strict, isWellFormedUnicode } from './encoding.js';

/**
 * Ed25519 keys in the C2SP signed-note encodings (c2sp.org/signed-note, reference golang.org/x/mod/sumdb/note):
 * key ID = first 4 bytes, big-endian, of SHA-256(key name ‖ 0x0A ‖ 0x01 ‖ 32-byte public key);
 * verifier key ("vkey") = `<name>+<8 hex digits of key ID>+<base64(0x01 ‖ public key)>`;
 * signer key = `PRIVATE+KEY+<name>+<key ID hex>+<base64(0x01 ‖ 32-byte seed)>`.
 */
export const ED25519_SIGNATURE_TYPE = 0x01;

export interface NoteVerifier {
  name: string;
  /** Unsigned 32-bit key ID. */
  keyId: number;
  /** The 32-byte Ed25519 public key. */
  publicKey: Buffer;
  key: KeyObject;
}

export interface NoteSigner extends NoteVerifier {
  privateKey: KeyObject;
}

// PKCS#8 wrapping of a raw Ed25519 seed (RFC 8410): node:crypto imports private keys only in a container format.
const PKCS8_ED25519_SEED_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

/** Non-empty, no Unicode white space (the set Go's unicode.IsSpace tests), no plus. */
export function isValidKeyName(name: string): boolean {
  return name.length > 0 && !/[\p{White_Space}+]/u.test(name) && isWellFormedUnicode(name);
}

export function noteKeyId(name: string, publicKey: Uint8Array): number {
  const digest = createHash('sha256')
    .update(name, 'utf8')
    .update(Buffer.from([0x0a, ED25519_SIGNATURE_TYPE]))
    .update(publicKey)
    .digest();
  return digest.readUInt32BE(0);
}

export function generateNoteSigner(name: string): NoteSigner {
  const { privateKey } = generateKeyPairSync('ed25519');
  return noteSignerFromPrivateKey(name, privateKey);
}

export function noteSignerFromPrivateKey(name: string, privateKey: KeyObject): NoteSigner {
  if (privateKey.type !== 'private' || privateKey.asymmetricKeyType !== 'ed25519') throw badKey('the private key is not an Ed25519 private key');
  const verifier = noteVerifierFromPublicKey(name, createPublicKey(privateKey));
  return { ...verifier, privateKey };
}

export function noteVerifierFromPublicKey(name: string, publicKey: KeyObject | Uint8Array): NoteVerifier {
  if (!isValidKeyName(name)) throw badKey(`"${name}" is not a valid key name (non-empty, no spaces, no "+")`);
  const key = publicKey instanceof Uint8Array ? importRawPublicKey(publicKey) : publicKey;
  if (key.type !== 'public' || key.asymmetricKeyType !== 'ed25519') throw badKey('the public key is not an Ed25519 public key');
  const raw = Buffer.from(key.export({ format: 'jwk' }).x ?? '', 'base64url');
  return { name, keyId: noteKeyId(name, raw), publicKey: raw, key };
}

export function formatVerifierKey(verifier: Pick<NoteVerifier, 'name' | 'publicKey'>): string {
  const keyId = noteKeyId(verifier.name, verifier.publicKey);
  return `${verifier.name}+${hex32(keyId)}+${Buffer.concat([Buffer.from([ED25519_SIGNATURE_TYPE]), verifier.publicKey]).toString('base64')}`;
}

/** Parses a vkey as strictly as the reference NewVerifier: valid name, 8 hex digits matching the key, Ed25519 only. */
export function parseVerifierKey(vkey: string): NoteVerifier {
  const [name, keyIdHex, keyData] = chopTwice(vkey);
  const decoded = decodeBase64Strict(keyData);
  if (!isValidKeyName(name) || !/^[0-9a-f]{8}$/.test(keyIdHex) || decoded === null || decoded.length === 0) {
    throw badKey('malformed verifier key: expected <name>+<8 hex digits>+<base64 key>');
  }
  if (Number.parseInt(keyIdHex, 16) !== keyIdOfEncodedKey(name, decoded)) throw badKey('the key ID does not match the verifier key');
  if (decoded[0] !== ED25519_SIGNATURE_TYPE) throw badKey(`unknown signature type 0x${decoded[0]!.toString(16).padStart(2, '0')}`);
  if (decoded.length !== 33) throw badKey('an Ed25519 verifier key holds 32 bytes after the type byte');
  return noteVerifierFromPublicKey(name, decoded.subarray(1));
}

export function formatSignerKey(signer: NoteSigner): string {
  const seed = Buffer.from(signer.privateKey.export({ format: 'jwk' }).d ?? '', 'base64url');
  const encoded = Buffer.concat([Buffer.from([ED25519_SIGNATURE_TYPE]), seed]).toString('base64');
  return `PRIVATE+KEY+${signer.name}+${hex32(signer.keyId)}+${encoded}`;
}

export function parseSignerKey(skey: string): NoteSigner {
  const prefix = 'PRIVATE+KEY+';
  if (!skey.startsWith(prefix)) throw badKey('malformed signer key: expected PRIVATE+KEY+<name>+<key ID>+<base64 seed>');
  const [name, keyIdHex, keyData] = chopTwice(skey.slice(prefix.length));
  const decoded = decodeBase64Strict(keyData);
  if (!isValidKeyName(name) || !/^[0-9a-f]{8}$/.test(keyIdHex) || decoded === null || decoded.length === 0) {
    throw badKey('malformed signer key: expected PRIVATE+KEY+<name>+<key ID>+<base64 seed>');
  }
  if (decoded[0] !== ED25519_SIGNATURE_TYPE || decoded.length !== 33) throw badKey('the signer key is not a 32-byte Ed25519 seed');
  const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_SEED_PREFIX, decoded.subarray(1)]), format: 'der', type: 'pkcs8' });
  const signer = noteSignerFromPrivateKey(name, privateKey);
  if (signer.keyId !== Number.parseInt(keyIdHex, 16)) throw badKey('the key ID does not match the signer key');
  return signer;
}

function keyIdOfEncodedKey(name: string, encodedKey: Buffer): number {
  return createHash('sha256').update(name, 'utf8').update(Buffer.from([0x0a])).update(encodedKey).digest().readUInt32BE(0);
}

/** Splits at the first two "+" (base64 key data may itself contain "+"). */
function chopTwice(text: string): [string, string, string] {
  const first = text.indexOf('+');
  const second = first < 0 ? -1 : text.indexOf('+', first + 1);
  if (second < 0) return [text, '', ''];
  return [text.slice(0, first), text.slice(first + 1, second), text.slice(second + 1)];
}

function importRawPublicKey(raw: Uint8Array): KeyObject {
  if (raw.length !== 32) throw badKey(`an Ed25519 public key is 32 bytes, not ${raw.length}`);
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(raw).toString('base64url') }, format: 'jwk' });
}

function hex32(value: number): string {
  return value.toString(16).padStart(8, '0');
}

function badKey(message: string): ChainwardError {
  return new ChainwardError({ code: 'audit.bad-key', category: 'bad-input', message: `Signing key: ${message}.` });
}
