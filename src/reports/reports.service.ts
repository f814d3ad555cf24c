import { createHash, randomUUID, X509Certificate } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AUDIT_RECORDER, type Actor, type AuditRecorder, type JsonObject, type Subject } from '../audit/index.js';
import { AuditCheckpointService, AuditLedgerService } from '../audit/nest.js';
import { TOOL_NAME, TOOL_VERSION } from '../common/version.js';
import { auditTrailDigest, buildManifest, manifestJson, type ReportManifest } from './model/manifest.js';
import { resolvePeriod } from './model/period.js';
import type { PreviousReport, ReportData, ReportScope } from './model/report-data.js';
import { ReportDataService, type ReportTarget } from './report-data.service.js';
import { REPORT_OPTIONS, type ReportOptions } from './report-options.js';
import { produceSignedReport } from './report-pdf.js';
import { reportBadRequest, reportLedgerMismatch } from './reports.errors.js';
import { fingerprint } from './signing/certificates.js';
import { describeSigner, loadSigningIdentity, type SigningIdentity } from './signing/identity.js';
import { describeChainProblem, type LedgerBinding, trailProblems } from './verify/ledger-binding.js';

export interface GenerateReportRequest {
  target: ReportTarget;
  /** A date or ISO instant (see resolvePeriod); defaults: the 30 days before `to`, which defaults to now. */
  from?: string;
  to?: string;
}

/** Who received a report over HTTP, for the `report.downloaded` entry. */
export interface ReportDelivery {
  actor: Actor;
  client: { address: string | null; userAgent: string | null };
}

export interface GeneratedReport {
  id: string;
  pdf: Buffer;
  sha256: string;
  pages: number;
  scope: ReportScope;
  period: { from: string; to: string };
  checkpoint: { origin: string; treeSize: string; rootHash: string };
  repositories: string[];
  signer: { subject: string; fingerprint: string; rootFingerprint: string | null };
  /** Sequence numbers of the ledger entries recorded for it. */
  ledger: { generated: bigint; downloaded: bigint | null };
}

/**
 * Signed compliance reports: gathers the scope's data, binds it to a freshly signed ledger checkpoint, renders and
 * signs the PDF, and records `report.generated` (and `report.downloaded` when it is handed out over HTTP) in the
 * ledger with the PDF's SHA-256.
 */
@Injectable()
export class ReportsService {
  #identity: Promise<SigningIdentity> | undefined;

  constructor(
    private readonly dataService: ReportDataService,
    private readonly ledger: AuditLedgerService,
    private readonly checkpoints: AuditCheckpointService,
    @Inject(AUDIT_RECORDER) private readonly recorder: AuditRecorder,
    private readonly dataSource: DataSource,
    @Inject(REPORT_OPTIONS) private readonly options: ReportOptions,
  ) {}

