import { Module } from '@nestjs/common';
import { PolicyResultsRepository } from './policy-results.repository.js';
import { PolicyResultsService } from './policy-results.service.js';
import { ScansRepository } from './scans.repository.js';
import { ScansService } from './scans.service.js';

@Module({
  providers: [ScansRepository, ScansService, PolicyResultsRepository, PolicyResultsService],
  exports: [ScansService, PolicyResultsService],
})
export class ScansModule {}
