// Policy evaluation at scale, in process (the evaluator is pure, so no command line is involved):
//  1. 100,000 components × 50 rules (licence, vulnerability, package and required-file rules) — goal ≤ 1 s;
//  2. content rules (shipped secret patterns, two custom patterns, forbidden imports) over a 10,000-file
//     repository — goal ≤ 5 s — once from memory and once from disk, files read one at a time, binaries skipped.
// Inputs are generated deterministically. Prints the median of several runs after a warm-up run.
// Run: npm run build && node bench/policy-evaluate.mjs
import { Buffer } from 'node:buffer';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const domain = path.join(root, 'dist', 'policy', 'domain', 'index.js');
if (!existsSync(domain)) throw new Error('run `npm run build` first (npm run bench does)');
const { evaluatePolicy, memoryRepositoryFiles, policySetSchema } = await import(domain);
const { directoryRepositoryFiles } = await import(path.join(root, 'dist', 'policy', 'repository-files.js'));
const runs = Number(process.env.BENCH_RUNS ?? 5);

// A small linear congruential generator: the same inputs on every run and machine.
let seed = 42;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const pick = (list) => list[Math.floor(random() * list.length)];

// Wall time and this process's CPU time (user + system, GC threads included): on a shared machine the CPU time
// shows the work done when other processes take the cores.
function median(fn) {
  fn();
  const times = [];
  const cpu = [];
  let result;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const cpuStarted = process.cpuUsage();
    result = fn();
    const used = process.cpuUsage(cpuStarted);
    times.push(performance.now() - started);
    cpu.push((used.user + used.system) / 1000);
  }
  times.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)], min: times[0], cpu: cpu[Math.floor(cpu.length / 2)], result };
}

// ---- 1. 100,000 components × 50 rules ----
// Two data sets: "typical" (licences and release facts as a large npm estate has them: a few hundred copyleft or
// unknown licences, a few thousand old or deprecated releases) and "stress" (a third of all components break a
// licence rule, most releases are old): the second shows the cost per violation.
const COMPONENTS = 100_000;
const PROFILES = {
  typical: { licences: [['MIT', 700], ['Apache-2.0', 90], ['ISC', 90], ['BSD-3-Clause', 50], ['BSD-2-Clause', 30], ['(MIT OR Apache-2.0)', 20], ['CC0-1.0', 5], ['MPL-2.0', 5], ['LGPL-2.1-or-later', 3], ['(BSD-3-Clause OR GPL-2.0)', 3], ['GPL-3.0-only', 1], ['AGPL-3.0-only', 1]], unknown: 0.005, deprecated: 0.005, firstReleaseYear: 2022 },
  stress: { licences: [['MIT', 4], ['Apache-2.0', 1], ['ISC', 1], ['BSD-3-Clause', 1], ['BSD-2-Clause', 1], ['(MIT OR Apache-2.0)', 1], ['MPL-2.0', 1], ['GPL-3.0-only', 1], ['LGPL-2.1-or-later', 1], ['CC0-1.0', 1], ['(BSD-3-Clause OR GPL-2.0)', 1], ['AGPL-3.0-only', 1]], unknown: 0.02, deprecated: 0.02, firstReleaseYear: 2010 },
};

