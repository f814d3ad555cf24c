import { auditTrailDigest, parseSeqRanges, type ReportManifest } from '../model/manifest.js';

/** Whether the ledger (a database or an exported bundle) agrees with what a report says it is bound to. */
export interface LedgerBinding {
  ok: boolean;
  problems: string[];
  /** Where the ledger was read: a database location or a bundle file. */
  source: string;
  /** Entries of the ledger that were verified (hash chain and checkpoints). */
  entriesVerified: bigint;
}

/** The part of an audit-chain verification report this check reads (the audit module's ChainReport). */
export interface ChainVerdict {
  ok: boolean;
  problem: { kind: string; seq: bigint | null; message: string } | null;
  entriesVerified: bigint;
}

/** The audit module's offline bundle verification, passed in so this module stays free of the audit module's framework side. */
export type BundleVerifier = (bundle: string, options: { trustedPublicKey: string }) => Promise<ChainVerdict>;

interface BundleShape {
  publicKey?: unknown;
  origin?: unknown;
  start?: { size?: unknown };
  checkpoints?: unknown;
  entries?: Array<{ seq?: unknown; leafHash?: unknown }>;
}

/**
 * Checks a report against an exported audit bundle, offline: the bundle verifies with the ledger key the report names
 * (which the report's signature vouches for) with the report's own checkpoint added to the bundle's, so the entries
 * must produce the report's root at its tree size; and the entries the report lists have the hashes it was made from.
 */
export async function checkBundleBinding(manifest: ReportManifest, bundleText: string, source: string, verifyBundle: BundleVerifier): Promise<LedgerBinding> {
  const binding: LedgerBinding = { ok: false, problems: [], source, entriesVerified: 0n };
  let bundle: BundleShape;
  try {
    bundle = JSON.parse(bundleText) as BundleShape;
  } catch (error) {
    binding.problems.push(`the bundle is not JSON (${(error as Error).message})`);
    return binding;
  }
  const entries = Array.isArray(bundle.entries) ? bundle.entries : [];
  const startSize = typeof bundle.start?.size === 'string' && /^\d{1,19}$/.test(bundle.start.size) ? BigInt(bundle.start.size) : null;
  const lastSeq = typeof entries.at(-1)?.seq === 'string' ? BigInt(entries.at(-1)!.seq as string) : startSize;
  const size = BigInt(manifest.ledger.treeSize);
  if (startSize === null || lastSeq === null || !Array.isArray(bundle.checkpoints)) {
    binding.problems.push('the file is not an audit bundle (chainward audit export)');
    return binding;
  }
  if (bundle.publicKey !== manifest.ledger.publicKey) binding.problems.push(`the bundle was exported from another ledger (key ${String(bundle.publicKey).slice(0, 60)}), not the one the report names`);
  if (size < startSize || size > lastSeq) {
    binding.problems.push(`the bundle holds entries ${startSize + 1n} to ${lastSeq}; the report is bound to tree size ${size}: export a bundle that reaches entry ${size} (chainward audit export --to ${size})`);
  }
  if (binding.problems.length > 0) return binding;
  // The report's checkpoint joins the bundle's: verifying the bundle then compares the tree at its size with its root.
  const withReportCheckpoint = JSON.stringify({ ...bundle, checkpoints: [...(bundle.checkpoints as unknown[]), manifest.ledger.checkpoint] });
  const verdict = await verifyBundle(withReportCheckpoint, { trustedPublicKey: manifest.ledger.publicKey });
  binding.entriesVerified = verdict.entriesVerified;
  if (!verdict.ok) binding.problems.push(describeChainProblem(verdict));
  binding.problems.push(...trailProblems(manifest, entries.flatMap((e) => (typeof e.seq === 'string' && typeof e.leafHash === 'string' ? [{ seq: BigInt(e.seq), leafHash: e.leafHash }] : [])), startSize));
  binding.ok = binding.problems.length === 0;
  return binding;
}

/** Compares the audit trail the report lists with the ledger's entries (those given; `firstAvailable` entries are missing below). */
export function trailProblems(manifest: ReportManifest, entries: Iterable<{ seq: bigint; leafHash: string }>, before = 0n): string[] {
  const wanted = parseSeqRanges(manifest.auditTrail.seqs);
  if (wanted.length !== manifest.auditTrail.entries) return [`the report's audit trail lists ${manifest.auditTrail.entries} entries but its ranges name ${wanted.length}`];
  if (wanted.length === 0) return [];
  if (wanted[0]! <= before) return [`the audit trail starts at entry ${wanted[0]}, before the ledger given (from entry ${before + 1n}): export from entry ${wanted[0]}`];
  const bySeq = new Map<bigint, string>();
  const wantedSet = new Set(wanted);
  for (const entry of entries) if (wantedSet.has(entry.seq)) bySeq.set(entry.seq, entry.leafHash);
  const missing = wanted.filter((seq) => !bySeq.has(seq));
  if (missing.length > 0) return [`${missing.length} entries of the report's audit trail are not in the ledger given (first: ${missing[0]})`];
  const digest = auditTrailDigest(wanted.map((seq) => ({ seq: seq.toString(10), leafHash: bySeq.get(seq)! })));
  return digest === manifest.auditTrail.digest ? [] : ['the audit trail in the report does not match the ledger\'s entries (digest mismatch)'];
}

export function describeChainProblem(verdict: ChainVerdict): string {
  const problem = verdict.problem;
  if (!problem) return 'the ledger does not verify';
  if (problem.kind === 'checkpoint-mismatch') return `the ledger does not match the report's checkpoint: ${problem.message}`;
  return `the ledger fails verification (${problem.kind}${problem.seq === null ? '' : ` at seq ${problem.seq}`}): ${problem.message}`;
}
