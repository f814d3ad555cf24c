// The RubyGems, Composer and NuGet parsers on the largest real fixture of each, against the bare parse
// floor of the same file: JSON.parse for composer.lock and packages.lock.json, fast-xml-parser alone for
// the project file, and for Gemfile.lock (a line format no library parses) splitting it into lines and
// matching each spec line. Measured twice: in process (parser function vs floor function, median of many
// runs), and as processes (`chainward sbom <dir>` vs `node -e <floor>`), as bench/sbom-npm.mjs does.
// Target: each parser ≤ 3× its floor.
// Run: npm run build && node bench/sbom-ruby-php-dotnet.mjs
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { XMLParser } from 'fast-xml-parser';
import { measure, requireBuilt } from './lib.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
requireBuilt(root);
const fixtures = path.join(root, 'test', 'fixtures');
const runs = Number(process.env.BENCH_RUNS ?? 200);
const read = (relative) => ({ path: path.basename(relative), text: readFileSync(path.join(fixtures, relative), 'utf8') });

const { parseRubyGemsProject } = await import(path.join(root, 'dist/sbom/ecosystems/rubygems/parse-project.js'));
const { parseComposerProject } = await import(path.join(root, 'dist/sbom/ecosystems/composer/parse-project.js'));
const { parseNuGetProject } = await import(path.join(root, 'dist/sbom/ecosystems/nuget/parse-project.js'));

/** Median milliseconds of `fn` over `runs` runs, after a warm-up. */
function median(fn) {
  for (let i = 0; i < 20; i++) fn();
  const times = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    fn();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

const gemLock = read('rubygems/rubygems-org-2026/Gemfile.lock');
const gemfile = read('rubygems/rubygems-org-2026/Gemfile');
const composerLock = read('composer/bookstack-2022/composer.lock');
const composerJson = read('composer/bookstack-2022/composer.json');
const nugetLock = read('nuget/bitwarden-server-core-2023/packages.lock.json');
const csproj = read('nuget/bitwarden-server-core-2026/Core.csproj');
const xml = new XMLParser({ ignoreAttributes: false });

const fixture = (relative) => JSON.stringify(path.join(fixtures, relative));
const rows = [
  {
    dir: 'rubygems/rubygems-org-2026',
    floorScript: `const t=require('fs').readFileSync(${fixture('rubygems/rubygems-org-2026/Gemfile.lock')},'utf8');console.log(t.split('\\n').filter((l)=>/^ {4}\\S+ \\(/.test(l)).length)`,
    label: `Gemfile.lock (${(gemLock.text.length / 1024).toFixed(0)} KB, 298 gems)`,
    floor: () => gemLock.text.split('\n').filter((line) => /^ {4}\S+ \(/.test(line)).length,
    parser: () => parseRubyGemsProject({ lockfile: gemLock, manifests: [gemfile] }),
  },
  {
    dir: 'composer/bookstack-2022',
    floorScript: `console.log(JSON.parse(require('fs').readFileSync(${fixture('composer/bookstack-2022/composer.lock')},'utf8')).packages.length)`,
    label: `composer.lock (${(composerLock.text.length / 1024).toFixed(0)} KB, 157 packages)`,
    floor: () => JSON.parse(composerLock.text),
    parser: () => parseComposerProject({ lockfile: composerLock, manifests: [composerJson] }),
  },
  {
    dir: 'nuget/bitwarden-server-core-2023',
    floorScript: `console.log(Object.keys(JSON.parse(require('fs').readFileSync(${fixture('nuget/bitwarden-server-core-2023/packages.lock.json')},'utf8')).dependencies).length)`,
    label: `packages.lock.json (${(nugetLock.text.length / 1024).toFixed(0)} KB, 243 packages)`,
    floor: () => JSON.parse(nugetLock.text),
    parser: () => parseNuGetProject({ lockfile: nugetLock, manifests: [] }),
  },
  {
    label: `Core.csproj alone (${(csproj.text.length / 1024).toFixed(0)} KB, 46 references)`,
    floor: () => xml.parse(csproj.text),
    parser: () => parseNuGetProject({ lockfile: { ...csproj, path: 'Core.csproj' }, manifests: [] }),
  },
];

console.log('in process (median of each function):');
console.log(`${'file'.padEnd(44)} ${'floor ms'.padStart(9)} ${'parser ms'.padStart(10)} ${'× floor'.padStart(8)}`);
for (const row of rows) {
  const floor = median(row.floor);
  const parser = median(row.parser);
  console.log(`${row.label.padEnd(44)} ${floor.toFixed(3).padStart(9)} ${parser.toFixed(3).padStart(10)} ${(parser / floor).toFixed(2).padStart(8)}`);
}

const processRuns = Number(process.env.BENCH_PROCESS_RUNS ?? 5);
console.log('\nas processes (median wall time; `chainward sbom` includes start-up and writing the SBOM):');
console.log(`${'project'.padEnd(44)} ${'floor ms'.padStart(9)} ${'sbom ms'.padStart(10)} ${'× floor'.padStart(8)} ${'peak RSS MB'.padStart(12)}`);
for (const row of rows.filter((r) => r.dir)) {
  const floor = measure('floor', process.execPath, ['-e', row.floorScript], { runs: processRuns, cwd: root });
  const sbom = measure('sbom', process.execPath, [path.join(root, 'bin', 'chainward'), 'sbom', path.join(fixtures, row.dir)], { runs: processRuns });
  console.log(`${row.dir.padEnd(44)} ${floor.medianMs.toFixed(0).padStart(9)} ${sbom.medianMs.toFixed(0).padStart(10)} ${(sbom.medianMs / floor.medianMs).toFixed(2).padStart(8)} ${sbom.peakRssMb.toFixed(0).padStart(12)}`);
}
console.log('\ntarget: each parser ≤ 3× its floor');
