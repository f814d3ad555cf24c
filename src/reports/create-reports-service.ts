import type { FindingsService } from '../advisories/nest.js';
import type { AuditCheckpointService, AuditLedgerService } from '../audit/nest.js';
import type { ChainwardConfig } from '../config/index.js';
import type { Database } from '../database/index.js';
import type { PolicyResultsService, ScansService } from '../scans/index.js';
import { ReportDataService } from './report-data.service.js';
import { reportOptions } from './report-options.js';
import { ReportsService } from './reports.service.js';

/** The CLI's hand wiring of the reports service from the services it depends on (the server uses ReportsModule). */
export function createReportsService(
  services: { database: Database; scans: ScansService; policyResults: PolicyResultsService; findings: FindingsService; audit: AuditLedgerService; checkpoints: AuditCheckpointService },
  config: Pick<ChainwardConfig, 'home' | 'report'>,
): ReportsService {
  const data = new ReportDataService(services.scans, services.policyResults, services.findings, services.audit);
  return new ReportsService(data, services.audit, services.checkpoints, services.audit, services.database.dataSource, reportOptions(config));
}
