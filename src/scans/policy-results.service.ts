import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { canonicalize } from 'json-canonicalize';
import { AUDIT_RECORDER, type AuditRecorder, type JsonObject } from '../audit/index.js';
import { TOOL_NAME, TOOL_VERSION } from '../common/version.js';
import type { PolicyResults } from '../policy/index.js';
import type { DependencyGraph } from '../sbom/index.js';
import { graphFromStored } from './domain/stored-graph.js';
import type { PolicyResultEntity } from './entities/policy-result.entity.js';
import { PolicyResultsRepository } from './policy-results.repository.js';
import { ScansService, type ScanWithRepository } from './scans.service.js';

/** A stored scan as the policy evaluator needs it again (files are not stored). */
export interface StoredScanFacts {
  scan: ScanWithRepository;
  graph: DependencyGraph;
}

/** Stores the policy results of scans and reads scans back for evaluation. */
@Injectable()
export class PolicyResultsService {
  constructor(
    private readonly results: PolicyResultsRepository,
    private readonly scans: ScansService,
    @Inject(AUDIT_RECORDER) private readonly audit: AuditRecorder,
  ) {}

  /**
   * Stores one evaluation and its `policy.evaluated` ledger entry in one transaction; `policySetId`
   * links the results to the published policy set evaluated, when it was one.
   */
  async recordResults(scanId: string, results: PolicyResults, options: { policySetId?: string } = {}): Promise<PolicyResultEntity> {
    const scan = await this.scans.getScan(scanId);
    return this.results.transaction(async (manager) => {
      const row = await this.results.insertResult(manager, {
        scanId,
        policyName: results.policy.name,
        policyVersion: results.policy.version,
        policyDigest: results.policy.digest,
        policySetId: options.policySetId ?? null,
        waiversDigest: results.waiversDigest,
        outcome: results.outcome,
        evaluatedAt: new Date(results.evaluatedAt),
        summary: results.summary,
        rules: results.rules,
        waivers: results.waivers,
      });
      await this.audit.record(manager, {
        actor: { kind: 'system', id: TOOL_NAME, version: TOOL_VERSION },
        action: 'policy.evaluated',
        subject: { repository: scan.repositoryId, scan: scanId, ...(options.policySetId ? { policy: `${results.policy.name}@${results.policy.version}` } : {}) },
        inputsDigest: results.policy.digest,
        outputsDigest: `sha256:${createHash('sha256').update(canonicalize(results)).digest('hex')}`,
        policyVersion: `${results.policy.name}@${results.policy.version}`,
        rationale: `Policy set ${results.policy.name} ${results.policy.version} ${results.outcome} on ${scan.repository.name}: ${results.summary.failing} failing rule(s).`,
        payload: { outcome: results.outcome, summary: { ...results.summary }, waiversDigest: results.waiversDigest } as JsonObject,
      });
      return row;
    });
  }

  /** Every evaluation stored for a scan, oldest first; a scan that does not exist is an error. */
  async listResults(scanId: string): Promise<{ scan: ScanWithRepository; results: PolicyResultEntity[] }> {
    const scan = await this.scans.getScan(scanId);
    return { scan, results: await this.results.findResultsByScan(scanId) };
  }

  /** The newest scan of every repository, for a dry run across the organisation. */
  latestScanIds(): Promise<string[]> {
    return this.results.findLatestScanIdPerRepository();
  }

  /** A stored scan's graph, rebuilt from its components and dependency edges. */
  async loadScanFacts(scanId: string): Promise<StoredScanFacts> {
    const scan = await this.scans.getScan(scanId);
    const components = await this.results.findComponentsByScan(scanId);
    const edges = await this.results.findEdgesByScan(scanId);
    return { scan, graph: graphFromStored(components, edges, scan.warnings) };
  }
}
