import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { ScansModule } from '../scans/index.js';
import { AuditController } from './audit.controller.js';
import { HealthController } from './health.controller.js';
import { ProblemDetailsFilter } from './problem-details.filter.js';
import { ScansController } from './scans.controller.js';

@Module({
  imports: [ScansModule],
  controllers: [HealthController, ScansController, AuditController],
  providers: [{ provide: APP_FILTER, useClass: ProblemDetailsFilter }],
})
export class ApiModule {}
