// TypeORM and NestJS read decorator metadata through this polyfill.
import 'reflect-metadata';
import { AdvisoriesRepository, AdvisoriesService, FindingsRepository, FindingsService, KevRepository, KevService, VexRepository, VexService } from '../advisories/nest.js';
import { auditSigningOptions } from '../audit/index.js';
import { AuditCheckpointService, AuditLedgerRepository, AuditLedgerService } from '../audit/nest.js';
import type { ChainwardConfig } from '../config/index.js';
import { openDatabase, type Database } from '../database/index.js';
import { PolicySetsRepository, PolicySetsService, WaiversRepository, WaiversService } from '../policy/nest.js';
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
  kev: KevService;
  vex: VexService;
  reports: ReportsService;
  policySets: PolicySetsService;
  waivers: WaiversService;
  close(): Promise<void>;
}

export async function openAppServices(config: ChainwardConfig): Promise<AppServices> {
  const database = await openDatabase(config, { entities: ENTITIES });
  const ledger = new AuditLedgerRepository(database.dataSource);
  const audit = new AuditLedgerService(ledger);
  const scans = new ScansService(new ScansRepository(database.dataSource), audit);
  const advisories = new AdvisoriesRepository(database.dataSource);
  const vex = new VexRepository(database.dataSource);
  const kev = new KevRepository(database.dataSource);
  const services: Omit<AppServices, 'reports'> = {
    database,
    scans,
    policyResults: new PolicyResultsService(new PolicyResultsRepository(database.dataSource), scans, audit),
    audit,
    advisories: new AdvisoriesService(advisories, audit, kev),
    findings: new FindingsService(new FindingsRepository(database.dataSource), advisories, vex, scans, kev),
    kev: new KevService(kev, audit),
    vex: new VexService(vex),
    policySets: new PolicySetsService(new PolicySetsRepository(database.dataSource), audit),
    waivers: new WaiversService(new WaiversRepository(database.dataSource), audit),
    checkpoints: new AuditCheckpointService(ledger, auditSigningOptions(config)),
    close: () => database.close(),
  };
  return { ...services, reports: createReportsService(services, config) };
}
