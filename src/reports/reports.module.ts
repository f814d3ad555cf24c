import { type DynamicModule, Module } from '@nestjs/common';
import { AdvisoriesModule } from '../advisories/nest.js';
import type { ChainwardConfig } from '../config/index.js';
import { ScansModule } from '../scans/index.js';
import { ReportDataService } from './report-data.service.js';
import { REPORT_OPTIONS, reportOptions } from './report-options.js';
import { ReportsService } from './reports.service.js';

/** Signed compliance reports for the server; global so the API module's controller can inject the service. */
@Module({})
export class ReportsModule {
  static forRoot(config: ChainwardConfig): DynamicModule {
    return {
      module: ReportsModule,
      global: true,
      imports: [ScansModule, AdvisoriesModule],
      providers: [ReportDataService, ReportsService, { provide: REPORT_OPTIONS, useValue: reportOptions(config) }],
      exports: [ReportsService],
    };
  }
}