  async generate(request: GenerateReportRequest, actor: Actor, delivery?: ReportDelivery): Promise<GeneratedReport> {
    const now = new Date();
    const defaultFrom = request.target.kind === 'scan' && request.from === undefined ? startOfDay((await this.dataService.scanOf(request.target.scan)).startedAt) : undefined;
    const period = resolvePeriod({ from: request.from, to: request.to }, now, defaultFrom);
    if (Date.parse(period.from) > now.getTime()) throw reportBadRequest(`the period starts in the future (${period.from})`);
    const identity = await this.identity();
    const collected = await this.dataService.collectScope(request.target, period);
    const auditTrail = await this.dataService.auditTrail(collected.subject, period);
    // Signed after the trail was read, so every entry the report lists is inside the tree it is bound to.
    const checkpoint = await this.checkpoints.checkpoint();
    const publicKey = await this.checkpoints.publicKey();
    const origin = checkpoint.note.slice(0, checkpoint.note.indexOf('\n'));
    const previous = await this.previousReport(collected.scope, checkpoint.treeSize);
    const id = randomUUID();
    const data: ReportData = {
      id,
      organisation: this.options.organisation,
      scope: collected.scope,
      period,
      generatedAt: now.toISOString(),
      generator: { name: TOOL_NAME, version: TOOL_VERSION },
      checkpoint: { origin, treeSize: checkpoint.treeSize.toString(10), rootHash: checkpoint.rootHash, note: checkpoint.note, publicKey },
      previous,
      signer: describeSigner(identity),
      repositories: collected.repositories,
      evaluations: collected.evaluations,
      auditTrail,
    };
    const signerName = /CN=([^,]+)/.exec(data.signer.subject)?.[1] ?? data.signer.subject;
    const report = await produceSignedReport(data, identity, signerName);

    const subject: Subject = { report: id, ...scopeSubject(collected.scope, collected.repositories) };
    const generated = {
      actor,
      action: 'report.generated',
      subject,
      // What the report was made from: its manifest (checkpoint, scans, SBOM digests, audit trail digest).
      inputsDigest: `sha256:${createHash('sha256').update(manifestJson(buildManifest(data))).digest('hex')}`,
      outputsDigest: `sha256:${report.sha256}`,
      rationale: `Generated signed compliance report ${id} (${describe(collected.scope)}, ${period.from} to ${period.to}) bound to ledger tree size ${checkpoint.treeSize}.`,
      payload: {
        scope: { ...collected.scope },
        period: { ...period },
        checkpoint: { origin, treeSize: checkpoint.treeSize.toString(10), rootHash: checkpoint.rootHash },
        pdf: { sha256: report.sha256, bytes: report.pdf.length, pages: report.pages },
        signer: { fingerprint: data.signer.fingerprint, rootFingerprint: data.signer.rootFingerprint },
        repositories: collected.repositories.map((r) => ({ id: r.id, name: r.name, scan: r.scan?.id ?? null })),
        auditTrail: { entries: auditTrail.length, digest: auditTrailDigest(auditTrail) },
      } as JsonObject,
    };
    const receipts = await this.dataSource.transaction((manager) =>
      this.recorder.recordMany(manager, [
        generated,
        ...(delivery
          ? [
              {
                actor: delivery.actor,
                action: 'report.downloaded',
                subject,
                outputsDigest: `sha256:${report.sha256}`,
                rationale: `Report ${id} downloaded over the HTTP API.`,
                payload: { client: { address: delivery.client.address, userAgent: delivery.client.userAgent } } as JsonObject,
              },
            ]
          : []),
      ]),
    );
    return {
      id,
      pdf: report.pdf,
      sha256: report.sha256,
      pages: report.pages,
      scope: collected.scope,
      period,
      checkpoint: { origin, treeSize: checkpoint.treeSize.toString(10), rootHash: checkpoint.rootHash },
      repositories: collected.repositories.map((r) => r.name),
      signer: { subject: data.signer.subject, fingerprint: data.signer.fingerprint, rootFingerprint: data.signer.rootFingerprint },
      ledger: { generated: receipts[0]!.seq, downloaded: receipts[1]?.seq ?? null },
    };
  }

  /** The trust anchor to hand to auditors (PEM) and its SHA-256 fingerprint; creates the private CA on first use. */
  async rootCertificate(): Promise<{ pem: string; fingerprint: string; subject: string }> {
    const identity = await this.identity();
    if (!identity.root) {
      throw reportBadRequest('the configured PKCS#12 file does not include its root certificate: give auditors the root of the CA that issued the signing certificate');
    }
    const certificate = new X509Certificate(identity.root);
    return { pem: certificate.toString(), fingerprint: fingerprint(identity.root), subject: certificate.subject.split('\n').join(', ') };
  }

  /**
   * Checks a report's binding against this database's ledger: the report's ledger key is this ledger's, the whole
   * chain verifies with the report's checkpoint among the checkpoints (so the tree at its size has its root), and the
   * audit trail it lists matches the stored entries.
   */
  async checkLedgerBinding(manifest: ReportManifest, source: string): Promise<LedgerBinding> {
    const binding: LedgerBinding = { ok: false, problems: [], source, entriesVerified: 0n };
    const publicKey = await this.checkpoints.existingPublicKey();
    if (!publicKey) {
      binding.problems.push('this database\'s ledger has no signing key yet: the report was not made from it');
      return binding;
    }
    if (publicKey !== manifest.ledger.publicKey) {
      binding.problems.push(`the report is bound to another ledger (key ${manifest.ledger.publicKey.split('+')[0]}), not this database's (${publicKey.split('+')[0]})`);
      return binding;
    }
    const verdict = await this.ledger.verify({ publicKey, externalCheckpoints: [manifest.ledger.checkpoint] });
    binding.entriesVerified = verdict.entriesVerified;
    if (!verdict.ok) binding.problems.push(describeChainProblem(verdict));
    binding.problems.push(...trailProblems(manifest, await this.entriesFor(manifest)));
    binding.ok = binding.problems.length === 0;
    return binding;
  }

