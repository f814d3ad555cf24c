// `chainward sbom` on a large real npm lockfile, against (a) the floor — a bare node process that
// JSON-parses the lockfile and walks its packages — and (b) @cyclonedx/cyclonedx-npm on the same
// project, installed into bench/.tools for the benchmark only. Prints ratios, peak RSS, and whether
// both SBOMs list the same packages and edges.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { measure, requireBuilt, table } from './lib.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const project = path.join(root, 'bench', 'fixtures', 'large-npm');
const lockfile = path.join(project, 'package-lock.json');
const tools = path.join(root, 'bench', '.tools');
const CYCLONEDX_NPM = '@cyclonedx/cyclonedx-npm@6.0.1';
const runs = Number(process.env.BENCH_RUNS ?? 5);

requireBuilt(root);
const cyclonedxNpmBin = path.join(tools, 'node_modules', '.bin', 'cyclonedx-npm');
if (!existsSync(cyclonedxNpmBin)) {
  console.error(`installing ${CYCLONEDX_NPM} into bench/.tools (benchmark only) ...`);
  const install = spawnSync('npm', ['install', '--prefix', tools, '--no-save', '--no-audit', '--no-fund', '--loglevel=error', CYCLONEDX_NPM], { stdio: 'inherit' });
  if (install.status !== 0) throw new Error('could not install cyclonedx-npm');
}

const lock = JSON.parse(readFileSync(lockfile, 'utf8'));
const packageCount = new Set(
  Object.entries(lock.packages)
    .filter(([key, entry]) => key !== '' && !entry.link)
    .map(([key, entry]) => `${key.slice(key.lastIndexOf('node_modules/') + 13)}@${entry.version}`),
).size;
console.log(`lockfile: bench/fixtures/large-npm/package-lock.json (v${lock.lockfileVersion}, ${packageCount} distinct packages, ${(readFileSync(lockfile).length / 1024).toFixed(0)} KB)`);

const floorScript = `const l=JSON.parse(require('fs').readFileSync(${JSON.stringify(lockfile)},'utf8'));let n=0;for(const [k,p] of Object.entries(l.packages)){if(k&&p.version)n++}console.log(n)`;
const floor = measure('floor: node -e JSON.parse + walk', process.execPath, ['-e', floorScript], { runs });
const chainward = measure('chainward sbom', process.execPath, [path.join(root, 'bin', 'chainward'), 'sbom', project], { runs });
const cdxNpm = measure('cyclonedx-npm --package-lock-only', cyclonedxNpmBin, ['--package-lock-only', '--output-format', 'JSON', '--flatten-components', '--output-file', '-', path.join(project, 'package.json')], {
  runs: Math.max(1, Math.min(runs, 3)),
});

console.log(table([floor, chainward, cdxNpm], floor));
const vsFloor = chainward.medianMs / floor.medianMs;
const speedup = cdxNpm.medianMs / chainward.medianMs;
console.log(`\nchainward / floor: ${vsFloor.toFixed(2)}× (target ≤ 3×)`);
console.log(`cyclonedx-npm / chainward: ${speedup.toFixed(1)}× faster (target ≥ 10×)`);
console.log(`chainward peak RSS: ${chainward.peakRssMb.toFixed(0)} MB (target ≤ 200 MB)`);

// Exactness: the same packages and the same edges, compared by name@version.
const key = (c) => `${c.group ? `${c.group}/` : ''}${c.name}@${c.version}`;
const summarise = (text) => {
  const bom = JSON.parse(text);
  const byRef = new Map();
  const walk = (components = []) => {
    for (const c of components) {
      byRef.set(c['bom-ref'], key(c));
      walk(c.components);
    }
  };
  walk(bom.components);
  byRef.set(bom.metadata.component['bom-ref'], 'ROOT');
  const packages = new Set([...byRef.values()].filter((v) => v !== 'ROOT'));
  const edges = new Set();
  for (const d of bom.dependencies ?? []) for (const t of d.dependsOn ?? []) edges.add(`${byRef.get(d.ref)} -> ${byRef.get(t)}`);
  return { packages, edges };
};
const ours = summarise(chainward.stdout);
const theirs = summarise(cdxNpm.stdout);
const missing = [...theirs.packages].filter((p) => !ours.packages.has(p));
const extra = [...ours.packages].filter((p) => !theirs.packages.has(p));
const missingEdges = [...theirs.edges].filter((e) => !ours.edges.has(e));
const extraEdges = [...ours.edges].filter((e) => !theirs.edges.has(e));
console.log(`\npackages: chainward ${ours.packages.size}, cyclonedx-npm ${theirs.packages.size}; only in cyclonedx-npm: ${missing.length}, only in chainward: ${extra.length}`);
console.log(`edges: chainward ${ours.edges.size}, cyclonedx-npm ${theirs.edges.size}; only in cyclonedx-npm: ${missingEdges.length}, only in chainward: ${extraEdges.length}`);
// cyclonedx-npm reads edges off `npm ls`'s tree, which also prints a package under the folder it is
// installed in even when that folder's package does not declare it. Such edges are placement, not
// dependency: the lockfile shows whether the parent declares the child.
const declared = (edge) => {
  const [parent, child] = edge.split(' -> ');
  const childName = child.slice(0, child.lastIndexOf('@'));
  return Object.entries(lock.packages).some(([k, entry]) => {
    const name = entry.name ?? k.slice(k.lastIndexOf('node_modules/') + 13);
    if (`${name}@${entry.version}` !== parent) return false;
    return [entry.dependencies, entry.optionalDependencies, entry.peerDependencies].some((deps) => deps && childName in deps);
  });
};
const placementOnly = missingEdges.filter((edge) => !declared(edge));
console.log(`edges only cyclonedx-npm lists that the parent does not declare (npm ls placement, not dependencies): ${placementOnly.length} of ${missingEdges.length}`);
for (const line of [...missing.slice(0, 5), ...missingEdges.slice(0, 5)]) console.log(`  missing: ${line}${placementOnly.includes(line) ? ' (not declared by the parent)' : ''}`);
for (const line of [...extra.slice(0, 5), ...extraEdges.slice(0, 5)]) console.log(`  extra:   ${line}`);
if (missing.length > 0 || missingEdges.length > placementOnly.length) process.exitCode = 1;
