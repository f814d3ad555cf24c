// Signed PDF reports at scale, through the real command: a scan of the real 1,994-package lockfile
// (bench/fixtures/large-npm) with the default policy, stored in a fresh database on the local PostgreSQL (created and
// dropped here; DATABASE_URL names the server); then 100, 1,000 and 10,000 synthetic findings written for that scan
// (spread over its components, every fifth with a fix), and `chainward report --scan <id> -o report.pdf` timed with
// its peak RSS (GNU time). Goal for 10,000 findings: ≤ 15 s and ≤ 400 MB peak RSS. PostgreSQL, as the throughput
// goals are stated for it: the embedded PGlite runs inside the CLI process and alone takes about 400 MB there.
// The private CA is created by an untimed first run.
// Run: npm run build && node bench/report.mjs [findings,findings,...]
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { adminQuery, measure, requireBuilt } from './lib.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
requireBuilt(root);
const SIZES = (process.argv[2] ?? '100,1000,10000').split(',').map(Number);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const work = mkdtempSync(path.join(tmpdir(), 'chainward-bench-report-'));
const home = path.join(work, 'home');
const project = path.join(work, 'large-npm');
const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const databaseName = `chainward_bench_report_${process.pid}`;
const databaseUrl = new URL(adminUrl);
databaseUrl.pathname = `/${databaseName}`;
const env = { ...process.env, CHAINWARD_HOME: home, DATABASE_URL: databaseUrl.toString(), CHAINWARD_REPORT_ORGANISATION: 'Bench Org' };

const admin = (sql) => adminQuery(adminUrl, sql);
const cli = path.join(root, 'bin', 'chainward');

function chainward(args, { allow = [0] } = {}) {
  const result = spawnSync(process.execPath, [cli, ...args], { env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (!allow.includes(result.status)) throw new Error(`chainward ${args.join(' ')} exited ${result.status}:\n${result.stderr}`);
  return result.stdout;
}

/** Writes `count` findings for the scan, straight through the findings repository (the matcher is benched elsewhere). */
async function writeFindings(scanId, count) {
  const { openAppServices } = await import(path.join(root, 'dist', 'app', 'services.js'));
  const { FindingsRepository } = await import(path.join(root, 'dist', 'advisories', 'nest.js'));
  const { loadConfig } = await import(path.join(root, 'dist', 'config', 'index.js'));
  const services = await openAppServices(await loadConfig({ env, cwd: work }));
  try {
    const components = (await services.scans.getScanDetails(scanId)).components.filter((c) => c.type === 'library');
    const severities = [['critical', 9.8], ['high', 7.5], ['medium', 5.3], ['low', 3.1]];
    const rows = Array.from({ length: count }, (_, i) => {
      const component = components[i % components.length];
      const [severity, score] = severities[i % severities.length];
      return {
        scanId,
        componentRef: component.ref,
        purl: component.purl,
        advisoryId: `GHSA-bnch-${String(Math.floor(i / components.length)).padStart(4, '0')}-${String(i % 10000).padStart(4, '0')}`,
        aliases: [`CVE-2026-${String(10000 + i)}`],
        severity,
        score,
        vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
        fixedVersions: i % 5 === 0 ? ['99.0.0'] : [],
        fixAbove: i % 5 === 0 ? '99.0.0' : null,
      };
    });
    // Findings are unique per (scan, component, advisory): the advisory id carries the round over the components.
    await new FindingsRepository(services.database.dataSource).replaceFindings(scanId, rows);
  } finally {
    await services.close();
  }
}

await admin(`CREATE DATABASE "${databaseName}"`);
const rows = [];
try {
  cpSync(path.join(root, 'bench', 'fixtures', 'large-npm'), project, { recursive: true });
  const scan = JSON.parse(chainward(['scan', project, '--policy', path.join(root, 'policies', 'default'), '--json'], { allow: [0, 1] }));
  const output = path.join(work, 'report.pdf');
  console.log(`scan ${scan.id}: ${scan.components} components`);
  for (const size of SIZES) {
    await writeFindings(scan.id, size);
    if (rows.length === 0) chainward(['report', '--scan', scan.id, '-o', output]); // creates the private CA, untimed
    const result = measure(`report, ${size.toLocaleString('en-GB')} findings`, process.execPath, [cli, 'report', '--scan', scan.id, '-o', output], { runs: RUNS, env });
    const pages = /: (\d+) pages/.exec(result.stdout)?.[1] ?? '?';
    rows.push({ size, pages, bytes: statSync(output).size, ...result });
  }
} finally {
  rmSync(work, { recursive: true, force: true });
  await admin(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`);
}

console.log(`\n${'findings'.padStart(9)} ${'pages'.padStart(6)} ${'PDF MB'.padStart(7)} ${'median ms'.padStart(10)} ${'min ms'.padStart(8)} ${'peak RSS MB'.padStart(12)}`);
for (const row of rows) {
  console.log(
    `${row.size.toLocaleString('en-GB').padStart(9)} ${row.pages.padStart(6)} ${(row.bytes / 1024 / 1024).toFixed(1).padStart(7)} ${row.medianMs.toFixed(0).padStart(10)} ${row.minMs.toFixed(0).padStart(8)} ${row.peakRssMb.toFixed(0).padStart(12)}`,
  );
}
const largest = rows.find((row) => row.size === 10_000);
if (largest) {
  const time = largest.medianMs <= 15_000 ? 'met' : 'MISSED';
  const memory = largest.peakRssMb <= 400 ? 'met' : 'MISSED';
  console.log(`\n10,000 findings: ${(largest.medianMs / 1000).toFixed(1)} s (target ≤ 15 s, ${time}), ${largest.peakRssMb.toFixed(0)} MB peak RSS (target ≤ 400 MB, ${memory})`);
}