  private async entriesFor(manifest: ReportManifest): Promise<Array<{ seq: bigint; leafHash: string }>> {
    const first = /^(\d+)/.exec(manifest.auditTrail.seqs)?.[1];
    const last = /(\d+)$/.exec(manifest.auditTrail.seqs)?.[1];
    if (!first || !last) return [];
    const entries: Array<{ seq: bigint; leafHash: string }> = [];
    let cursor = BigInt(first) - 1n;
    while (cursor < BigInt(last)) {
      const page = await this.ledger.listEntries({ order: 'asc', cursor, limit: 1000 });
      if (page.length === 0) break;
      for (const entry of page) if (entry.seq <= BigInt(last)) entries.push({ seq: entry.seq, leafHash: entry.leafHash });
      cursor = page.at(-1)!.seq;
    }
    return entries;
  }

  /**
   * The latest earlier report of the same scope, and the consistency proof from its tree to this one. When the
   * ledger no longer produces that report's root, it was rewritten: refuse to sign on top of it.
   */
  private async previousReport(scope: ReportScope, treeSize: bigint): Promise<PreviousReport | null> {
    const candidates = await this.ledger.listEntries({ action: 'report.generated', order: 'desc', limit: 200 });
    const match = candidates.find((entry) => sameScope(entry.payload.scope, scope));
    const checkpoint = match?.payload.checkpoint as { treeSize?: unknown; rootHash?: unknown } | undefined;
    if (!match || typeof checkpoint?.treeSize !== 'string' || typeof checkpoint.rootHash !== 'string' || BigInt(checkpoint.treeSize) > treeSize) return null;
    const proof = await this.ledger.consistencyProof(BigInt(checkpoint.treeSize), treeSize);
    if (proof.fromRoot.toString('base64') !== checkpoint.rootHash) {
      throw reportLedgerMismatch(`the ledger's first ${checkpoint.treeSize} entries no longer produce the root the previous report ${match.subject.report} was bound to; run \`chainward audit verify\``);
    }
    return {
      reportId: match.subject.report ?? 'unknown',
      generatedAt: match.recordedAt,
      treeSize: checkpoint.treeSize,
      rootHash: checkpoint.rootHash,
      consistencyProof: proof.proof.map((hash) => hash.toString('base64')),
    };
  }

  private identity(): Promise<SigningIdentity> {
    this.#identity ??= loadSigningIdentity(this.options.signing).catch((error: unknown) => {
      this.#identity = undefined;
      throw error;
    });
    return this.#identity;
  }
}

function scopeSubject(scope: ReportScope, repositories: ReadonlyArray<{ id: string; scan: { id: string } | null }>): Subject {
  if (scope.kind === 'organisation') return {};
  const repository = repositories[0];
  return scope.kind === 'scan' ? { repository: repository?.id, scan: scope.scan } : { repository: repository?.id };
}

function sameScope(stored: unknown, scope: ReportScope): boolean {
  if (typeof stored !== 'object' || stored === null) return false;
  const record = stored as Record<string, unknown>;
  if (record.kind !== scope.kind) return false;
  if (scope.kind === 'repository') return record.repository === scope.repository;
  if (scope.kind === 'scan') return record.scan === scope.scan;
  return true;
}

function describe(scope: ReportScope): string {
  return scope.kind === 'organisation' ? 'all repositories' : scope.kind === 'scan' ? `scan ${scope.scan} of ${scope.repository}` : `repository ${scope.repository}`;
}

function startOfDay(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}