function generate(profile) {
  const weighted = profile.licences.flatMap(([id, weight]) => Array(weight).fill(id));
  const rootRef = 'pkg:npm/bench-app@1.0.0';
  const graph = { roots: [rootRef], components: new Map(), edges: new Map(), sources: ['package-lock.json'], warnings: [] };
  const node = (ref, name, version, extra = {}) => ({ ref, ecosystem: 'npm', purl: ref, name, version, type: 'library', scope: 'required', development: false, direct: false, licenses: [], hashes: [], sourceFile: 'package-lock.json', properties: {}, ...extra });
  graph.components.set(rootRef, node(rootRef, 'bench-app', '1.0.0', { type: 'application' }));
  const refs = [];
  for (let i = 0; i < COMPONENTS; i++) {
    const version = `${Math.floor(random() * 5)}.${Math.floor(random() * 20)}.${Math.floor(random() * 10)}`;
    const ref = `pkg:npm/pkg-${i}@${version}`;
    const licenses = random() < profile.unknown ? [{ kind: 'named', name: 'SEE LICENSE IN LICENSE.txt', source: 'lockfile' }] : [{ kind: 'expression', expression: pick(weighted), source: 'lockfile' }];
    const years = 2026 - profile.firstReleaseYear;
    const properties = random() < profile.deprecated ? { 'chainward:deprecated': 'no longer maintained' } : { 'chainward:release-date': `${profile.firstReleaseYear + Math.floor(random() * years)}-0${1 + Math.floor(random() * 9)}-15` };
    graph.components.set(ref, node(ref, `pkg-${i}`, version, { development: random() < 0.3, direct: i < 200, scope: random() < 0.05 ? 'optional' : 'required', licenses, properties }));
    refs.push(ref);
    const parent = i < 200 ? rootRef : refs[Math.floor(random() * i)];
    if (!graph.edges.has(parent)) graph.edges.set(parent, new Set());
    graph.edges.get(parent).add(ref);
  }
  const findings = [];
  for (let i = 0; i < 2_000; i++) {
    findings.push({
      componentRef: pick(refs),
      advisoryId: `GHSA-bench-${String(i).padStart(4, '0')}`,
      aliases: [`CVE-2024-${10000 + i}`],
      severity: pick(['critical', 'high', 'high', 'medium', 'medium', 'low', 'unknown']),
      cvssScore: Math.round(random() * 100) / 10,
      fixedVersions: random() < 0.7 ? ['9.9.9'] : [],
      published: `2026-0${1 + Math.floor(random() * 9)}-01`,
      knownExploited: random() < 0.02,
      withdrawn: random() < 0.01,
    });
  }
  return { graph, findings };
}

const categories = ['permissive', 'weak-copyleft', 'strong-copyleft', 'network-copyleft', 'public-domain', 'proprietary'];
const rules = [];
for (let i = 0; i < 15; i++) {
  rules.push({ id: `licence-${i}`, title: 'licence', severity: 'high', action: 'fail', condition: { kind: 'licence', deny: { categories: [categories[2 + (i % 4)]], ids: i % 3 === 0 ? ['SSPL-1.0'] : [] }, ...(i % 2 ? { allow: { categories: ['permissive', 'public-domain'], ids: ['MPL-2.0'] } } : {}), unknown: i % 2 ? 'deny' : 'allow', developmentDependencies: i % 2 ? 'exempt' : 'include' } });
}
for (let i = 0; i < 15; i++) {
  rules.push({ id: `vulnerability-${i}`, title: 'vulnerability', severity: 'high', action: 'fail', condition: { kind: 'vulnerability', severityAtLeast: pick(['critical', 'high', 'medium', 'low']), ...(i % 2 ? { fixAvailable: true } : {}), ...(i % 3 === 0 ? { publishedAtLeastDaysAgo: 30 } : {}), ...(i % 5 === 0 ? { knownExploited: true } : {}) } });
}
for (let i = 0; i < 15; i++) {
  const banned = Array.from({ length: 20 }, (_, j) => ({ purl: `pkg:npm/pkg-${(i * 20 + j) * 97}`, versions: '>=1.0.0, <3.0.0 || =4.1.1' }));
  rules.push({ id: `package-${i}`, title: 'package', severity: 'medium', action: 'warn', condition: { kind: 'package', banned, minimumVersions: [{ purl: `pkg:npm/pkg-${i * 13}`, version: '2.0.0' }], forbidDeprecated: i % 2 === 0, maxReleaseAgeDays: i % 3 === 0 ? 1825 : undefined, requirePinnedVersions: true } });
}
for (let i = 0; i < 5; i++) {
  rules.push({ id: `files-${i}`, title: 'files', severity: 'low', action: 'info', condition: { kind: 'repository', requiredFiles: ['LICENSE', { anyOf: ['CODEOWNERS', '.github/CODEOWNERS'] }], maxFileSizeBytes: 10_000_000 } });
}
const policy = policySetSchema.parse({ apiVersion: 'chainward.dev/v1', kind: 'PolicySet', metadata: { name: 'bench', version: '1', owner: 'bench' }, rules: JSON.parse(JSON.stringify(rules)) });
const smallRepo = memoryRepositoryFiles([{ path: 'LICENSE', content: 'MIT' }, { path: 'src/index.ts', content: 'export {};\n' }]);
const now = new Date('2026-11-01T00:00:00Z');

for (const [name, profile] of Object.entries(PROFILES)) {
  const { graph, findings } = generate(profile);
  const run = median(() => evaluatePolicy({ graph, findings, files: smallRepo, policy, waivers: [], now }));
  const violations = run.result.rules.reduce((sum, rule) => sum + rule.violations.length, 0);
  console.log(`${name}: 100,000 components × ${policy.rules.length} rules, ${findings.length} findings: median ${run.ms.toFixed(0)} ms (CPU ${run.cpu.toFixed(0)} ms), min ${run.min.toFixed(0)} ms — ${violations} violations; goal ≤ 1000 ms`);
}

