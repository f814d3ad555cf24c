import { Injectable } from '@nestjs/common';
import { ScansService, type ScanWithRepository } from '../../scans/index.js';
import { canonicalEcosystem, MatchIndex, normalisePackageName } from '../domain/index.js';
import { candidateToRecord } from '../advisory-row.mapper.js';
import { AdvisoriesRepository } from '../advisories.repository.js';
import { KevRepository } from '../kev/kev.repository.js';
import { knownExploitedLookup, type KnownExploited } from '../kev/known-exploited.js';
import { fromEntity } from '../kev/kev-row.mapper.js';
import { findSuppression, type Suppression } from '../vex/suppression.js';
import type { VexStatement } from '../vex/vex-statement.js';
import { VexRepository } from '../vex/vex.repository.js';
import { componentPackage, matchComponents } from './match-components.js';
import { FindingsRepository } from './findings.repository.js';

export interface FindingView {
  component: { ref: string; purl: string; name: string; version: string };
  advisory: string;
  aliases: string[];
  severity: string | null;
  score: number | null;
  vector: string | null;
  fixedVersions: string[];
  fixAbove: string | null;
  /** When the advisory was published (ISO 8601), if it says. */
  published: string | null;
  /** When the advisory was withdrawn, if it was since the scan (a withdrawn advisory no longer counts). */
  withdrawn: string | null;
  /** The advisory's entry in CISA's Known Exploited Vulnerabilities catalogue (by CVE alias), as imported now. */
  knownExploited: KnownExploited | null;
  /** Set when a VEX statement of the scan's repository suppresses the finding. */
  suppressed: Suppression | null;
}

/** Matches a scan's components against the stored advisories and answers for its findings. */
@Injectable()
export class FindingsService {
  constructor(
    private readonly findings: FindingsRepository,
    private readonly advisories: AdvisoriesRepository,
    private readonly vex: VexRepository,
    private readonly scans: ScansService,
    private readonly kev: KevRepository,
  ) {}

  /** The OSV package versions among a scan's library components (what the OSV API is asked about). */
  async packagesOfScan(scanId: string): Promise<Array<{ ecosystem: string; name: string; version: string }>> {
    await this.scans.getScan(scanId);
    return (await this.findings.findLibraryComponents(scanId)).flatMap((component) => {
      const pkg = componentPackage(component.purl);
      return pkg ? [{ ecosystem: pkg.ecosystem, name: pkg.name, version: pkg.version }] : [];
    });
  }

  /**
   * (Re)computes the findings of a scan. Only the advisories naming the scan's own
   * (ecosystem, package) keys are loaded and indexed, never the whole database.
   */
  async matchScan(scanId: string): Promise<{ findings: number; advisoriesConsidered: number }> {
    await this.scans.getScan(scanId);
    const components = await this.findings.findLibraryComponents(scanId);
    const keys = new Map<string, { ecosystem: string; name: string }>();
    for (const component of components) {
      const pkg = componentPackage(component.purl);
      if (!pkg) continue;
      const key = { ecosystem: canonicalEcosystem(pkg.ecosystem), name: normalisePackageName(pkg.ecosystem, pkg.name) };
      keys.set(`${key.ecosystem}\u0000${key.name}`, key);
    }
    const candidates = await this.advisories.findMatchCandidates([...keys.values()]);
    const matched = matchComponents(MatchIndex.build(candidates.map(candidateToRecord)), components);
    await this.findings.replaceFindings(
      scanId,
      matched.map((finding) => ({
        scanId,
        componentRef: finding.componentRef,
        purl: finding.purl,
        advisoryId: finding.advisoryId,
        aliases: finding.aliases,
        severity: finding.severity?.rating ?? null,
        score: finding.severity?.score ?? null,
        vector: finding.severity?.vector ?? null,
        fixedVersions: finding.fixedVersions,
        fixAbove: finding.fixAbove ?? null,
      })),
    );
    return { findings: matched.length, advisoriesConsidered: candidates.length };
  }

  /**
   * A scan's findings, each with what is known of its advisory now (publication, withdrawal, a
   * Known Exploited Vulnerabilities entry) and the VEX suppression of its repository that applies.
   */
  async listFindings(scanId: string): Promise<{ scan: ScanWithRepository; findings: FindingView[] }> {
    const scan = await this.scans.getScan(scanId);
    const entities = await this.findings.findByScan(scanId);
    const dates = await this.advisories.findDates(entities.map((entity) => entity.advisoryId));
    const cves = entities.flatMap((entity) => [entity.advisoryId, ...entity.aliases]).filter((id) => /^CVE-/i.test(id)).map((id) => id.toUpperCase());
    const exploited = knownExploitedLookup((await this.kev.findByCveIds(cves)).map(fromEntity));
    const statements: VexStatement[] = (await this.vex.findByRepository(scan.repositoryId)).map((entity) => ({
      vulnerabilityId: entity.vulnerabilityId,
      purl: entity.purl,
      state: entity.state as VexStatement['state'],
      ...(entity.justification === null ? {} : { justification: entity.justification }),
      ...(entity.detail === null ? {} : { detail: entity.detail }),
    }));
    const findings = entities.map((entity): FindingView => {
      const pkg = componentPackage(entity.purl);
      const date = dates.get(entity.advisoryId);
      return {
        component: { ref: entity.componentRef, purl: entity.purl, name: pkg?.name ?? entity.componentRef, version: pkg?.version ?? '' },
        advisory: entity.advisoryId,
        aliases: entity.aliases,
        severity: entity.severity,
        score: entity.score,
        vector: entity.vector,
        fixedVersions: entity.fixedVersions,
        fixAbove: entity.fixAbove,
        published: date?.published?.toISOString() ?? null,
        withdrawn: date?.withdrawn?.toISOString() ?? null,
        knownExploited: exploited([entity.advisoryId, ...entity.aliases]) ?? null,
        suppressed: findSuppression({ advisoryId: entity.advisoryId, aliases: entity.aliases, purl: entity.purl }, statements) ?? null,
      };
    });
    return { scan, findings };
  }
}
