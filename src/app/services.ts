// TypeORM and NestJS read decorator metadata through this polyfill.
import 'reflect-metadata';
import { AuditCheckpointService, AuditLedgerRepository, AuditLedgerService, auditSigningOptions } from '../audit/index.js';
import type { ChainwardConfig } from '../config/index.js';
import { openDatabase, type Database } from '../database/index.js';
import { ScansRepository, ScansService } from '../scans/index.js';
import { ENTITIES } from './entities.js';

/** The services the CLI uses, wired by hand: no NestJS boot for a one-shot command. */
export interface AppServices {
  database: Database;
  scans: ScansService;
  audit: AuditLedgerService;
  checkpoints: AuditCheckpointService;
  close(): Promise<void>;
}

export async function openAppServices(config: ChainwardConfig): Promise<AppServices> {
  const database = await openDatabase(config, { entities: ENTITIES });
  const ledger = new AuditLedgerRepository(database.dataSource);
  const audit = new AuditLedgerService(ledger);
  return {
    database,
    scans: new ScansService(new ScansRepository(database.dataSource), audit),
    audit,
    checkpoints: new AuditCheckpointService(ledger, auditSigningOptions(config)),
    close: () => database.close(),
  };
}
