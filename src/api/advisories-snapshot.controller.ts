import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Controller, Get, Res } from '@nestjs/common';
import type { Response } from 'express';
import { AdvisoriesService } from '../advisories/nest.js';

/**
 * The advisory snapshot `chainward advisories export` writes, for `chainward gate --server`: exported to a
 * private temporary file (the export pages through the store and never holds it whole), then streamed.
 */
@Controller('api/v1/advisories')
export class AdvisoriesSnapshotController {
  constructor(private readonly advisories: AdvisoriesService) {}

  @Get('snapshot')
  async snapshot(@Res() response: Response): Promise<void> {
    const directory = await mkdtemp(path.join(tmpdir(), 'chainward-snapshot-'));
    try {
      const file = path.join(directory, 'advisories.osv.jsonl.gz');
      const records = await this.advisories.exportSnapshot(file);
      response
        .status(200)
        .setHeader('Content-Type', 'application/gzip')
        .setHeader('Content-Disposition', 'attachment; filename="advisories.osv.jsonl.gz"')
        .setHeader('X-Chainward-Advisories', String(records));
      await pipeline(createReadStream(file), response);
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  }
}
