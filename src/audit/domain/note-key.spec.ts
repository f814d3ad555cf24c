import { createHash, sign } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import {
  formatSignerKey,
  formatVerifierKey,
  generateNoteSigner,
  isValidKeyName,
  noteKeyId,
  parseSignerKey,
  parseVerifierKey,
} from './note-key.js';

// Reference keys from golang.org/x/mod/sumdb/note note_test.go.
const PETER_VKEY = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const PETER_SKEY = 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz';
// The Go checksum database key, whose base64 contains "+" (transparency-dev/formats log/note_test.go).
const SUMDB_VKEY = 'sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8';

describe('verifier keys', () => {
  it('parses the reference keys and writes them back unchanged', () => {
    const peter = parseVerifierKey(PETER_VKEY);
    expect(peter.name).toBe('PeterNeumann');
    expect(peter.keyId).toBe(0xc74f20a3);
    expect(peter.publicKey).toHaveLength(32);
    expect(noteKeyId(peter.name, peter.publicKey)).toBe(0xc74f20a3);
    expect(formatVerifierKey(peter)).toBe(PETER_VKEY);
    const sumdb = parseVerifierKey(SUMDB_VKEY);
    expect(sumdb.keyId).toBe(0x033de0ae);
    expect(formatVerifierKey(sumdb)).toBe(SUMDB_VKEY);
  });

  it('refuses every truncation and every single-character change of a verifier key, as the reference tests do', () => {
    const accepted: string[] = [];
    const tryKey = (key: string): void => {
      try {
        parseVerifierKey(key);
        accepted.push(key);
      } catch {
        // expected
      }
    };
    for (let i = 0; i <= PETER_VKEY.length; i++) {
      for (let j = i + 1; j <= PETER_VKEY.length; j++) if (i !== 0 || j !== PETER_VKEY.length) tryKey(PETER_VKEY.slice(i, j));
    }
    for (let i = 0; i < PETER_VKEY.length; i++) {
      tryKey(PETER_VKEY.slice(0, i) + String.fromCharCode(PETER_VKEY.charCodeAt(i) + 1) + PETER_VKEY.slice(i + 1));
    }
    expect(accepted).toEqual([]);
  });

  it('refuses a wrong-length key and an unknown algorithm even with a matching key ID', () => {
    // The reference rejects the first for its length; its base64 also has non-zero padding bits, which we refuse first.
    expect(() => parseVerifierKey('PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY==')).toThrow(/malformed/);
    const long = Buffer.concat([parseVerifierKey(PETER_VKEY).publicKey, Buffer.from([0])]);
    const encoded = Buffer.concat([Buffer.from([1]), long]).toString('base64');
    const keyId = createHash('sha256').update(`PeterNeumann\n`).update(Buffer.from(encoded, 'base64')).digest('hex').slice(0, 8);
    expect(() => parseVerifierKey(`PeterNeumann+${keyId}+${encoded}`)).toThrow(/32 bytes/);
    expect(() => parseVerifierKey('PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW')).toThrow(/unknown signature type 0x65/);
  });
});

describe('signer keys', () => {
  it('reads the reference signer key, whose public half is the reference verifier key', () => {
    const signer = parseSignerKey(PETER_SKEY);
    expect(signer.keyId).toBe(0xc74f20a3);
    expect(formatVerifierKey(signer)).toBe(PETER_VKEY);
    expect(formatSignerKey(signer)).toBe(PETER_SKEY);
  });

  it('refuses every truncation and every single-character change of a signer key', () => {
    const accepted: string[] = [];
    const tryKey = (key: string): void => {
      try {
        parseSignerKey(key);
        accepted.push(key);
      } catch {
        // expected
      }
    };
    for (let i = 0; i <= PETER_SKEY.length; i++) {
      for (let j = i + 1; j <= PETER_SKEY.length; j++) if (i !== 0 || j !== PETER_SKEY.length) tryKey(PETER_SKEY.slice(i, j));
    }
    for (let i = 0; i < PETER_SKEY.length; i++) {
      tryKey(PETER_SKEY.slice(0, i) + String.fromCharCode(PETER_SKEY.charCodeAt(i) + 1) + PETER_SKEY.slice(i + 1));
    }
    expect(accepted).toEqual([]);
  });

  it('generates a key pair that round-trips through both text forms', () => {
    const signer = generateNoteSigner('chainward.example/ledger');
    const again = parseSignerKey(formatSignerKey(signer));
    const verifier = parseVerifierKey(formatVerifierKey(signer));
    expect(again.keyId).toBe(signer.keyId);
    expect(verifier.publicKey).toEqual(signer.publicKey);
    expect(sign(null, Buffer.from('x'), again.privateKey)).toEqual(sign(null, Buffer.from('x'), signer.privateKey));
  });
});

describe('isValidKeyName', () => {
  it.each([
    ['example.com/log', true],
    ['PeterNeumann', true],
    ['', false],
    ['a b', false],
    ['a+b', false],
    ['a\u00a0b', false],
    ['a\u2003b', false],
    ['a\u0085b', false],
    ['a\uD800', false],
  ])('%j -> %s', (name, valid) => {
    expect(isValidKeyName(name)).toBe(valid);
  });
});
