/**
 * Framework entry of the reports module: the NestJS service that gathers a report's data through the scans,
 * advisories and audit modules, signs it and records it in the ledger, and its module.
 */
export { ReportDataService, type ReportTarget } from './report-data.service.js';
export { ReportsService, type GenerateReportRequest, type GeneratedReport, type ReportDelivery } from './reports.service.js';
export { ReportsModule } from './reports.module.js';
export { createReportsService } from './create-reports-service.js';
