import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { parseGateUpload } from '../gate/index.js';
import { BearerTokenGuard } from './bearer-token.guard.js';
import { GateResultsService, type RecordedGateResult } from './gate-results.service.js';

/** Where `chainward gate --report-to` sends its result: stored as a scan, with a ledger entry. */
@Controller('api/v1/gate-results')
export class GateResultsController {
  constructor(private readonly results: GateResultsService) {}

  @Post()
  @HttpCode(201)
  @UseGuards(BearerTokenGuard)
  record(@Body() body: unknown): Promise<RecordedGateResult> {
    return this.results.record(parseGateUpload(body), new Date());
  }
}
