// The advisory database at scale: 200,000 synthetic OSV records (8 ecosystems, 50,000 packages, 1-3 ranges each),
// generated here into an OSV-style zip (zip64: more than 65,535 entries, as the real npm all.zip), imported with
// `AdvisoriesService.importFrom` into a fresh database on the local PostgreSQL (created and dropped here); then a
// scan of 10,000 components matched against them with `FindingsService.matchScan` (candidate lookup, index, match,
// findings written). Goals: import ≤ 2 min and ≤ 500 MB peak RSS; matching ≤ 1 s.
// Run: npm run build && node bench/advisories.mjs [records]
import { Buffer } from 'node:buffer';
import { execFileSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import { clearInterval, setInterval } from 'node:timers';
import { fileURLToPath } from 'node:url';
import { adminQuery, random } from './lib.mjs';
import yazl from 'yazl';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const RECORDS = Number(process.argv[2] ?? process.env.ADVISORY_BENCH_RECORDS ?? 200_000);
const PACKAGES = Math.max(1, Math.round(RECORDS / 4));
const COMPONENTS = 10_000;
const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const name = `chainward_bench_advisories_${process.pid}`;
const home = process.env.ADVISORY_BENCH_GENERATE ? '' : mkdtempSync(path.join(tmpdir(), 'chainward-bench-'));

/** Ecosystem, how a package is named in OSV, and as a purl. */
const ECOSYSTEMS = [
  { ecosystem: 'npm', osv: (i) => `pkg-${i}`, purl: (i, v) => `pkg:npm/pkg-${i}@${v}` },
  { ecosystem: 'crates.io', osv: (i) => `crate-${i}`, purl: (i, v) => `pkg:cargo/crate-${i}@${v}` },
  { ecosystem: 'Go', osv: (i) => `example.com/mod-${i}`, purl: (i, v) => `pkg:golang/example.com/mod-${i}@v${v}` },
  { ecosystem: 'PyPI', osv: (i) => `py-${i}`, purl: (i, v) => `pkg:pypi/py-${i}@${v}` },
  { ecosystem: 'RubyGems', osv: (i) => `gem-${i}`, purl: (i, v) => `pkg:gem/gem-${i}@${v}` },
  { ecosystem: 'Maven', osv: (i) => `org.example:art-${i}`, purl: (i, v) => `pkg:maven/org.example/art-${i}@${v}` },
  { ecosystem: 'NuGet', osv: (i) => `Example.Pkg${i}`, purl: (i, v) => `pkg:nuget/Example.Pkg${i}@${v}` },
  { ecosystem: 'Packagist', osv: (i) => `vendor/pkg-${i}`, purl: (i, v) => `pkg:composer/vendor/pkg-${i}@${v}` },
];


function record(i, next) {
  const pkg = Math.floor(next() * PACKAGES);
  const kind = ECOSYSTEMS[pkg % ECOSYSTEMS.length];
  const ranges = [];
  for (let r = 0, n = 1 + Math.floor(next() * 3); r < n; r++) {
    const major = r * 2 + Math.floor(next() * 2);
    ranges.push({ type: 'ECOSYSTEM', events: [{ introduced: `${major}.0.0` }, { fixed: `${major}.${1 + Math.floor(next() * 9)}.${Math.floor(next() * 5)}` }] });
  }
  return {
    schema_version: '1.6.0',
    id: `GHSA-bnch-${(i >>> 12).toString(36).padStart(4, '0')}-${(i & 4095).toString(36).padStart(4, '0')}`,
    modified: '2024-06-01T00:00:00Z',
    published: '2024-05-01T00:00:00Z',
    aliases: [`CVE-2024-${100000 + i}`],
    summary: `Synthetic advisory ${i} for ${kind.osv(pkg)}`,
    details: 'A generated record for the advisory import benchmark. '.repeat(4),
    severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }],
    affected: [{ package: { ecosystem: kind.ecosystem, name: kind.osv(pkg) }, ranges }],
    references: [{ type: 'ADVISORY', url: `https://example.com/advisories/${i}` }],
    database_specific: { severity: 'CRITICAL' },
  };
}

/** Streams the records into a zip file (yazl writes zip64 past 65,535 entries), never holding the compressed archive in memory. */
async function writeZip(file) {
  const zip = new yazl.ZipFile();
  const done = new Promise((resolve, reject) => {
    const out = createWriteStream(file);
    out.on('close', resolve).on('error', reject);
    zip.outputStream.pipe(out);
  });
  const next = random(42);
  for (let i = 0; i < RECORDS; i++) {
    const value = record(i, next);
    const buffer = Buffer.from(JSON.stringify(value));
    // addBuffer deflates every buffer at once on the thread pool (gigabytes of zlib state for 200,000
    // entries); a stream entry is deflated only when the zip reaches it.
    zip.addReadStream(Readable.from([buffer]), `${value.id}.json`, { size: buffer.length });
  }
  zip.end();
  await done;
  return statSync(file).size;
}

