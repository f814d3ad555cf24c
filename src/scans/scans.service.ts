import path from 'node:path';
import { realpath } from 'node:fs/promises';
import { Inject, Injectable } from '@nestjs/common';
import { AUDIT_RECORDER, type AuditRecorder, type AuditRecordInput } from '../audit/index.js';
import { TOOL_NAME, TOOL_VERSION } from '../common/version.js';
import type { DependencyGraph, SbomDocument } from '../sbom/index.js';
import type { ComponentRecord } from './domain/component-record.js';
import { diffScans, type ScanDiff } from './domain/diff-scans.js';
import { summarize, type ScanSummary } from './domain/summarize.js';
import type { ComponentEntity } from './entities/component.entity.js';
import type { RepositoryEntity } from './entities/repository.entity.js';
import type { SbomDocumentEntity } from './entities/sbom-document.entity.js';
import type { ImportedFrom, ScanEntity, ScanOrigin } from './entities/scan.entity.js';
import { readGitInfo } from './git-info.js';
import { assertScanId, scanNotFound } from './scans.errors.js';
import { ScansRepository } from './scans.repository.js';

export type ScanWithRepository = ScanEntity & { repository: RepositoryEntity };

/** Where a scan made elsewhere (a CI gate) came from, instead of a directory on this machine. */
export interface RemoteOrigin {
  location: string;
  name: string;
  commit: string | null;
  branch: string | null;
}

export interface RecordScanOptions {
  /** The scan was made elsewhere: the repository is named by this, not by the scanned directory. */
  origin?: RemoteOrigin;
  /** Further ledger entries about the stored scan, appended last in the same transaction. */
  alsoRecord?: (ids: { repository: string; scan: string }) => AuditRecordInput[];
}

export interface ScanDetails {
  scan: ScanWithRepository;
  summary: ScanSummary;
  edges: number;
  components: ComponentEntity[];
}

/** Stores scans and answers questions about them. */
@Injectable()
export class ScansService {
  constructor(
    private readonly scans: ScansRepository,
    @Inject(AUDIT_RECORDER) private readonly audit: AuditRecorder,
  ) {}

  /**
   * Stores a finished scan (repository, scan, components, edges, SBOM) in
   * one transaction: a failure or a kill leaves nothing half-written. Its
   * `scan.finished` ledger entry is appended last, in the same transaction.
   */
  async recordScan(document: SbomDocument, startedAt: Date, options: RecordScanOptions = {}): Promise<ScanWithRepository> {
    const { scan: repositoryScan } = document;
    const remote = options.origin;
    const location = remote ? remote.location : await realpath(repositoryScan.root);
    const git = remote ? { commit: remote.commit, branch: remote.branch } : await readGitInfo(location);
    return this.store({
      location,
      name: remote ? remote.name : path.basename(location),
      git,
      graph: repositoryScan.graph,
      lockfiles: repositoryScan.lockfiles,
      document,
      startedAt,
      origin: remote ? 'gate' : 'scan',
      importedFrom: null,
      alsoRecord: options.alsoRecord,
    });
  }

  /**
   * Stores an SBOM made by another tool as a scan of the repository `name`,
   * so findings, policies and reports work on it. The document is kept byte
   * for byte; the scan records that it was imported and what made it.
   */
  async recordImportedScan(input: {
    name: string;
    graph: DependencyGraph;
    document: Omit<SbomDocument, 'scan'>;
    importedFrom: ImportedFrom;
    startedAt: Date;
  }): Promise<ScanWithRepository> {
    return this.store({
      // Imported repositories have no checkout to be recognised by; their name is their identity.
      location: `sbom:${input.name}`,
      name: input.name,
      git: { commit: null, branch: null },
      graph: input.graph,
      lockfiles: [input.importedFrom.file],
      document: input.document,
      startedAt: input.startedAt,
      origin: 'import',
      importedFrom: input.importedFrom,
    });
  }

