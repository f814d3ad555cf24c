import { createHash } from 'node:crypto';
import { canonicalize } from 'json-canonicalize';
import { z } from 'zod';
import { ChainwardError } from '../../common/errors.js';
import type { ReportData, ReportLedgerEntry } from './report-data.js';

/**
 * The machine-readable core of a report, embedded in the signed PDF (document information entry `ChainwardReport`,
 * base64 of RFC 8785 JSON, and as the attachment `chainward-report.json`), so `chainward report verify` and an
 * auditor's own tools can check what the report is bound to without reading its text.
 */
export const MANIFEST_FORMAT = 'chainward-report-manifest/v1';
/** The document information key holding the manifest. */
export const MANIFEST_INFO_KEY = 'ChainwardReport';

const hexHash = z.string().regex(/^[0-9a-f]{64}$/);
const instant = z.string().max(40);

const manifestSchema = z.strictObject({
  format: z.literal(MANIFEST_FORMAT),
  reportId: z.string().uuid(),
  organisation: z.string().max(200).nullable(),
  scope: z.strictObject({ kind: z.enum(['repository', 'scan', 'organisation']), repository: z.string().max(500).optional(), scan: z.string().max(100).optional() }),
  period: z.strictObject({ from: instant, to: instant }),
  generatedAt: instant,
  generator: z.strictObject({ name: z.string().max(100), version: z.string().max(100) }),
  ledger: z.strictObject({
    origin: z.string().max(500),
    publicKey: z.string().max(1000),
    treeSize: z.string().regex(/^(0|[1-9][0-9]{0,18})$/),
    rootHash: z.string().max(100),
    checkpoint: z.string().max(64 * 1024),
  }),
  previous: z
    .strictObject({ reportId: z.string().max(100), treeSize: z.string().regex(/^(0|[1-9][0-9]{0,18})$/), rootHash: z.string().max(100), consistencyProof: z.array(z.string().max(100)).max(128) })
    .nullable(),
  auditTrail: z.strictObject({ entries: z.number().int().min(0), seqs: z.string().max(4 * 1024 * 1024), digest: z.string().regex(/^sha256:[0-9a-f]{64}$/) }),
  repositories: z
    .array(z.strictObject({ id: z.string().max(100), name: z.string().max(500), scan: z.string().max(100).nullable(), sbomDigest: hexHash.nullable() }))
    .max(100_000),
});

export type ReportManifest = z.output<typeof manifestSchema>;

export function buildManifest(data: ReportData): ReportManifest {
  return {
    format: MANIFEST_FORMAT,
    reportId: data.id,
    organisation: data.organisation,
    scope: { ...data.scope },
    period: { ...data.period },
    generatedAt: data.generatedAt,
    generator: { ...data.generator },
    ledger: {
      origin: data.checkpoint.origin,
      publicKey: data.checkpoint.publicKey,
      treeSize: data.checkpoint.treeSize,
      rootHash: data.checkpoint.rootHash,
      checkpoint: data.checkpoint.note,
    },
    previous: data.previous
      ? { reportId: data.previous.reportId, treeSize: data.previous.treeSize, rootHash: data.previous.rootHash, consistencyProof: [...data.previous.consistencyProof] }
      : null,
    auditTrail: { entries: data.auditTrail.length, seqs: formatSeqRanges(data.auditTrail.map((e) => BigInt(e.seq))), digest: auditTrailDigest(data.auditTrail) },
    repositories: data.repositories.map((repository) => ({
      id: repository.id,
      name: repository.name,
      scan: repository.scan?.id ?? null,
      sbomDigest: repository.scan?.sbom?.digest ?? null,
    })),
  };
}

/** RFC 8785 JSON of the manifest: the exact bytes embedded. */
export function manifestJson(manifest: ReportManifest): string {
  return canonicalize(manifest);
}

/** Parses the manifest read back from a PDF, strictly: anything else is not a Chainward report. */
export function parseManifest(json: string): ReportManifest {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    throw notAReport(`its manifest is not JSON (${(error as Error).message})`);
  }
  const result = manifestSchema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw notAReport(`its manifest is malformed at ${issue.path.join('.') || 'the top'}: ${issue.message}`);
  }
  return result.data;
}

/**
 * The digest of the audit trail a report lists: SHA-256 over one line per entry, `<seq> <leaf hash hex>\n`, in
 * sequence order. Recomputed from the ledger (or a bundle), it shows the report lists those entries unaltered.
 */
export function auditTrailDigest(entries: ReadonlyArray<Pick<ReportLedgerEntry, 'seq' | 'leafHash'>>): string {
  const hash = createHash('sha256');
  for (const entry of entries) hash.update(`${entry.seq} ${entry.leafHash}\n`);
  return `sha256:${hash.digest('hex')}`;
}

/** `1-4,7,9-12` from ascending sequence numbers. */
export function formatSeqRanges(seqs: readonly bigint[]): string {
  const parts: string[] = [];
  let start: bigint | null = null;
  let previous: bigint | null = null;
  for (const seq of seqs) {
    if (previous !== null && seq === previous + 1n) {
      previous = seq;
      continue;
    }
    if (start !== null) parts.push(start === previous ? `${start}` : `${start}-${previous}`);
    start = seq;
    previous = seq;
  }
  if (start !== null) parts.push(start === previous ? `${start}` : `${start}-${previous}`);
  return parts.join(',');
}

/** The sequence numbers of `1-4,7,9-12`, ascending; refuses anything else. */
export function parseSeqRanges(text: string): bigint[] {
  if (text === '') return [];
  const seqs: bigint[] = [];
  let last = 0n;
  for (const part of text.split(',')) {
    const match = /^([1-9][0-9]{0,18})(?:-([1-9][0-9]{0,18}))?$/.exec(part);
    if (!match) throw notAReport(`its audit trail range "${part.slice(0, 40)}" is malformed`);
    const from = BigInt(match[1]!);
    const to = match[2] === undefined ? from : BigInt(match[2]);
    if (from <= last || to < from) throw notAReport('its audit trail ranges are not ascending');
    if (to - from > 10_000_000n) throw notAReport('its audit trail range is implausibly large');
    for (let seq = from; seq <= to; seq++) seqs.push(seq);
    last = to;
  }
  return seqs;
}

export function notAReport(reason: string): ChainwardError {
  return new ChainwardError({ code: 'report.not-a-report', category: 'bad-input', message: `not a Chainward report: ${reason}` });
}
