import { createHash } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { sha256Digest } from './digest.js';
import { GENESIS_PREV_HASH, type LedgerEntry, type LedgerEntryDraft, leafHash, sealEntry, validateEntry } from './entry.js';
import { errorOf } from '../../../test/support/errors.js';

const draft: LedgerEntryDraft = {
  recordedAt: '2025-03-14T15:09:26.535Z',
  actor: { kind: 'agent', id: 'dependency-updater', version: '1.4.0' },
  action: 'scan.finished',
  subject: { repository: 'acme/web', scan: 'scan-42' },
  inputsDigest: 'sha256:aa',
  outputsDigest: null,
  policyVersion: 'baseline@3',
  rationale: 'Nightly scan completed: 2 findings.',
  payload: { findings: 2, severities: ['high', 'low'], score: 7.5 },
};


describe('leafHash', () => {
  it('hashes 0x00 followed by exactly this canonical document', () => {
    const entry: LedgerEntry = { ...draft, seq: 1n, prevHash: GENESIS_PREV_HASH };
    const expectedDocument =
      '{"action":"scan.finished","actor":{"id":"dependency-updater","kind":"agent","version":"1.4.0"},' +
      '"inputsDigest":"sha256:aa","outputsDigest":null,' +
      '"payload":{"findings":2,"score":7.5,"severities":["high","low"]},"policyVersion":"baseline@3",' +
      `"prevHash":"${GENESIS_PREV_HASH}","rationale":"Nightly scan completed: 2 findings.",` +
      '"recordedAt":"2025-03-14T15:09:26.535Z","seq":"1","subject":{"repository":"acme/web","scan":"scan-42"}}';
    const expected = createHash('sha256').update(Buffer.from([0])).update(expectedDocument).digest('hex');
    expect(leafHash(entry)).toBe(expected);
  });

  it('does not depend on a stored leafHash, on key order, or on null versus absent actor.version', () => {
    const entry: LedgerEntry = { ...draft, seq: 5n, prevHash: 'ab'.repeat(32) };
    const reordered: LedgerEntry = JSON.parse(JSON.stringify({ ...entry, seq: undefined })) as LedgerEntry;
    expect(leafHash({ ...entry, leafHash: 'ff'.repeat(32) } as LedgerEntry)).toBe(leafHash(entry));
    expect(leafHash({ ...reordered, seq: 5n, subject: { scan: 'scan-42', repository: 'acme/web' } })).toBe(leafHash(entry));
    const withoutVersion = { ...entry, actor: { kind: 'user' as const, id: 'alice' } };
    expect(leafHash({ ...withoutVersion, actor: { ...withoutVersion.actor, version: null } })).toBe(leafHash(withoutVersion));
  });

  it('changes when any hashed field changes', () => {
    const base: LedgerEntry = { ...draft, seq: 7n, prevHash: 'cd'.repeat(32) };
    const variants: LedgerEntry[] = [
      { ...base, seq: 8n },
      { ...base, recordedAt: '2025-03-14T15:09:26.536Z' },
      { ...base, actor: { ...base.actor, kind: 'user' } },
      { ...base, actor: { ...base.actor, id: 'other' } },
      { ...base, actor: { ...base.actor, version: '1.4.1' } },
      { ...base, action: 'scan.started' },
      { ...base, subject: { ...base.subject, pullRequest: '17' } },
      { ...base, inputsDigest: null },
      { ...base, outputsDigest: 'sha256:bb' },
      { ...base, policyVersion: null },
      { ...base, rationale: 'Nightly scan completed: 3 findings.' },
      { ...base, payload: { ...base.payload, findings: 3 } },
      { ...base, prevHash: 'ce'.repeat(32) },
    ];
    const hashes = new Set([base, ...variants].map(leafHash));
    expect(hashes.size).toBe(variants.length + 1);
  });
});

describe('sealEntry', () => {
  it('starts at seq 1 with 64 zeros and links each entry to the previous leaf hash', () => {
    const first = sealEntry(draft, null);
    const second = sealEntry({ ...draft, action: 'policy.evaluated' }, first);
    expect(first.seq).toBe(1n);
    expect(first.prevHash).toBe('0'.repeat(64));
    expect(first.leafHash).toMatch(/^[0-9a-f]{64}$/);
    expect(second.seq).toBe(2n);
    expect(second.prevHash).toBe(first.leafHash);
    expect(second.leafHash).toBe(leafHash(second));
  });

  it.each([
    ['recordedAt', { recordedAt: '2025-03-14T15:09:26Z' }],
    ['recordedAt', { recordedAt: '2025-02-30T00:00:00.000Z' }],
    ['recordedAt', { recordedAt: '2025-03-14T16:09:26.535+01:00' }],
    ['actor.kind', { actor: { kind: 'robot', id: 'x' } }],
    ['actor.id', { actor: { kind: 'user', id: '' } }],
    ['action', { action: 'Scan' }],
    ['action', { action: 'scan' }],
    ['subject.pull_request', { subject: { pull_request: '1' } }],
    ['subject.scan', { subject: { scan: 42 } }],
    ['inputsDigest', { inputsDigest: '' }],
    ['payload', { payload: [] }],
    ['payload', { payload: { note: 'nul \u0000 byte' } }],
    ['payload', { payload: { blob: 'x'.repeat(1024 * 1024) } }],
  ])('refuses a bad %s', (field, change) => {
    const error = errorOf(() => sealEntry({ ...draft, ...(change as Partial<LedgerEntryDraft>) }, null));
    expect(error.code).toBe('audit.bad-entry');
    expect(error.details).toEqual({ field });
  });

  it('refuses a seq past the PostgreSQL bigint range and a malformed prevHash', () => {
    expect(errorOf(() => sealEntry(draft, { seq: (1n << 63n) - 1n, leafHash: 'ab'.repeat(32) })).details).toEqual({ field: 'seq' });
    expect(errorOf(() => validateEntry({ ...draft, seq: 1n, prevHash: 'AB'.repeat(32) })).details).toEqual({ field: 'prevHash' });
  });
});

describe('sha256Digest', () => {
  it('hashes the canonical form, so key order does not matter', () => {
    expect(sha256Digest({ b: 1, a: [true] })).toBe(`sha256:${createHash('sha256').update('{"a":[true],"b":1}').digest('hex')}`);
    expect(sha256Digest({ a: [true], b: 1 })).toBe(sha256Digest({ b: 1, a: [true] }));
  });
});