  private async store(input: {
    location: string;
    name: string;
    git: { commit: string | null; branch: string | null };
    graph: DependencyGraph;
    lockfiles: string[];
    document: Omit<SbomDocument, 'scan'>;
    startedAt: Date;
    origin: ScanOrigin;
    importedFrom: ImportedFrom | null;
    alsoRecord?: RecordScanOptions['alsoRecord'];
  }): Promise<ScanWithRepository> {
    const { graph, document, git, startedAt, lockfiles } = input;
    const libraries = [...graph.components.values()].filter((c) => c.type === 'library').length;
    return this.scans.transaction(async (manager) => {
      const repository = await this.scans.findOrCreateRepository(manager, input.location, input.name);
      const scan = await this.scans.insertScan(manager, {
        repositoryId: repository.id,
        commitSha: git.commit,
        branch: git.branch,
        status: 'succeeded',
        startedAt,
        finishedAt: new Date(),
        toolVersion: TOOL_VERSION,
        sbomDigest: document.digest,
        componentCount: libraries,
        lockfiles,
        warnings: graph.warnings,
        origin: input.origin,
        importedFrom: input.importedFrom,
      });
      await this.scans.insertComponents(
        manager,
        [...graph.components.values()].map((node) => ({
          scanId: scan.id,
          ref: node.ref,
          purl: node.purl,
          ecosystem: node.ecosystem,
          group: node.group ?? null,
          name: node.name,
          version: node.version,
          type: node.type,
          scope: node.scope,
          development: node.development,
          direct: node.direct,
          licenses: node.licenses,
          hashes: node.hashes,
          sourceFile: node.sourceFile,
          properties: node.properties,
        })),
      );
      await this.scans.insertEdges(
        manager,
        [...graph.edges].flatMap(([fromRef, targets]) => [...targets].map((toRef) => ({ scanId: scan.id, fromRef, toRef }))),
      );
      await this.scans.insertSbomDocument(manager, {
        scanId: scan.id,
        format: document.format,
        specVersion: document.specVersion,
        serialNumber: document.serialNumber,
        digest: document.digest,
        content: document.content,
      });
      const verb = input.origin === 'import' ? 'Imported' : 'Scanned';
      const from = input.origin === 'import' ? `an SBOM (${input.importedFrom?.file})` : `${lockfiles.length} lockfile(s)`;
      // Both ends of the scan are decisions on record; the scan is stored at once, so they are appended together.
      await this.audit.record(manager, {
        actor: { kind: 'system', id: TOOL_NAME, version: TOOL_VERSION },
        action: 'scan.started',
        subject: { repository: repository.id, scan: scan.id },
        rationale: `Started ${input.origin === 'import' ? 'importing' : 'scanning'} ${repository.name} at ${startedAt.toISOString()}.`,
        payload: { startedAt: startedAt.toISOString(), commit: git.commit, branch: git.branch },
      });
      await this.audit.record(manager, {
        actor: { kind: 'system', id: TOOL_NAME, version: TOOL_VERSION },
        action: 'scan.finished',
        subject: { repository: repository.id, scan: scan.id },
        outputsDigest: `sha256:${document.digest}`,
        rationale: `${verb} ${repository.name}: ${libraries} components from ${from}.`,
        payload: {
          repository: { name: repository.name, location: repository.location },
          commit: git.commit,
          branch: git.branch,
          lockfiles,
          components: libraries,
          warnings: graph.warnings.length,
          sbom: { format: document.format, specVersion: document.specVersion, serialNumber: document.serialNumber },
          ...(input.importedFrom ? { importedFrom: { ...input.importedFrom, tools: input.importedFrom.tools.map((tool) => ({ ...tool })) } } : {}),
        },
      });
      const more = input.alsoRecord?.({ repository: repository.id, scan: scan.id }) ?? [];
      if (more.length > 0) await this.audit.recordMany(manager, more);
      return { ...scan, repository };
    });
  }

  listScans(filter: { repository?: string; limit?: number } = {}): Promise<ScanWithRepository[]> {
    return this.scans.findScans({ repository: filter.repository, limit: Math.min(Math.max(filter.limit ?? 50, 1), 1000) });
  }

  async getScan(id: string): Promise<ScanWithRepository> {
    assertScanId(id);
    const scan = await this.scans.findScanById(id);
    if (!scan) throw scanNotFound(id);
    return scan;
  }

  async getScanDetails(id: string): Promise<ScanDetails> {
    const scan = await this.getScan(id);
    const components = await this.scans.findComponentsByScan(id);
    return { scan, components, summary: summarize(components.map(toRecord)), edges: await this.scans.countEdgesByScan(id) };
  }

  async getSbom(id: string): Promise<SbomDocumentEntity> {
    await this.getScan(id);
    const document = await this.scans.findSbomDocument(id);
    if (!document) throw scanNotFound(id);
    return document;
  }

  async diff(fromId: string, toId: string): Promise<{ from: ScanWithRepository; to: ScanWithRepository; diff: ScanDiff }> {
    const [from, to] = [await this.getScan(fromId), await this.getScan(toId)];
    const [before, after] = [await this.scans.findComponentsByScan(fromId), await this.scans.findComponentsByScan(toId)];
    return { from, to, diff: diffScans(before.map(toRecord), after.map(toRecord)) };
  }
}

function toRecord(entity: ComponentEntity): ComponentRecord {
  return {
    ref: entity.ref,
    purl: entity.purl,
    ecosystem: entity.ecosystem,
    group: entity.group,
    name: entity.name,
    version: entity.version,
    type: entity.type,
    scope: entity.scope,
    development: entity.development,
    direct: entity.direct,
    licenses: entity.licenses,
  };
}
