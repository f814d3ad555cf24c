import { describe, expect, it } from '@jest/globals';
import { generateNoteSigner, parseSignerKey, parseVerifierKey } from './note-key.js';
import { openSignedNote, parseSignedNote, signNote } from './signed-note.js';
import { errorCode } from '../../../test/support/errors.js';

// Reference note and keys from golang.org/x/mod/sumdb/note note_test.go (TestSign, TestOpen).
const PETER = parseVerifierKey('PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW');
const ENOCH = parseVerifierKey('EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop');
const PETER_SKEY = 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz';
const TEXT = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const PETER_SIG = '\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n';
const ENOCH_SIG = '\u2014 EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n';

describe('signNote', () => {
  it('reproduces the reference signed note byte for byte (Ed25519 is deterministic)', () => {
    expect(signNote(TEXT, [parseSignerKey(PETER_SKEY)])).toBe(`${TEXT}\n${PETER_SIG}`);
  });

  it('refuses text without a final newline, or that a strict reader would refuse', () => {
    const signer = generateNoteSigner('example.com/log');
    expect(errorCode(() => signNote('abc', [signer]))).toBe('audit.note-malformed');
    expect(errorCode(() => signNote('tab\there\n', [signer]))).toBe('audit.note-malformed');
    expect(errorCode(() => signNote('half a pair \uD800\n', [signer]))).toBe('audit.note-malformed');
    expect(errorCode(() => signNote(`${'x'.repeat(200_000)}\n`, [signer]))).toBe('audit.note-malformed');
  });

  it('keeps blank lines inside the text: the last blank line separates the signatures', () => {
    const signer = generateNoteSigner('example.com/log');
    const note = signNote('first\n\nsecond\n\n', [signer]);
    expect(openSignedNote(note, signer)).toBe('first\n\nsecond\n\n');
  });
});

describe('parseSignedNote', () => {
  it('splits text and signatures at the last blank line', () => {
    const note = parseSignedNote(`${TEXT}\n${PETER_SIG}${ENOCH_SIG}`);
    expect(note.text).toBe(TEXT);
    expect(note.signatures.map((s) => [s.name, s.keyId, s.signature.length])).toEqual([
      ['PeterNeumann', 0xc74f20a3, 64],
      ['EnochRoot', 0xaf0cfe78, 64],
    ]);
    expect(parseSignedNote(`a\n\nb\n\n${PETER_SIG}`).text).toBe('a\n\nb\n');
  });

  it.each([
    ['no blank line', TEXT],
    ['no signature', `${TEXT}\n`],
    ['no final newline', `${TEXT}\n${PETER_SIG.slice(0, -1)}`],
    ['a control character', `\u0001${TEXT}\n${PETER_SIG}`],
    ['a carriage return', `${TEXT.replace('\n', '\r\n')}\n${PETER_SIG}`],
    ['a key name with a space', `${TEXT}\n\u2014 Bad Name x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n`],
    ['a line after the signatures', `${TEXT}\n${PETER_SIG}Unexpected line.\n`],
    ['a hyphen instead of an em dash', `${TEXT}\n${PETER_SIG.replace('\u2014', '-')}`],
    ['lenient base64', `${TEXT}\n${PETER_SIG.replace('x08go', 'x08g*o')}`],
    ['a signature shorter than 5 bytes', `${TEXT}\n\u2014 PeterNeumann AAAA\n`],
    ['101 signatures', `${TEXT}\n${PETER_SIG.repeat(101)}`],
  ])('refuses a note with %s', (_label, note) => {
    expect(errorCode(() => parseSignedNote(note))).toBe('audit.note-malformed');
  });

  it('refuses invalid UTF-8 bytes and notes over the size or line limits', () => {
    const bytes = Buffer.concat([Buffer.from([0xff]), Buffer.from(`${TEXT}\n${PETER_SIG}`)]);
    expect(errorCode(() => parseSignedNote(bytes))).toBe('audit.note-malformed');
    expect(errorCode(() => parseSignedNote(`${'x'.repeat(200_000)}\n\n${PETER_SIG}`))).toBe('audit.note-malformed');
    expect(errorCode(() => parseSignedNote(`${TEXT}\n${PETER_SIG}`, { maxBytes: 100 }))).toBe('audit.note-malformed');
    expect(errorCode(() => parseSignedNote(`${'line\n'.repeat(257)}\n${PETER_SIG}`))).toBe('audit.note-malformed');
    expect(parseSignedNote(`${TEXT}\n${PETER_SIG.repeat(100)}`).signatures).toHaveLength(100);
  });
});

describe('openSignedNote', () => {
  it('verifies the trusted signature and ignores a signature by another key', () => {
    expect(openSignedNote(`${TEXT}\n${PETER_SIG}${ENOCH_SIG}`, PETER)).toBe(TEXT);
    expect(openSignedNote(`${TEXT}\n${PETER_SIG}${ENOCH_SIG}`, ENOCH)).toBe(TEXT);
  });

  it('rejects a note the trusted key did not sign', () => {
    expect(errorCode(() => openSignedNote(`${TEXT}\n${ENOCH_SIG}`, PETER))).toBe('audit.note-unverified');
  });

  it('rejects altered text and a corrupted signature', () => {
    expect(errorCode(() => openSignedNote(`${TEXT.replace('cryptography', 'cryptographY')}\n${PETER_SIG}`, PETER))).toBe('audit.note-bad-signature');
    const corrupted = `${PETER_SIG.slice(0, 60)}ABCD${PETER_SIG.slice(60)}`;
    expect(errorCode(() => openSignedNote(`${TEXT}\n${corrupted}`, PETER))).toBe('audit.note-bad-signature');
  });

  it('decides on the first signature by the trusted key, as the reference does', () => {
    const corrupted = `${PETER_SIG.slice(0, 60)}ABCD${PETER_SIG.slice(60)}`;
    expect(openSignedNote(`${TEXT}\n${PETER_SIG}${corrupted}`, PETER)).toBe(TEXT);
    expect(errorCode(() => openSignedNote(`${TEXT}\n${corrupted}${PETER_SIG}`, PETER))).toBe('audit.note-bad-signature');
  });
});
