import { Module } from '@nestjs/common';
import { ScansRepository } from './scans.repository.js';
import { ScansService } from './scans.service.js';

@Module({
  providers: [ScansRepository, ScansService],
  exports: [ScansService],
})
export class ScansModule {}
