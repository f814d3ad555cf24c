import { describe, expect, it } from '@jest/globals';
import { ChainwardError } from '../../common/errors.js';
import { type Checkpoint, formatCheckpoint, parseCheckpoint, signCheckpoint, verifyCheckpoint } from './checkpoint.js';
import { hashLeaf } from './merkle.js';
import { formatVerifierKey, generateNoteSigner } from './note-key.js';
import { errorCode } from '../../../test/support/errors.js';

// A signed tree head of the Go checksum database and its public key, as used in transparency-dev/formats
// log/note_test.go (TestSumDBNoteParsing): real-world output of another implementation of the same formats.
const SUMDB_VKEY = 'sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8';
const SUMDB_CHECKPOINT =
  'go.sum database tree\n6476701\nmb8QLQIs0Z0yP5Cstq6guj87oXWeC9gEM8oVikmm9Wk=\n\n' +
  '\u2014 sum.golang.org Az3grsLX85Gz+s1SiTbgkuqxgItqFq7gsMUEyVnrsa9LM7Us9S+1xbFIGu95949rj4nPRYfvimWEPWL+o3GeoWwOoAw=\n';

describe('verifyCheckpoint on a real Go checksum database checkpoint', () => {
  it('verifies it and reads the size as a bigint', () => {
    const checkpoint = verifyCheckpoint(SUMDB_CHECKPOINT, SUMDB_VKEY, { origin: 'go.sum database tree' });
    expect(checkpoint.origin).toBe('go.sum database tree');
    expect(checkpoint.treeSize).toBe(6476701n);
    expect(checkpoint.rootHash.toString('base64')).toBe('mb8QLQIs0Z0yP5Cstq6guj87oXWeC9gEM8oVikmm9Wk=');
    expect(checkpoint.extensions).toEqual([]);
  });

  it('rejects it for another origin (by default the key name) and when its size is altered', () => {
    expect(errorCode(() => verifyCheckpoint(SUMDB_CHECKPOINT, SUMDB_VKEY))).toBe('audit.checkpoint-origin');
    const altered = SUMDB_CHECKPOINT.replace('6476701', '6476702');
    expect(errorCode(() => verifyCheckpoint(altered, SUMDB_VKEY, { origin: 'go.sum database tree' }))).toBe('audit.note-bad-signature');
  });
});

describe('our checkpoints', () => {
  const signer = generateNoteSigner('chainward.example/ledger');
  const checkpoint: Checkpoint = {
    origin: 'chainward.example/ledger',
    treeSize: 50n,
    rootHash: hashLeaf(Buffer.from('root')),
    extensions: ['reason: nightly'],
  };

  it('format as origin, size, base64 root and extension lines', () => {
    expect(formatCheckpoint(checkpoint)).toBe(`chainward.example/ledger\n50\n${checkpoint.rootHash.toString('base64')}\nreason: nightly\n`);
  });

  it('sign and verify with the exported vkey, keeping extension lines', () => {
    const note = signCheckpoint(checkpoint, signer);
    expect(note.startsWith(`${formatCheckpoint(checkpoint)}\n\u2014 chainward.example/ledger `)).toBe(true);
    expect(verifyCheckpoint(note, formatVerifierKey(signer))).toEqual(checkpoint);
  });

  it('reject a forged root, another key with the same name, and a note with no signature by the key', () => {
    const note = signCheckpoint(checkpoint, signer);
    const forged = note.replace(checkpoint.rootHash.toString('base64'), hashLeaf(Buffer.from('other')).toString('base64'));
    expect(errorCode(() => verifyCheckpoint(forged, signer))).toBe('audit.note-bad-signature');
    const impostor = generateNoteSigner('chainward.example/ledger');
    expect(errorCode(() => verifyCheckpoint(signCheckpoint(checkpoint, impostor), signer))).toBe('audit.note-unverified');
    expect(errorCode(() => verifyCheckpoint(note, impostor))).toBe('audit.note-unverified');
  });

  it('carry 64-bit tree sizes exactly', () => {
    const max = { ...checkpoint, treeSize: 18446744073709551615n };
    expect(parseCheckpoint(formatCheckpoint(max)).treeSize).toBe(18446744073709551615n);
    expect(() => formatCheckpoint({ ...checkpoint, treeSize: 18446744073709551616n })).toThrow(ChainwardError);
  });
});

describe('parseCheckpoint', () => {
  const root = hashLeaf(Buffer.from('x')).toString('base64');

  it('reads the tlog-checkpoint example body', () => {
    const parsed = parseCheckpoint('example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n');
    expect(parsed.origin).toBe('example.com/behind-the-sofa');
    expect(parsed.treeSize).toBe(20852163n);
  });

  it.each([
    ['a leading zero', `log\n0123\n${root}\n`],
    ['a sign', `log\n+5\n${root}\n`],
    ['a size past 2^64 - 1', `log\n18446744073709551616\n${root}\n`],
    ['a short root', `log\n5\n${hashLeaf(Buffer.from('x')).subarray(1).toString('base64')}\n`],
    ['a root in URL-safe base64', `log\n5\n${root.replaceAll('+', '-').replaceAll('/', '_')}\n`],
    ['no final newline', `log\n5\n${root}`],
    ['only two lines', `log\n5\n`],
    ['an empty origin', `\n5\n${root}\n`],
    ['an empty extension line', `log\n5\n${root}\n\nmore\n`],
  ])('refuses %s', (_label, text) => {
    expect(errorCode(() => parseCheckpoint(text))).toBe('audit.checkpoint-malformed');
  });
});
