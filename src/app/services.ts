// TypeORM and NestJS read decorator metadata through this polyfill.
import 'reflect-metadata';
import { AdvisoriesRepository, AdvisoriesService, FindingsRepository, FindingsService, VexRepository, VexService } from '../advisories/nest.js';
import { auditSigningOptions } from '../audit/index.js';
import { AuditCheckpointService, AuditLedgerRepository, AuditLedgerService } from '../audit/nest.js';
import type { ChainwardConfig } from '../config/index.js';
import { openDatabase, type Database } from '../database/index.js';
import { createReportsService, type ReportsService } from '../reports/nest.js';
import { PolicyResultsRepository, PolicyResultsService, ScansRepository, ScansService } from '../scans/index.js';
import { ENTITIES } from './entities.js';

/** The services the CLI uses, wired by hand: no NestJS boot for a one-shot command. */
export interface AppServices {
  database: Database;
  scans: ScansService;
  policyResults: PolicyResultsService;
  audit: AuditLedgerService;
  checkpoints: AuditCheckpointService;
  advisories: AdvisoriesService;
  findings: FindingsService;
  vex: VexService;
  reports: ReportsService;
  close(): Promise<void>;
}

export async function openAppServices(config: ChainwardConfig): Promise<AppServices> {
  const database = await openDatabase(config, { entities: ENTITIES });
  const ledger = new AuditLedgerRepository(database.dataSource);
  const audit = new AuditLedgerService(ledger);
  const scans = new ScansService(new ScansRepository(database.dataSource), audit);
  const advisories = new AdvisoriesRepository(database.dataSource);
  const vex = new VexRepository(database.dataSource);
  const services: Omit<AppServices, 'reports'> = {
    database,
    scans,
    policyResults: new PolicyResultsService(new PolicyResultsRepository(database.dataSource), scans, audit),
    audit,
    advisories: new AdvisoriesService(advisories, audit),
    findings: new FindingsService(new FindingsRepository(database.dataSource), advisories, vex, scans),
    vex: new VexService(vex),
    checkpoints: new AuditCheckpointService(ledger, auditSigningOptions(config)),
    close: () => database.close(),
  };
  return { ...services, reports: createReportsService(services, config) };
}
