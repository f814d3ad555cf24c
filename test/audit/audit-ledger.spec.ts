import { stat } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { ENTITIES } from '../../src/app/entities.js';
import { AuditCheckpointService, AuditLedgerRepository, AuditLedgerService } from '../../src/audit/nest.js';
import { auditSigningOptions, readCheckpointNotes, sealEntry, verifyBundle, verifyCheckpoint, verifyConsistency, verifyInclusion } from '../../src/audit/index.js';
import { openDatabase, type Database } from '../../src/database/index.js';
import { testBackends } from '../support/databases.js';
import { appendSamples, sampleInput, snapshotLedger, tamper } from './ledger-support.js';

const ENTRIES = 20;

describe.each(testBackends())('audit ledger on $name', (backend) => {
  let database: Database;
  let drop: () => Promise<void>;
  let ledger: AuditLedgerService;
  let checkpoints: AuditCheckpointService;
  let home: string;
  let publicKey: string;

  beforeAll(async () => {
    const created = await backend.create();
    drop = created.drop;
    home = created.config.home;
    database = await openDatabase(created.config, { entities: ENTITIES });
    const repository = new AuditLedgerRepository(database.dataSource);
    ledger = new AuditLedgerService(repository);
    checkpoints = new AuditCheckpointService(repository, auditSigningOptions({ home, audit: { origin: 'chainward.test/ledger' } }));
    await appendSamples(database.dataSource, ledger, 0, ENTRIES);
    await checkpoints.checkpoint();
    publicKey = await checkpoints.publicKey();
  });

  afterAll(async () => {
    await database?.close();
    await drop?.();
  });

  const query = (sql: string): Promise<unknown> => database.dataSource.query(sql);

  it('appends a gap-free chain that verifies, with a signed checkpoint kept in the database and in a file', async () => {
    const report = await ledger.verify({ publicKey });
    expect(report).toMatchObject({ ok: true, treeSize: BigInt(ENTRIES), checkpointsMatched: 1, lastCheckpointedSize: BigInt(ENTRIES) });
    const notes = await readCheckpointNotes(path.join(home, 'checkpoints'));
    expect(notes).toHaveLength(1);
    expect(verifyCheckpoint(notes[0]!, publicKey)).toMatchObject({ origin: 'chainward.test/ledger', treeSize: BigInt(ENTRIES) });
    expect((await stat(path.join(home, 'keys', 'ledger.key'))).mode & 0o777).toBe(0o600);
    const rows = (await query('SELECT seq FROM audit_entries ORDER BY seq')) as Array<{ seq: string }>;
    expect(rows.map((r) => Number(r.seq))).toEqual(Array.from({ length: ENTRIES }, (_, i) => i + 1));
  });

  it.each([
    ['UPDATE', "UPDATE audit_entries SET rationale = 'nothing happened' WHERE seq = 3"],
    ['DELETE', 'DELETE FROM audit_entries WHERE seq = 3'],
    ['TRUNCATE', 'TRUNCATE audit_entries'],
    ['UPDATE', "UPDATE audit_checkpoints SET note = 'x'"],
  ])('rejects %s, even in replica mode', async (operation, sql) => {
    await expect(query(sql)).rejects.toThrow(new RegExp(`append-only: ${operation} on audit_`));
    await query('SET session_replication_role = replica');
    try {
      await expect(query(sql)).rejects.toThrow(/append-only/);
    } finally {
      await query('SET session_replication_role = DEFAULT');
    }
    expect((await ledger.verify({ publicKey })).ok).toBe(true);
  });

  it('leaves no entry when the business transaction rolls back', async () => {
    const before = await ledger.treeSize();
    await expect(
      database.dataSource.transaction(async (manager) => {
        await ledger.record(manager, sampleInput(500));
        throw new Error('the business write failed');
      }),
    ).rejects.toThrow('the business write failed');
    expect(await ledger.treeSize()).toBe(before);
  });

  it('refuses to record outside a transaction', async () => {
    await expect(ledger.record(database.dataSource.manager, sampleInput(1))).rejects.toThrow(/inside a transaction/);
  });

  describe('a superuser who disables the triggers', () => {
    let restore: () => Promise<void>;
    beforeEach(async () => {
      restore = await snapshotLedger(database.dataSource);
    });
    afterEach(async () => {
      await restore();
      expect((await ledger.verify({ publicKey })).ok).toBe(true);
    });

    it('and edits an entry is caught at that entry', async () => {
      await tamper(database.dataSource, 'audit_entries', "UPDATE audit_entries SET rationale = 'Approved.' WHERE seq = 7");
      expect((await ledger.verify({ publicKey })).problem).toMatchObject({ kind: 'changed-content', seq: 7n });
    });

    it('and deletes an entry is caught at the missing seq', async () => {
      await tamper(database.dataSource, 'audit_entries', 'DELETE FROM audit_entries WHERE seq = 5');
      expect((await ledger.verify({ publicKey })).problem).toMatchObject({ kind: 'gap', seq: 5n });
    });

    it('and inserts a well-formed entry in the middle is caught at the entry it displaced', async () => {
      const nine = await ledger.getEntry(9n);
      const draft = { ...sampleInput(900), recordedAt: '2025-01-01T08:00:09.500Z', actor: { kind: 'user' as const, id: 'mallory' } };
      const forged = sealEntry({ ...draft, inputsDigest: null, outputsDigest: null, policyVersion: null, rationale: 'Waiver granted.', payload: {} }, nine);
      await tamper(
        database.dataSource,
        'audit_entries',
        'UPDATE audit_entries SET seq = -seq WHERE seq >= 10',
        'UPDATE audit_entries SET seq = -seq + 1 WHERE seq < 0',
        `INSERT INTO audit_entries (seq, recorded_at, actor_kind, actor_id, action, subject, rationale, payload, prev_hash, leaf_hash)
         VALUES (10, '${forged.recordedAt}', '${forged.actor.kind}', '${forged.actor.id}', '${forged.action}', '${JSON.stringify(forged.subject)}',
                 '${forged.rationale}', '{}', '${forged.prevHash}', '${forged.leafHash}')`,
      );
      expect((await ledger.verify({ publicKey })).problem).toMatchObject({ kind: 'changed-content', seq: 11n });
    });

    it('and swaps two entries is caught at the first of them', async () => {
      await tamper(
        database.dataSource,
        'audit_entries',
        'UPDATE audit_entries SET seq = -1 WHERE seq = 3',
        'UPDATE audit_entries SET seq = 3 WHERE seq = 4',
        'UPDATE audit_entries SET seq = 4 WHERE seq = -1',
      );
      expect((await ledger.verify({ publicKey })).problem).toMatchObject({ kind: 'reordered', seq: 3n });
    });

    it('and recomputes every hash after an edit is caught only by the checkpoint kept outside the database', async () => {
      // The attacker rewrites entry 6 and re-seals the chain after it, and removes the stored checkpoints he cannot re-sign.
      const entries = [];
      for await (const entry of new AuditLedgerRepository(database.dataSource).streamEntries(1n, null)) entries.push(entry);
      let previous = entries[4]!;
      const statements = ['DELETE FROM audit_checkpoints'];
      for (const original of entries.slice(5)) {
        const { seq: _seq, prevHash: _prev, leafHash: _leaf, ...draft } = original;
        const resealed = sealEntry(original.seq === 6n ? { ...draft, rationale: 'Risk accepted by the CISO.' } : draft, previous);
        statements.push(
          `UPDATE audit_entries SET rationale = '${resealed.rationale}', prev_hash = '${resealed.prevHash}', leaf_hash = '${resealed.leafHash}' WHERE seq = ${resealed.seq}`,
        );
        previous = resealed;
      }
      await tamper(database.dataSource, 'audit_checkpoints', statements[0]!);
      await tamper(database.dataSource, 'audit_entries', ...statements.slice(1));

      expect((await ledger.verify({ publicKey })).ok).toBe(true);
      const external = await readCheckpointNotes(path.join(home, 'checkpoints'));
      const report = await ledger.verify({ publicKey, externalCheckpoints: external });
      expect(report.problem).toMatchObject({ kind: 'checkpoint-mismatch', seq: BigInt(ENTRIES) });
    });
  });

  it('signs later checkpoints incrementally and proves inclusion and consistency between them', async () => {
    const first = (await checkpoints.listCheckpoints()).at(-1)!;
    await appendSamples(database.dataSource, ledger, 100, 13, 13);
    const second = await checkpoints.checkpoint();
    expect(second).toMatchObject({ created: true, treeSize: first.treeSize + 13n });
    expect((await checkpoints.checkpoint()).created).toBe(false);

    const root = (note: string): Buffer => verifyCheckpoint(note, publicKey).rootHash;
    const inclusion = await ledger.inclusionProof(17n, second.treeSize);
    expect(verifyInclusion(Buffer.from(inclusion.leafHash, 'hex'), 16n, second.treeSize, inclusion.proof, root(second.note))).toBe(true);
    expect(verifyInclusion(Buffer.from(inclusion.leafHash, 'hex'), 15n, second.treeSize, inclusion.proof, root(second.note))).toBe(false);
    const consistency = await ledger.consistencyProof(first.treeSize, second.treeSize);
    expect(verifyConsistency(first.treeSize, second.treeSize, root(first.note), root(second.note), consistency.proof)).toBe(true);
    expect((await ledger.verify({ publicKey })).checkpointsMatched).toBe(2);
    expect(await readCheckpointNotes(path.join(home, 'checkpoints'))).toHaveLength(2);
  });

  it('exports a range as a bundle that verifies with no database, and fails once edited', async () => {
    const bundle = await checkpoints.exportBundle(5n, 12n);
    const report = await verifyBundle(bundle, { trustedPublicKey: publicKey });
    expect(report).toMatchObject({ ok: true, firstSeq: 5n, lastSeq: 12n, lastCheckpointedSize: 12n });
    const edited = bundle.replace('"Decision 6: scan.finished."', '"Decision 6: nothing."');
    expect(edited).not.toBe(bundle);
    expect((await verifyBundle(edited, { trustedPublicKey: publicKey })).problem).toMatchObject({ kind: 'changed-content', seq: 7n });
  });
});

