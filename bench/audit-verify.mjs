// Verifying the audit ledger: N generated entries (default 1,000,000) streamed from an NDJSON file through
// verifyChain with two signed checkpoints, as `chainward audit verify` streams them from the database.
// The ledger is generated once into bench/.out/ and reused. Reading and JSON-parsing the file (the part a
// database driver replaces) is timed alone and subtracted. Goal: verifying 1,000,000 entries ≤ 15 s, in
// bounded memory (peak RSS is printed).
// Run: npm run build && node bench/audit-verify.mjs [entries]
import { Buffer } from 'node:buffer';
import { createReadStream, createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const domain = path.join(root, 'dist', 'audit', 'domain', 'index.js');
if (!existsSync(domain)) throw new Error('run `npm run build` first (npm run bench does)');
const { MerkleFrontier, formatSignerKey, formatVerifierKey, generateNoteSigner, parseSignerKey, sealEntry, signCheckpoint, verifyChain } =
  await import(domain);

const count = Number(process.argv[2] ?? process.env.AUDIT_BENCH_ENTRIES ?? 1_000_000);
const out = path.join(root, 'bench', '.out');
const ledgerFile = path.join(out, `audit-ledger-${count}.ndjson`);
const keyFile = `${ledgerFile}.checkpoints.json`;
const ORIGIN = 'bench.chainward.example/ledger';
const START = Date.UTC(2025, 0, 1);
const ACTIONS = ['scan.started', 'scan.finished', 'policy.evaluated', 'gate.outcome-uploaded', 'waiver.created'];

function draft(i) {
  const action = ACTIONS[i % ACTIONS.length];
  return {
    recordedAt: new Date(START + i * 250).toISOString(),
    actor: i % 3 === 0 ? { kind: 'agent', id: 'dependency-updater', version: '1.4.0' } : { kind: 'user', id: `user-${i % 97}` },
    action,
    subject: { repository: `acme/repo-${i % 400}`, scan: `scan-${i}` },
    inputsDigest: `sha256:${((i * 2654435761) % 2 ** 32).toString(16).padStart(64, '0')}`,
    outputsDigest: action === 'scan.started' ? null : `sha256:${i.toString(16).padStart(64, 'f')}`,
    policyVersion: i % 2 === 0 ? 'baseline@3' : null,
    rationale: `Decision ${i}: ${action} for acme/repo-${i % 400}.`,
    payload: { index: i, findings: i % 5, severities: ['critical', 'high', 'low'].slice(0, i % 4), sbomDigest: `sha256:${'ab'.repeat(32)}` },
  };
}

/** Seals the ledger into the NDJSON file and signs checkpoints at half and at the end. */
async function generate() {
  mkdirSync(out, { recursive: true });
  const signer = generateNoteSigner(ORIGIN);
  const frontier = new MerkleFrontier();
  const checkpoints = [];
  const file = createWriteStream(ledgerFile);
  let previous = null;
  for (let i = 0; i < count; i++) {
    const entry = sealEntry(draft(i), previous);
    previous = entry;
    frontier.append(Buffer.from(entry.leafHash, 'hex'));
    if (frontier.size === BigInt(Math.floor(count / 2)) || frontier.size === BigInt(count)) {
      checkpoints.push(signCheckpoint({ origin: ORIGIN, treeSize: frontier.size, rootHash: frontier.root(), extensions: [] }, signer));
    }
    if (!file.write(`${JSON.stringify({ ...entry, seq: entry.seq.toString() })}\n`)) await once(file, 'drain');
  }
  file.end();
  await once(file, 'finish');
  writeFileSync(keyFile, JSON.stringify({ signerKey: formatSignerKey(signer), checkpoints }));
}

/** Streams the file back as entries, as a database cursor would. */
async function* entries() {
  const lines = createInterface({ input: createReadStream(ledgerFile), crlfDelay: Infinity });
  for await (const line of lines) {
    const entry = JSON.parse(line);
    entry.seq = BigInt(entry.seq);
    yield entry;
  }
}

function clock() {
  const wall = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  return () => {
    const used = process.cpuUsage(cpu);
    return { wallS: Number(process.hrtime.bigint() - wall) / 1e9, cpuS: (used.user + used.system) / 1e6 };
  };
}

if (!existsSync(keyFile)) {
  console.error(`generating ${count} ledger entries into ${path.relative(root, ledgerFile)} (once) ...`);
  await generate();
}
const { signerKey, checkpoints } = JSON.parse(readFileSync(keyFile, 'utf8'));
const publicKey = formatVerifierKey(parseSignerKey(signerKey));

let stop = clock();
let read = 0;
for await (const _entry of entries()) read++;
const reading = stop();

stop = clock();
const report = await verifyChain(entries(), { publicKey, checkpoints, requireCheckpointAtEnd: true });
const total = stop();
if (!report.ok) throw new Error(`verification failed: ${report.problem.kind} at ${report.problem.seq}: ${report.problem.message}`);
if (read !== count || report.entriesVerified !== BigInt(count)) throw new Error(`expected ${count} entries, read ${read}`);

const verifyWall = total.wallS - reading.wallS;
const verifyCpu = total.cpuS - reading.cpuS;
console.log(`entries verified            ${report.entriesVerified} (checkpoints matched: ${report.checkpointsMatched})`);
console.log(`read + parse + verify       ${total.wallS.toFixed(2)} s wall, ${total.cpuS.toFixed(2)} s CPU`);
console.log(`read + parse only           ${reading.wallS.toFixed(2)} s wall, ${reading.cpuS.toFixed(2)} s CPU`);
console.log(`verification                ${verifyWall.toFixed(2)} s wall, ${verifyCpu.toFixed(2)} s CPU (${((verifyWall * 1e6) / count).toFixed(2)} µs/entry; goal ≤ 15 s per 1,000,000)`);
console.log(`peak RSS                    ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
