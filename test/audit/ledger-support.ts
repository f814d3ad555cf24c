import type { DataSource } from 'typeorm';
import type { AuditRecordInput } from '../../src/audit/index.js';
import type { AuditLedgerService } from '../../src/audit/nest.js';
import { sampleDraft } from '../support/sample-ledger.js';

/** A recordable decision, different for each index (the sample ledger's drafts, without their fixed times). */
export function sampleInput(index: number): AuditRecordInput {
  const { recordedAt, ...draft } = sampleDraft(index);
  return { ...draft, recordedAt: new Date(recordedAt) };
}

/** Appends `count` sample entries, `perTransaction` at a time, each batch in its own transaction. */
export async function appendSamples(dataSource: DataSource, ledger: AuditLedgerService, first: number, count: number, perTransaction = 5): Promise<void> {
  for (let i = first; i < first + count; i += perTransaction) {
    const batch = Array.from({ length: Math.min(perTransaction, first + count - i) }, (_, k) => sampleInput(i + k));
    await dataSource.transaction((manager) => ledger.recordMany(manager, batch));
  }
}

const TRIGGERS = ['no_update', 'no_delete', 'no_truncate'];

/**
 * Runs `sql` as a superuser who first disables the append-only triggers, then puts them back (ENABLE ALWAYS),
 * as an attacker with database administrator rights would.
 */
export async function tamper(dataSource: DataSource, table: string, ...statements: string[]): Promise<void> {
  await dataSource.query(`ALTER TABLE "${table}" DISABLE TRIGGER ALL`);
  try {
    for (const sql of statements) await dataSource.query(sql);
  } finally {
    for (const trigger of TRIGGERS) await dataSource.query(`ALTER TABLE "${table}" ENABLE ALWAYS TRIGGER "${table}_${trigger}"`);
  }
}

/** Saves both ledger tables so a tampering test can restore them afterwards. */
export async function snapshotLedger(dataSource: DataSource): Promise<() => Promise<void>> {
  await dataSource.query('CREATE TABLE audit_entries_saved AS SELECT * FROM audit_entries');
  await dataSource.query('CREATE TABLE audit_checkpoints_saved AS SELECT * FROM audit_checkpoints');
  return async () => {
    for (const table of ['audit_entries', 'audit_checkpoints']) {
      await tamper(dataSource, table, `DELETE FROM ${table}`, `INSERT INTO ${table} SELECT * FROM ${table}_saved`, `DROP TABLE ${table}_saved`);
    }
  };
}