const postgres = testBackends().filter((backend) => backend.name === 'postgres');
if (postgres.length > 0) {
  describe.each(postgres)('audit ledger under concurrent writers on $name', (backend) => {
    it('8 connections appending at once give one valid, gap-free chain', async () => {
      const created = await backend.create();
      const first = await openDatabase(created.config, { entities: ENTITIES });
      const others = await Promise.all(Array.from({ length: 7 }, () => openDatabase(created.config, { entities: ENTITIES, migrate: false })));
      const databases = [first, ...others];
      try {
        await Promise.all(
          databases.map(async (db, writer) => {
            const service = new AuditLedgerService(new AuditLedgerRepository(db.dataSource));
            for (let i = 0; i < 25; i++) {
              const base = writer * 1000 + i * 3;
              await db.dataSource.transaction((manager) => service.recordMany(manager, [sampleInput(base), sampleInput(base + 1)]));
              await db.dataSource.transaction((manager) => service.record(manager, sampleInput(base + 2)));
            }
          }),
        );
        const service = new AuditLedgerService(new AuditLedgerRepository(databases[0]!.dataSource));
        const report = await service.verify();
        expect(report).toMatchObject({ ok: true, treeSize: 600n });
        const [{ n, max }] = (await databases[0]!.dataSource.query('SELECT count(*)::int AS n, max(seq)::int AS max FROM audit_entries')) as Array<{ n: number; max: number }>;
        expect([n, max]).toEqual([600, 600]);
      } finally {
        await Promise.all(databases.map((db) => db.close()));
        await created.drop();
      }
    });
  });
}
