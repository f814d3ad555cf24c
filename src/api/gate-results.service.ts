import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { canonicalize } from 'json-canonicalize';
import { ChainwardError } from '../common/errors.js';
import { graphOfUploadedSbom, type GateUpload } from '../gate/index.js';
import { ScansService } from '../scans/index.js';
import type { SbomDocument } from '../sbom/index.js';

export interface RecordedGateResult {
  scan: string;
  repository: string;
}

/**
 * Stores a gate result reported by CI: its SBOM as a scan of the repository (with its history, as a
 * `chainward scan` would), and a `gate.reported` ledger entry with the verdict, in one transaction.
 */
@Injectable()
export class GateResultsService {
  constructor(private readonly scans: ScansService) {}

  async record(upload: GateUpload, receivedAt: Date): Promise<RecordedGateResult> {
    const graph = graphOfUploadedSbom(upload.sbom.document);
    // Chainward writes CycloneDX JSON with two-space indentation and a final newline: the same text again, byte for byte.
    const content = `${JSON.stringify(upload.sbom.document, null, 2)}\n`;
    const digest = createHash('sha256').update(content).digest('hex');
    if (`sha256:${digest}` !== upload.sbom.digest) {
      throw new ChainwardError({ code: 'GATE_SBOM_DIGEST_MISMATCH', category: 'bad-input', message: `the SBOM does not match its digest ${upload.sbom.digest} (it gives sha256:${digest})` });
    }
    const document: SbomDocument = {
      scan: { root: upload.repository.location ?? upload.repository.name, graph, lockfiles: upload.sbom.lockfiles },
      format: 'cyclonedx-json',
      specVersion: upload.sbom.specVersion === '1.5' ? '1.5' : '1.6',
      serialNumber: typeof upload.sbom.document.serialNumber === 'string' ? upload.sbom.document.serialNumber : '',
      content,
      digest,
    };
    const { repository, policy, counts } = upload;
    const scan = await this.scans.recordScan(document, new Date(upload.generatedAt), {
      origin: { location: repository.location ?? `gate:${repository.name}`, name: repository.name, commit: repository.commit ?? null, branch: repository.branch ?? null },
      alsoRecord: (subject) => [
        {
          actor: { kind: 'token', id: 'server.apiToken' },
          action: 'gate.reported',
          subject,
          inputsDigest: policy.digest,
          outputsDigest: `sha256:${createHash('sha256').update(canonicalize({ ...upload, sbom: { ...upload.sbom, document: undefined } })).digest('hex')}`,
          policyVersion: `${policy.name}@${policy.version}`,
          rationale: `The CI gate ${upload.verdict === 'fail' ? 'failed' : 'passed'} on ${repository.name} with policy set ${policy.name} ${policy.version}: ${counts.failing} failing violation(s) in ${counts.failingRules} rule(s).`,
          payload: {
            verdict: upload.verdict,
            generatedAt: upload.generatedAt,
            receivedAt: receivedAt.toISOString(),
            tool: { ...upload.tool },
            commit: repository.commit ?? null,
            branch: repository.branch ?? null,
            counts: { ...counts },
          },
        },
      ],
    });
    return { scan: scan.id, repository: scan.repository.name };
  }
}
