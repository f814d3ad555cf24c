// `chainward gate` as CI runs it: the real 1,994-package lockfile of bench/fixtures/large-npm, the default
// policy set and a 50,000-advisory snapshot (synthetic OSV records over 8 ecosystems as bench/advisories.mjs
// makes them, plus records naming packages of the lockfile, so matching finds something). The snapshot is
// written once with the same writer `chainward advisories export` uses. Wall time including Node start-up,
// median of BENCH_RUNS (5); the floor is `chainward sbom` on the same project in the same run.
// Goal: ≤ 1.5 s on a 2-core machine. Run: npm run build && node bench/gate.mjs [records]
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
import { measure, random, requireBuilt, table } from './lib.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const project = path.join(root, 'bench', 'fixtures', 'large-npm');
const RECORDS = Number(process.argv[2] ?? process.env.GATE_BENCH_RECORDS ?? 50_000);
const runs = Number(process.env.BENCH_RUNS ?? 5);
const TARGET_MS = 1500;

requireBuilt(root);
const { writeSnapshot } = await import(path.join(root, 'dist', 'advisories', 'index.js'));


const ECOSYSTEMS = [
  ['npm', (i) => `pkg-${i}`],
  ['crates.io', (i) => `crate-${i}`],
  ['Go', (i) => `example.com/mod-${i}`],
  ['PyPI', (i) => `py-${i}`],
  ['RubyGems', (i) => `gem-${i}`],
  ['Maven', (i) => `org.example:art-${i}`],
  ['NuGet', (i) => `Example.Pkg${i}`],
  ['Packagist', (i) => `vendor/pkg-${i}`],
];

// Package names of the lockfile: one record in twenty names one of them, as a real advisory feed would.
const lock = JSON.parse(readFileSync(path.join(project, 'package-lock.json'), 'utf8'));
const names = [...new Set(Object.keys(lock.packages).filter(Boolean).map((key) => key.slice(key.lastIndexOf('node_modules/') + 13)))].sort();

function record(i, next) {
  const real = i % 20 === 0;
  const pkg = Math.floor(next() * (RECORDS / 4));
  const [ecosystem, name] = real ? ['npm', () => names[Math.floor(next() * names.length)]] : ECOSYSTEMS[pkg % ECOSYSTEMS.length];
  const ranges = [];
  for (let r = 0, n = 1 + Math.floor(next() * 3); r < n; r++) {
    const major = r * 2 + Math.floor(next() * 2);
    ranges.push({ type: 'SEMVER', events: [{ introduced: `${major}.0.0` }, { fixed: `${major}.${1 + Math.floor(next() * 9)}.${Math.floor(next() * 5)}` }] });
  }
  return {
    schema_version: '1.6.0',
    id: `GHSA-gate-${(i >>> 12).toString(36).padStart(4, '0')}-${(i & 4095).toString(36).padStart(4, '0')}`,
    modified: '2024-06-01T00:00:00Z',
    published: '2024-05-01T00:00:00Z',
    aliases: [`CVE-2024-${100000 + i}`],
    summary: `Synthetic advisory ${i}`,
    details: 'A generated record for the gate benchmark. '.repeat(4),
    severity: [{ type: 'CVSS_V3', score: next() < 0.5 ? 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' : 'CVSS:3.1/AV:N/AC:H/PR:L/UI:R/S:U/C:L/I:L/A:N' }],
    affected: [{ package: { ecosystem, name: name(pkg) }, ranges }],
    references: [{ type: 'ADVISORY', url: `https://example.com/advisories/${i}` }],
  };
}

const scratch = mkdtempSync(path.join(tmpdir(), 'chainward-bench-gate-'));
try {
  const snapshot = path.join(scratch, 'advisories.osv.jsonl.gz');
  async function* records() {
    const next = random(42);
    for (let i = 0; i < RECORDS; i++) yield record(i, next);
  }
  await writeSnapshot(snapshot, RECORDS, records());
  if (process.env.GATE_BENCH_SNAPSHOT) {
    // Only the snapshot, kept for profiling: node --cpu-prof bin/chainward gate ... --advisories <it>
    await writeSnapshot(process.env.GATE_BENCH_SNAPSHOT, RECORDS, records());
    process.exit(0);
  }
  console.log(`snapshot: ${RECORDS.toLocaleString('en')} advisories (${(readFileSync(snapshot).length / 1024 / 1024).toFixed(1)} MB gzip'd); project: ${names.length} package names`);

  const bin = path.join(root, 'bin', 'chainward');
  const floor = measure('floor: chainward sbom', process.execPath, [bin, 'sbom', project], { runs });
  // exit 1 (the policy fails on the synthetic advisories) is the expected verdict, not an error.
  const gate = measure('chainward gate (default policy, 50k advisories)', '/bin/sh', ['-c', `"${process.execPath}" "${bin}" gate "${project}" --advisories "${snapshot}" --format text,sarif,json --output-dir "${scratch}/out" > "${scratch}/stdout.txt"; test $? -le 1`], { runs });
  console.log(table([floor, gate], floor));
  const verdict = readFileSync(path.join(scratch, 'stdout.txt'), 'utf8')
    .split('\n')
    .find((line) => /^(FAIL|PASS): /.test(line));
  console.log(`\ngate verdict: ${verdict}`);
  // On a shared machine wall time depends on the neighbours; CPU time (user + system) much less.
  const cpu = (command) => {
    const samples = [];
    for (let i = 0; i < runs; i++) {
      const result = spawnSync('/usr/bin/time', ['-f', '%U %S', '/bin/sh', '-c', command], { encoding: 'utf8' });
      const [user, system] = result.stderr.trim().split('\n').pop().split(' ').map(Number);
      samples.push((user + system) * 1000);
    }
    return samples.sort((a, b) => a - b)[Math.floor(samples.length / 2)];
  };
  const floorCpu = cpu(`"${process.execPath}" "${bin}" sbom "${project}" > /dev/null`);
  const gateCpu = cpu(`"${process.execPath}" "${bin}" gate "${project}" --advisories "${snapshot}" --format text,sarif,json --output-dir "${scratch}/out" > /dev/null; true`);
  console.log(`CPU time (user + system), median: chainward sbom ${floorCpu.toFixed(0)} ms, chainward gate ${gateCpu.toFixed(0)} ms (${(gateCpu / floorCpu).toFixed(2)}× the floor)`);
  console.log(`load average while measuring: ${(await import('node:os')).loadavg()[0].toFixed(1)} on ${(await import('node:os')).availableParallelism()} cores`);
  console.log(`chainward gate: ${gate.medianMs.toFixed(0)} ms median (target ≤ ${TARGET_MS} ms) ${gate.medianMs <= TARGET_MS ? 'OK' : 'OVER'}; ${(gate.medianMs / floor.medianMs).toFixed(2)}× the bare parse floor`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
