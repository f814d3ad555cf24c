import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ScansService, toScanView, type ScanView } from '../scans/index.js';

/** Read-only scan history: what `chainward scans` shows, over HTTP. */
@Controller('api/v1/scans')
export class ScansController {
  constructor(private readonly scans: ScansService) {}

  @Get()
  async list(@Query('repository') repository?: string, @Query('limit') limit?: string): Promise<{ items: ScanView[] }> {
    const scans = await this.scans.listScans({ repository, limit: limit ? Number(limit) || 50 : 50 });
    return { items: scans.map(toScanView) };
  }

  @Get(':id')
  async show(@Param('id') id: string): Promise<ScanView & { summary: unknown; edges: number }> {
    const details = await this.scans.getScanDetails(id);
    return { ...toScanView(details.scan), summary: details.summary, edges: details.edges };
  }

  /** The stored SBOM (CycloneDX, or SPDX for an imported one), byte for byte, as a download. */
  @Get(':id/sbom')
  async sbom(@Param('id') id: string, @Res() response: Response): Promise<void> {
    const document = await this.scans.getSbom(id);
    const [mediaType, extension] =
      document.format === 'cyclonedx-xml' ? ['application/vnd.cyclonedx+xml', 'cdx.xml'] : document.format === 'spdx-json' ? ['application/spdx+json', 'spdx.json'] : ['application/vnd.cyclonedx+json', 'cdx.json'];
    response
      .status(200)
      .setHeader('Content-Type', `${mediaType}; version=${document.specVersion}`)
      .setHeader('Content-Disposition', `attachment; filename="${id}.${extension}"`)
      .setHeader('Digest', `sha-256=${Buffer.from(document.digest, 'hex').toString('base64')}`)
      .send(Buffer.from(document.content, 'utf8'));
  }
}
