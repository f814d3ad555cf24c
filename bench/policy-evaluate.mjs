// Policy evaluation at scale, in process (the evaluator is pure, so no command line is involved):
//  1. 100,000 components × 50 rules (licence, vulnerability, package and required-file rules) — goal ≤ 1 s;
//  2. content rules (shipped secret patterns, two custom patterns, forbidden imports) over a 10,000-file
//     repository — goal ≤ 5 s — once from memory and once from disk, files read one at a time, binaries skipped.
// Inputs are generated deterministically. Prints the median of several runs after a warm-up run.
// Run: npm run build && node bench/policy-evaluate.mjs
import { Buffer } from 'node:buffer';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
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

function median(fn) {
  fn();
  const times = [];
  let result;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    result = fn();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)], min: times[0], result };
}

// ---- 1. 100,000 components × 50 rules ----
const LICENCES = ['MIT', 'MIT', 'MIT', 'MIT', 'Apache-2.0', 'ISC', 'BSD-3-Clause', 'BSD-2-Clause', '(MIT OR Apache-2.0)', 'MPL-2.0', 'GPL-3.0-only', 'LGPL-2.1-or-later', 'CC0-1.0', '(BSD-3-Clause OR GPL-2.0)', 'AGPL-3.0-only'];
const COMPONENTS = 100_000;
const rootRef = 'pkg:npm/bench-app@1.0.0';
const graph = { roots: [rootRef], components: new Map(), edges: new Map(), sources: ['package-lock.json'], warnings: [] };
const node = (ref, name, version, extra = {}) => ({ ref, ecosystem: 'npm', purl: ref, name, version, type: 'library', scope: 'required', development: false, direct: false, licenses: [], hashes: [], sourceFile: 'package-lock.json', properties: {}, ...extra });
graph.components.set(rootRef, node(rootRef, 'bench-app', '1.0.0', { type: 'application' }));
const refs = [];
for (let i = 0; i < COMPONENTS; i++) {
  const version = `${Math.floor(random() * 5)}.${Math.floor(random() * 20)}.${Math.floor(random() * 10)}`;
  const ref = `pkg:npm/pkg-${i}@${version}`;
  const roll = random();
  const licenses = roll < 0.01 ? [] : roll < 0.02 ? [{ kind: 'named', name: 'SEE LICENSE IN LICENSE.txt', source: 'lockfile' }] : [{ kind: 'expression', expression: pick(LICENCES), source: 'lockfile' }];
  const properties = random() < 0.02 ? { 'chainward:deprecated': 'no longer maintained' } : random() < 0.5 ? { 'chainward:release-date': `20${10 + Math.floor(random() * 16)}-0${1 + Math.floor(random() * 9)}-15` } : {};
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

const graphRun = median(() => evaluatePolicy({ graph, findings, files: smallRepo, policy, waivers: [], now }));
const violations = graphRun.result.rules.reduce((sum, rule) => sum + rule.violations.length, 0);
console.log(`100,000 components × ${policy.rules.length} rules (${findings.length} findings): median ${graphRun.ms.toFixed(0)} ms, min ${graphRun.min.toFixed(0)} ms — ${violations} violations; goal ≤ 1000 ms`);

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
console.log(`content rules, ${repoFiles.length} files (${(bytes / 1e6).toFixed(1)} MB, 200 binary) in memory: median ${memoryRun.ms.toFixed(0)} ms, min ${memoryRun.min.toFixed(0)} ms — ${found}; notes: ${memoryRun.result.rules[1].notes.join(' ') || 'none'}; goal ≤ 5000 ms`);

const scratch = mkdtempSync(path.join(tmpdir(), 'chainward-policy-bench-'));
try {
  for (const file of repoFiles) {
    mkdirSync(path.dirname(path.join(scratch, file.path)), { recursive: true });
    writeFileSync(path.join(scratch, file.path), file.content);
  }
  const diskRun = median(() => evaluatePolicy({ graph: emptyGraph, findings: [], files: directoryRepositoryFiles(scratch), policy: contentPolicy, waivers: [], now }));
  console.log(`content rules, same ${repoFiles.length} files read from disk one at a time (walk included): median ${diskRun.ms.toFixed(0)} ms, min ${diskRun.min.toFixed(0)} ms; goal ≤ 5000 ms`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