const admin = (sql) => adminQuery(adminUrl, sql);

/** A stored scan of 10,000 components spread over the synthetic packages, written straight to the tables. */
async function insertScan(dataSource) {
  const [repository] = await dataSource.query(`INSERT INTO repositories (name, location) VALUES ('bench', '/bench') RETURNING id`);
  const [scan] = await dataSource.query(
    `INSERT INTO scans (repository_id, status, started_at, tool_version) VALUES ($1, 'succeeded', now(), 'bench') RETURNING id`,
    [repository.id],
  );
  const next = random(7);
  const components = [];
  for (let i = 0; i < COMPONENTS; i++) {
    const pkg = Math.floor(next() * PACKAGES);
    const kind = ECOSYSTEMS[pkg % ECOSYSTEMS.length];
    const version = `${Math.floor(next() * 6)}.${Math.floor(next() * 10)}.${Math.floor(next() * 5)}`;
    const purl = kind.purl(pkg, version);
    components.push({ ref: `${purl}#${i}`, purl, ecosystem: kind.ecosystem, name: kind.osv(pkg), version });
  }
  await dataSource.query(
    `INSERT INTO components (scan_id, ref, purl, ecosystem, name, version, type, scope, development, direct, source_file)
     SELECT $1, r.ref, r.purl, r.ecosystem, r.name, r.version, 'library', 'required', false, false, 'bench.lock'
     FROM jsonb_to_recordset($2::jsonb) AS r(ref text, purl text, ecosystem text, name text, version text)`,
    [scan.id, JSON.stringify(components)],
  );
  return scan.id;
}

// The zip is generated in a child process, so the import's peak RSS is the import's alone.
if (process.env.ADVISORY_BENCH_GENERATE) {
  const bytes = await writeZip(process.env.ADVISORY_BENCH_GENERATE);
  process.stdout.write(String(bytes));
  process.exit(0);
}
if (!existsSync(path.join(root, 'dist', 'app', 'services.js'))) throw new Error('run `npm run build` first (npm run bench does)');
const { openAppServices } = await import(path.join(root, 'dist', 'app', 'services.js'));
const zip = path.join(home, 'all.zip');
let started = performance.now();
const bytes = Number(
  execFileSync(process.execPath, [fileURLToPath(import.meta.url), String(RECORDS)], { env: { ...process.env, ADVISORY_BENCH_GENERATE: zip }, encoding: 'utf8' }),
);
console.log(`generated ${RECORDS.toLocaleString('en')} records into ${(bytes / 1024 / 1024).toFixed(1)} MB zip in ${((performance.now() - started) / 1000).toFixed(1)} s`);

await admin(`CREATE DATABASE "${name}"`);
const url = new URL(adminUrl);
url.pathname = `/${name}`;
let services;
try {
  services = await openAppServices({ home, databaseUrl: url.toString(), logLevel: 'error', server: { host: '127.0.0.1', port: 0 }, scan: { maxFileSize: 100 * 1024 * 1024 } });
  let peak = process.memoryUsage.rss();
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 25);
  started = performance.now();
  const summary = await services.advisories.importFrom(zip);
  const importSeconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage.rss());
  console.log(
    `import: ${summary.imported.toLocaleString('en')} imported, ${summary.invalid.length} invalid in ${importSeconds.toFixed(1)} s ` +
      `(${Math.round(summary.imported / importSeconds).toLocaleString('en')} records/s), peak RSS ${(peak / 1024 / 1024).toFixed(0)} MB ` +
      `[goals: ≤ 120 s, ≤ 500 MB]`,
  );

  const scanId = await insertScan(services.database.dataSource);
  for (const round of ['first', 'second']) {
    started = performance.now();
    const matched = await services.findings.matchScan(scanId);
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `match (${round}): ${COMPONENTS.toLocaleString('en')} components against ${matched.advisoriesConsidered.toLocaleString('en')} candidate advisories -> ` +
        `${matched.findings.toLocaleString('en')} findings in ${seconds.toFixed(2)} s [goal: ≤ 1 s]`,
    );
  }
} finally {
  await services?.close();
  await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  rmSync(home, { recursive: true, force: true });
}
