import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { AdvisoriesModule } from '../advisories/nest.js';
import { ScansModule } from '../scans/index.js';
import { AuditController } from './audit.controller.js';
import { FindingsController } from './findings.controller.js';
import { HealthController } from './health.controller.js';
import { ProblemDetailsFilter } from './problem-details.filter.js';
import { ReportsController } from './reports.controller.js';
import { ScansController } from './scans.controller.js';

@Module({
  imports: [ScansModule, AdvisoriesModule],
  controllers: [HealthController, ScansController, FindingsController, AuditController, ReportsController],
  providers: [{ provide: APP_FILTER, useClass: ProblemDetailsFilter }],
})
export class ApiModule {}
