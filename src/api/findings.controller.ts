import { Controller, Get, Param } from '@nestjs/common';
import { FindingsService, type FindingView } from '../advisories/nest.js';

/** A scan's vulnerability findings, as `chainward findings --json` prints them. */
@Controller('api/v1/scans')
export class FindingsController {
  constructor(private readonly findings: FindingsService) {}

  @Get(':id/findings')
  async list(@Param('id') id: string): Promise<{ scan: string; repository: string; items: FindingView[] }> {
    const { scan, findings } = await this.findings.listFindings(id);
    return { scan: scan.id, repository: scan.repository.name, items: findings };
  }
}
