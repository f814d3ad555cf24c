// TypeORM and NestJS read decorator metadata through this polyfill.
import 'reflect-metadata';
import type { ChainwardConfig } from '../config/index.js';
import { openDatabase, type Database } from '../database/index.js';
import { ScansRepository, ScansService } from '../scans/index.js';
import { ENTITIES } from './entities.js';

/** The services the CLI uses, wired by hand: no NestJS boot for a one-shot command. */
export interface AppServices {
  database: Database;
  scans: ScansService;
  close(): Promise<void>;
}

export async function openAppServices(config: ChainwardConfig): Promise<AppServices> {
  const database = await openDatabase(config, { entities: ENTITIES });
  return {
    database,
    scans: new ScansService(new ScansRepository(database.dataSource)),
    close: () => database.close(),
  };
}
