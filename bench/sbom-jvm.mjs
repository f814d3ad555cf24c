// `chainward sbom` on the Maven and Gradle fixtures, each against its floor: a bare node process that
// reads the same files with the underlying format library alone (fast-xml-parser for POMs, smol-toml for
// the version catalog, a line split for the lockfile, which no library parses). Prints ratios and peak RSS.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { measure, requireBuilt, table } from './lib.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const fixtures = path.join(root, 'test', 'fixtures');
const runs = Number(process.env.BENCH_RUNS ?? 5);
requireBuilt(root);

const cases = [
  {
    name: 'Maven reactor (macrozheng/mall, 8 POMs)',
    project: path.join(fixtures, 'maven', 'macrozheng-mall'),
    floor: `const fs=require('fs'),path=require('path');const {XMLParser}=require('fast-xml-parser');const p=new XMLParser();let n=0;` +
      `const walk=(d)=>{for(const e of fs.readdirSync(d,{withFileTypes:true})){const f=path.join(d,e.name);if(e.isDirectory())walk(f);else if(e.name==='pom.xml'){p.parse(fs.readFileSync(f,'utf8'));n++}}};` +
      `walk(${JSON.stringify(path.join(fixtures, 'maven', 'macrozheng-mall'))});console.log(n)`,
  },
  {
    name: 'Gradle lockfile (JabRef, 199 modules)',
    project: path.join(fixtures, 'gradle', 'jabref'),
    floor: `const t=require('fs').readFileSync(${JSON.stringify(path.join(fixtures, 'gradle', 'jabref', 'gradle.lockfile'))},'utf8');` +
      `let n=0;for(const l of t.split('\\n')){if(l&&!l.startsWith('#')&&!l.startsWith('empty=')&&l.split('=')[1].split(',').length>0)n++}console.log(n)`,
  },
  {
    name: 'Gradle version catalog (Retrofit, 53 libraries)',
    project: path.join(fixtures, 'gradle', 'retrofit'),
    floor: `const {parse}=require('smol-toml');const d=parse(require('fs').readFileSync(${JSON.stringify(path.join(fixtures, 'gradle', 'retrofit', 'gradle', 'libs.versions.toml'))},'utf8'));console.log(Object.keys(d.libraries).length)`,
  },
];

for (const { name, project, floor: script } of cases) {
  console.log(`\n${name}`);
  const floor = measure('floor: node -e <format library alone>', process.execPath, ['-e', script], { runs, cwd: root });
  const chainward = measure('chainward sbom', process.execPath, [path.join(root, 'bin', 'chainward'), 'sbom', project], { runs });
  console.log(table([floor, chainward], floor));
  console.log(`chainward / floor: ${(chainward.medianMs / floor.medianMs).toFixed(2)}× (target ≤ 3×)`);
}
