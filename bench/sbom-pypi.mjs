// `chainward sbom` on the largest real Python lockfile of each kind, against the floor: a bare node
// process that parses the same file with the format library alone (smol-toml for TOML, JSON.parse
// for Pipfile.lock, a line split for requirements). Target: each ≤ 3× its floor.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { measure, requireBuilt, table } from './lib.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const fixtures = path.join(root, 'test', 'fixtures', 'pypi');
const runs = Number(process.env.BENCH_RUNS ?? 5);
requireBuilt(root);

const smolToml = JSON.stringify(path.join(root, 'node_modules', 'smol-toml', 'dist', 'index.js'));
const floors = {
  toml: (file) => `import(${smolToml}).then((t)=>{const d=t.parse(require('fs').readFileSync(${JSON.stringify(file)},'utf8'));console.log(d.package.length)})`,
  json: (file) => `const d=JSON.parse(require('fs').readFileSync(${JSON.stringify(file)},'utf8'));console.log(Object.keys(d.default).length+Object.keys(d.develop).length)`,
  lines: (file) => `const l=require('fs').readFileSync(${JSON.stringify(file)},'utf8').split('\\n');console.log(l.filter((x)=>/^[A-Za-z0-9]/.test(x)).length)`,
};
const cases = [
  ['uv.lock (pydantic, revision 3)', 'pydantic-uv-rev3', 'uv.lock', 'toml'],
  ['poetry.lock 2.1 (poetry)', 'poetry-lock-2.1', 'poetry.lock', 'toml'],
  ['Pipfile.lock (pipenv 2026)', 'pipenv-pipfile-2026', 'Pipfile.lock', 'json'],
  ['requirements (warehouse 2026)', 'warehouse-requirements-2026', 'requirements/main.txt', 'lines'],
];

for (const [label, fixture, file, floorKind] of cases) {
  const project = path.join(fixtures, fixture);
  const floor = measure(`floor: ${floorKind} parse of ${file}`, process.execPath, ['-e', floors[floorKind](path.join(project, file))], { runs });
  const chainward = measure(`chainward sbom ${fixture}`, process.execPath, [path.join(root, 'bin', 'chainward'), 'sbom', project], { runs });
  console.log(`\n${label}\n${table([floor, chainward], floor)}`);
  console.log(`chainward / floor: ${(chainward.medianMs / floor.medianMs).toFixed(2)}× (target ≤ 3×)`);
}
