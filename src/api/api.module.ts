import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { AdvisoriesModule } from '../advisories/nest.js';
import { PolicyModule } from '../policy/nest.js';
import { ScansModule } from '../scans/index.js';
import { AdvisoriesSnapshotController } from './advisories-snapshot.controller.js';
import { AuditController } from './audit.controller.js';
import { BearerTokenGuard } from './bearer-token.guard.js';
import { FindingsController } from './findings.controller.js';
import { GateResultsController } from './gate-results.controller.js';
import { GateResultsService } from './gate-results.service.js';
import { HealthController } from './health.controller.js';
import { PolicySetsController } from './policy-sets.controller.js';
import { ProblemDetailsFilter } from './problem-details.filter.js';
import { ReportsController } from './reports.controller.js';
import { ScansController } from './scans.controller.js';
import { WaiversController } from './waivers.controller.js';

@Module({
  imports: [ScansModule, AdvisoriesModule, PolicyModule],
  controllers: [HealthController, ScansController, FindingsController, AuditController, GateResultsController, AdvisoriesSnapshotController, ReportsController, PolicySetsController, WaiversController],
  providers: [{ provide: APP_FILTER, useClass: ProblemDetailsFilter }, BearerTokenGuard, GateResultsService],
})
export class ApiModule {}
