// The Go and Cargo parsers, in process, on the largest real fixture of each, against their bare floor:
// for Cargo.lock and Cargo.toml, smol-toml parsing the same files (the library the parser is built on);
// for go.mod and go.sum, which no library parses, the least any reader does: split both files into
// whitespace-separated fields and key go.sum's hashes by module@version. Target: ≤ 3× the floor.
// Run `npm run build` first; `node bench/sbom-go-cargo.mjs` (BENCH_RUNS sets the iterations).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parse as parseToml } from 'smol-toml';
import { requireBuilt } from './lib.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
requireBuilt(root);
const runs = Number(process.env.BENCH_RUNS ?? 300);
const { parseGoProject } = await import(path.join(root, 'dist', 'sbom', 'ecosystems', 'gomod', 'parse-project.js'));
const { parseCargoProject } = await import(path.join(root, 'dist', 'sbom', 'ecosystems', 'cargo', 'parse-project.js'));
const fixture = (...parts) => readFileSync(path.join(root, 'test', 'fixtures', ...parts), 'utf8');

/** Median milliseconds of `runs` calls, after a warm-up. */
function median(fn) {
  for (let i = 0; i < Math.min(50, runs); i++) fn();
  const times = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    fn();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
}

const goMod = fixture('gomod', 'gh-cli-2024', 'go.mod');
const goSum = fixture('gomod', 'gh-cli-2024', 'go.sum');
const cargoLock = fixture('cargo', 'ripgrep-cargo-lock-v1', 'Cargo.lock');
const cargoToml = fixture('cargo', 'ripgrep-cargo-lock-v1', 'Cargo.toml');

const rows = [
  {
    label: 'gomod: gh-cli-2024 go.mod + go.sum',
    floor: median(() => {
      const requires = goMod.split('\n').map((line) => line.trim().split(/\s+/));
      const sums = new Map();
      for (const line of goSum.split('\n')) {
        const [module, version, hash] = line.split(' ');
        if (hash) sums.set(`${module}@${version}`, hash);
      }
      return [requires, sums];
    }),
    parser: median(() => parseGoProject({ lockfile: { path: 'go.mod', text: goMod }, manifests: [{ path: 'go.sum', text: goSum }] })),
  },
  {
    label: 'cargo: ripgrep v1 Cargo.lock + Cargo.toml',
    floor: median(() => [cargoLock, cargoToml].map((text) => parseToml(text))),
    parser: median(() => parseCargoProject({ lockfile: { path: 'Cargo.lock', text: cargoLock }, manifests: [{ path: 'Cargo.toml', text: cargoToml }] })),
  },
];

console.log(`${'parser'.padEnd(44)} ${'floor ms'.padStart(9)} ${'parser ms'.padStart(10)} ${'× floor'.padStart(8)}`);
for (const row of rows) {
  console.log(`${row.label.padEnd(44)} ${row.floor.toFixed(3).padStart(9)} ${row.parser.toFixed(3).padStart(10)} ${(row.parser / row.floor).toFixed(2).padStart(8)}`);
}
console.log('target: each parser ≤ 3× its floor');
