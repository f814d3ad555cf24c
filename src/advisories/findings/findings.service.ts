import { Injectable } from '@nestjs/common';
import { ScansService, type ScanWithRepository } from '../../scans/index.js';
import { canonicalEcosystem, MatchIndex, normalisePackageName } from '../domain/index.js';
import { candidateToRecord } from '../advisory-row.mapper.js';
import { AdvisoriesRepository } from '../advisories.repository.js';
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
  ) {}

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

  /** A scan's findings, each with the VEX suppression of its repository that applies, if any. */
  async listFindings(scanId: string): Promise<{ scan: ScanWithRepository; findings: FindingView[] }> {
    const scan = await this.scans.getScan(scanId);
    const statements: VexStatement[] = (await this.vex.findByRepository(scan.repositoryId)).map((entity) => ({
      vulnerabilityId: entity.vulnerabilityId,
      purl: entity.purl,
      state: entity.state as VexStatement['state'],
      ...(entity.justification === null ? {} : { justification: entity.justification }),
      ...(entity.detail === null ? {} : { detail: entity.detail }),
    }));
    const findings = (await this.findings.findByScan(scanId)).map((entity): FindingView => {
      const pkg = componentPackage(entity.purl);
      return {
        component: { ref: entity.componentRef, purl: entity.purl, name: pkg?.name ?? entity.componentRef, version: pkg?.version ?? '' },
        advisory: entity.advisoryId,
        aliases: entity.aliases,
        severity: entity.severity,
        score: entity.score,
        vector: entity.vector,
        fixedVersions: entity.fixedVersions,
        fixAbove: entity.fixAbove,
        suppressed: findSuppression({ advisoryId: entity.advisoryId, aliases: entity.aliases, purl: entity.purl }, statements) ?? null,
      };
    });
    return { scan, findings };
  }
}
