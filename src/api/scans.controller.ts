import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ScansService, type ScanWithRepository } from '../scans/index.js';

/** Read-only scan history: what `chainward scans` shows, over HTTP. */
@Controller('api/v1/scans')
export class ScansController {
  constructor(private readonly scans: ScansService) {}

  @Get()
  async list(@Query('repository') repository?: string, @Query('limit') limit?: string): Promise<{ items: ScanView[] }> {
    const scans = await this.scans.listScans({ repository, limit: limit ? Number(limit) || 50 : 50 });
    return { items: scans.map(toView) };
  }

  @Get(':id')
  async show(@Param('id') id: string): Promise<ScanView & { summary: unknown; edges: number }> {
    const details = await this.scans.getScanDetails(id);
    return { ...toView(details.scan), summary: details.summary, edges: details.edges };
  }

  /** The stored CycloneDX document, byte for byte, as a download. */
  @Get(':id/sbom')
  async sbom(@Param('id') id: string, @Res() response: Response): Promise<void> {
    const document = await this.scans.getSbom(id);
    const mediaType = document.format === 'cyclonedx-xml' ? 'application/vnd.cyclonedx+xml' : 'application/vnd.cyclonedx+json';
    response
      .status(200)
      .setHeader('Content-Type', `${mediaType}; version=${document.specVersion}`)
      .setHeader('Content-Disposition', `attachment; filename="${id}.cdx.${document.format === 'cyclonedx-xml' ? 'xml' : 'json'}"`)
      .setHeader('Digest', `sha-256=${Buffer.from(document.digest, 'hex').toString('base64')}`)
      .send(Buffer.from(document.content, 'utf8'));
  }
}

/** The API's own shape of a scan: entities are never returned as they are. */
interface ScanView {
  id: string;
  repository: { id: string; name: string; location: string };
  commit: string | null;
  branch: string | null;
  status: string;
  startedAt: string;
  finishedAt: string | null;
  toolVersion: string;
  components: number;
  lockfiles: string[];
  sbom: { digest: string | null; href: string };
}

function toView(scan: ScanWithRepository): ScanView {
  return {
    id: scan.id,
    repository: { id: scan.repository.id, name: scan.repository.name, location: scan.repository.location },
    commit: scan.commitSha,
    branch: scan.branch,
    status: scan.status,
    startedAt: scan.startedAt.toISOString(),
    finishedAt: scan.finishedAt?.toISOString() ?? null,
    toolVersion: scan.toolVersion,
    components: scan.componentCount,
    lockfiles: scan.lockfiles,
    sbom: { digest: scan.sbomDigest, href: `/api/v1/scans/${scan.id}/sbom` },
  };
}