// ---- 2. content rules over 10,000 files ----
const FILES = 10_000;
const secretLine = () => pick(['const password = "' + 'correct-horse-' + Math.floor(random() * 1e6) + '";', 'AWS_ACCESS_KEY_ID=AKIA' + 'Q'.repeat(16), 'token: ghp_' + 'x'.repeat(36)]);
const codeLines = ["import { readFile } from 'node:fs/promises';", 'export function handler(event, context) {', '  const total = items.reduce((sum, item) => sum + item.price * item.quantity, 0);', '  if (!user) throw new Error("not found");', '  return { statusCode: 200, body: JSON.stringify(result) };', '}', '# comment about the configuration of the service', 'def compute(self, values):', '    return sum(v for v in values if v > 0)', "from collections import OrderedDict", ''];
const repoFiles = [];
for (let i = 0; i < FILES; i++) {
  const ext = pick(['.ts', '.js', '.py', '.md', '.json', '.yaml']);
  const lines = Array.from({ length: 40 + Math.floor(random() * 120) }, () => pick(codeLines));
  if (random() < 0.01) lines.splice(Math.floor(random() * lines.length), 0, secretLine());
  if (ext === '.py' && random() < 0.05) lines.unshift('import pickle');
  repoFiles.push({ path: `src/module-${Math.floor(i / 100)}/file-${i}${ext}`, content: `${lines.join('\n')}\n` });
}
for (let i = 0; i < 200; i++) repoFiles.push({ path: `assets/image-${i}.png`, content: `\u0000PNG${'x'.repeat(2000)}`, binary: true });
const contentPolicy = policySetSchema.parse({
  apiVersion: 'chainward.dev/v1',
  kind: 'PolicySet',
  metadata: { name: 'bench-content', version: '1', owner: 'bench' },
  rules: [
    { id: 'secrets', title: 'secrets', severity: 'critical', action: 'fail', condition: { kind: 'repository', forbiddenContent: { secrets: true, patterns: [{ id: 'internal-host', regex: '\\b[a-z0-9-]+\\.corp\\.internal\\b', ignoreCase: true }, { id: 'todo-security', regex: 'TODO\\(security\\)' }] } } },
    { id: 'imports', title: 'imports', severity: 'high', action: 'fail', condition: { kind: 'repository', forbiddenImports: [{ language: 'python', modules: ['pickle', 'marshal'] }, { language: 'javascript', modules: ['child_process', 'vm'] }] } },
  ],
});
const emptyGraph = { roots: [], components: new Map(), edges: new Map(), sources: [], warnings: [] };
const bytes = repoFiles.reduce((sum, file) => sum + Buffer.byteLength(file.content), 0);
const memoryRun = median(() => evaluatePolicy({ graph: emptyGraph, findings: [], files: memoryRepositoryFiles(repoFiles), policy: contentPolicy, waivers: [], now }));
const found = memoryRun.result.rules.map((rule) => `${rule.id} ${rule.violations.length}`).join(', ');
console.log(`load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${cpus().length} CPUs`);
console.log(`content rules, ${repoFiles.length} files (${(bytes / 1e6).toFixed(1)} MB, 200 binary) in memory: median ${memoryRun.ms.toFixed(0)} ms (CPU ${memoryRun.cpu.toFixed(0)} ms), min ${memoryRun.min.toFixed(0)} ms — ${found}; notes: ${memoryRun.result.rules[1].notes.join(' ') || 'none'}; goal ≤ 5000 ms`);

const scratch = mkdtempSync(path.join(tmpdir(), 'chainward-policy-bench-'));
try {
  for (const file of repoFiles) {
    mkdirSync(path.dirname(path.join(scratch, file.path)), { recursive: true });
    writeFileSync(path.join(scratch, file.path), file.content);
  }
  const diskRun = median(() => evaluatePolicy({ graph: emptyGraph, findings: [], files: directoryRepositoryFiles(scratch), policy: contentPolicy, waivers: [], now }));
  console.log(`content rules, same ${repoFiles.length} files read from disk one at a time (walk included): median ${diskRun.ms.toFixed(0)} ms (CPU ${diskRun.cpu.toFixed(0)} ms), min ${diskRun.min.toFixed(0)} ms; goal ≤ 5000 ms`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
