// Appending to the audit ledger: 8 concurrent writers, each on its own connection, appending in their own
// transactions to a fresh database on the local PostgreSQL (created and dropped here). Reported twice: one entry
// per transaction (record) and a batch per transaction (recordMany). Goal: ≥ 2,000 entries/s sustained.
// Run: npm run build && node bench/audit-append.mjs [seconds per mode]
import { existsSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { adminQuery } from './lib.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
if (!existsSync(path.join(root, 'dist', 'app', 'services.js'))) throw new Error('run `npm run build` first (npm run bench does)');
const { openAppServices } = await import(path.join(root, 'dist', 'app', 'services.js'));

const WRITERS = 8;
const BATCH = 50;
const seconds = Number(process.argv[2] ?? process.env.AUDIT_BENCH_SECONDS ?? 10);
const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const name = `chainward_bench_${process.pid}`;
const home = mkdtempSync(path.join(tmpdir(), 'chainward-bench-'));

const admin = (sql) => adminQuery(adminUrl, sql);

function input(writer, i) {
  return {
    actor: { kind: 'agent', id: `writer-${writer}`, version: '1.0.0' },
    action: 'policy.evaluated',
    subject: { repository: `acme/repo-${i % 97}`, scan: `scan-${writer}-${i}` },
    inputsDigest: `sha256:${(i * 2654435761).toString(16).padStart(64, '0').slice(-64)}`,
    outputsDigest: `sha256:${i.toString(16).padStart(64, 'f')}`,
    policyVersion: 'baseline@3',
    rationale: `Evaluation ${i} of writer ${writer}.`,
    payload: { findings: i % 7, outcome: i % 5 === 0 ? 'fail' : 'pass' },
  };
}

async function runMode(services, batch) {
  const deadline = Date.now() + seconds * 1000;
  const started = process.hrtime.bigint();
  const counts = await Promise.all(
    services.map(async ({ database, audit }, writer) => {
      let appended = 0;
      while (Date.now() < deadline) {
        const inputs = Array.from({ length: batch }, (_, k) => input(writer, appended + k));
        await database.dataSource.transaction((manager) => (batch === 1 ? audit.record(manager, inputs[0]) : audit.recordMany(manager, inputs)));
        appended += batch;
      }
      return appended;
    }),
  );
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  const total = counts.reduce((a, b) => a + b, 0);
  return { total, elapsed, perSecond: total / elapsed };
}

await admin(`CREATE DATABASE "${name}"`);
const url = new URL(adminUrl);
url.pathname = `/${name}`;
const services = [];
try {
  const config = { home, databaseUrl: url.toString(), logLevel: 'error', server: { host: '127.0.0.1', port: 0 }, scan: { maxFileSize: 1 } };
  services.push(await openAppServices(config));
  for (let i = 1; i < WRITERS; i++) services.push(await openAppServices(config));
  console.log(`audit append: ${WRITERS} writers on PostgreSQL, ${seconds} s per mode`);
  for (const batch of [1, BATCH]) {
    const { total, elapsed, perSecond } = await runMode(services, batch);
    console.log(`  ${batch === 1 ? 'record (1 per transaction)    ' : `recordMany (${BATCH} per transaction)`}  ${total} entries in ${elapsed.toFixed(1)} s = ${perSecond.toFixed(0)} entries/s`);
  }
  const started = process.hrtime.bigint();
  const report = await services[0].audit.verify();
  const verifySeconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (!report.ok) throw new Error(`the chain does not verify: ${report.problem.message}`);
  console.log(`  chain of ${report.treeSize} entries verified from the database in ${verifySeconds.toFixed(1)} s: valid, no gaps`);
} finally {
  await Promise.all(services.map((s) => s.close()));
  await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  rmSync(home, { recursive: true, force: true });
}
