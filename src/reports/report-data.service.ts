import { Injectable } from '@nestjs/common';
import { FindingsService } from '../advisories/nest.js';
import type { SealedLedgerEntry, Subject } from '../audit/index.js';
import { AuditLedgerService } from '../audit/nest.js';
import { PolicyResultsService, ScansService, type ScanWithRepository } from '../scans/index.js';
import type { ReportLedgerEntry, ReportPeriod, RepositoryReport, ReportScope } from './model/report-data.js';
import { componentsOf, findingOf, ledgerEntryOf, policyOf } from './report-mappers.js';
import { reportBadRequest, reportNotFound } from './reports.errors.js';

/** What to report on, as asked: one repository (by name or location), one scan, or every repository. */
export type ReportTarget = { kind: 'repository'; repository: string } | { kind: 'scan'; scan: string } | { kind: 'organisation' };

/** Scans read per repository: the history a report can draw on. */
const SCAN_HISTORY = 1000;
const LEDGER_PAGE = 1000;

export interface CollectedScope {
  scope: ReportScope;
  repositories: RepositoryReport[];
  evaluations: Array<{ evaluatedAt: string; outcome: string }>;
  /** The subject the scope's ledger entries carry (empty for the organisation: every entry). */
  subject: Subject;
}

/** Reads, through the other modules' services, everything a report shows about its scope and period. */
@Injectable()
export class ReportDataService {
  constructor(
    private readonly scans: ScansService,
    private readonly policyResults: PolicyResultsService,
    private readonly findings: FindingsService,
    private readonly ledger: AuditLedgerService,
  ) {}

  /** The scan a --scan report describes, to start its period at that scan. */
  scanOf(id: string): Promise<ScanWithRepository> {
    return this.scans.getScan(id);
  }

  async collectScope(target: ReportTarget, period: ReportPeriod): Promise<CollectedScope> {
    const evaluations: CollectedScope['evaluations'] = [];
    if (target.kind === 'scan') {
      const scan = await this.scans.getScan(target.scan);
      const history = await this.history(scan.repository.location);
      const repository = await this.repositoryReport(scan, history, period, evaluations);
      return { scope: { kind: 'scan', scan: scan.id, repository: scan.repository.name }, repositories: [repository], evaluations, subject: { scan: scan.id } };
    }
    const latest = target.kind === 'repository' ? await this.latestScanOfRepository(target.repository) : await this.latestScanPerRepository();
    const repositories: RepositoryReport[] = [];
    for (const scan of latest) {
      const history = await this.history(scan.repository.location);
      const described = history.find((candidate) => candidate.startedAt.getTime() <= Date.parse(period.to)) ?? null;
      // A repository first scanned after the period did not exist for it; asked for by name, it is reported as such.
      if (!described && target.kind === 'organisation') continue;
      repositories.push(await this.repositoryReport(described, history, period, evaluations, scan));
    }
    repositories.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.location < b.location ? -1 : 1));
    if (target.kind === 'repository') {
      const only = latest[0]!;
      return { scope: { kind: 'repository', repository: only.repository.name }, repositories, evaluations, subject: { repository: only.repositoryId } };
    }
    return { scope: { kind: 'organisation' }, repositories, evaluations, subject: {} };
  }

  /** Ledger entries about the scope recorded in the period, in sequence order. */
  async auditTrail(subject: Subject, period: ReportPeriod): Promise<ReportLedgerEntry[]> {
    const from = Date.parse(period.from);
    const to = Date.parse(period.to);
    const filter = Object.fromEntries(Object.entries(subject).filter((pair): pair is [string, string] => pair[1] !== undefined));
    const trail: ReportLedgerEntry[] = [];
    let cursor: bigint | undefined;
    for (;;) {
      const page: SealedLedgerEntry[] = await this.ledger.listEntries({ subject: filter, order: 'asc', cursor, limit: LEDGER_PAGE });
      for (const entry of page) {
        const time = Date.parse(entry.recordedAt);
        if (time >= from && time <= to) trail.push(ledgerEntryOf(entry));
      }
      if (page.length < LEDGER_PAGE) return trail;
      cursor = page.at(-1)!.seq;
    }
  }

  /** Newest first. */
  private history(location: string): Promise<ScanWithRepository[]> {
    return this.scans.listScans({ repository: location, limit: SCAN_HISTORY });
  }

  private async latestScanOfRepository(nameOrLocation: string): Promise<ScanWithRepository[]> {
    const scans = await this.scans.listScans({ repository: nameOrLocation, limit: SCAN_HISTORY });
    const byRepository = new Map<string, ScanWithRepository>();
    for (const scan of scans) if (!byRepository.has(scan.repositoryId)) byRepository.set(scan.repositoryId, scan);
    if (byRepository.size === 0) throw reportNotFound(`no scanned repository is named ${nameOrLocation} (see \`chainward scans list\`)`);
    if (byRepository.size > 1) {
      const locations = [...byRepository.values()].map((scan) => scan.repository.location).sort();
      throw reportBadRequest(`${byRepository.size} repositories are named ${nameOrLocation}; give the location instead: ${locations.join(', ')}`);
    }
    return [...byRepository.values()];
  }

  private async latestScanPerRepository(): Promise<ScanWithRepository[]> {
    const ids = await this.policyResults.latestScanIds();
    const scans: ScanWithRepository[] = [];
    for (const id of ids) scans.push(await this.scans.getScan(id));
    return scans;
  }

  /**
   * One repository's section: the scan described (the latest at or before the end of the period, or the one asked
   * for), its components with their dependency relationships, findings with VEX, its latest policy evaluation; and
   * the policy evaluations of the period (for the pass rate).
   */
  private async repositoryReport(
    described: ScanWithRepository | null,
    history: readonly ScanWithRepository[],
    period: ReportPeriod,
    evaluations: CollectedScope['evaluations'],
    any: ScanWithRepository | null = described,
  ): Promise<RepositoryReport> {
    const repository = (described ?? any)!.repository;
    const from = Date.parse(period.from);
    const to = Date.parse(period.to);
    const inPeriod = history.filter((scan) => scan.startedAt.getTime() >= from && scan.startedAt.getTime() <= to);
    for (const scan of history.filter((candidate) => candidate.startedAt.getTime() <= to)) {
      const { results } = await this.policyResults.listResults(scan.id);
      for (const result of results) {
        const time = result.evaluatedAt.getTime();
        if (time >= from && time <= to) evaluations.push({ evaluatedAt: result.evaluatedAt.toISOString(), outcome: result.outcome });
      }
    }
    const report: RepositoryReport = {
      id: repository.id,
      name: repository.name,
      location: repository.location,
      scan: null,
      scansInPeriod: inPeriod.length,
      components: [],
      findings: [],
      policy: null,
    };
    if (!described) return report;
    const [facts, sbom, findings, policy] = [
      await this.policyResults.loadScanFacts(described.id),
      await this.scans.getSbom(described.id).catch(() => null),
      await this.findings.listFindings(described.id),
      await this.policyResults.listResults(described.id),
    ];
    const latestPolicy = policy.results.at(-1);
    return {
      ...report,
      scan: {
        id: described.id,
        startedAt: described.startedAt.toISOString(),
        finishedAt: described.finishedAt?.toISOString() ?? null,
        commit: described.commitSha,
        branch: described.branch,
        toolVersion: described.toolVersion,
        lockfiles: described.lockfiles,
        warnings: described.warnings.length,
        sbom: sbom ? { format: sbom.format, specVersion: sbom.specVersion, serialNumber: sbom.serialNumber, digest: sbom.digest } : null,
      },
      components: componentsOf(facts.graph),
      findings: findings.findings.map(findingOf),
      policy: latestPolicy ? policyOf({ ...latestPolicy, policy: { name: latestPolicy.policyName, version: latestPolicy.policyVersion, digest: latestPolicy.policyDigest } }) : null,
    };
  }
}
