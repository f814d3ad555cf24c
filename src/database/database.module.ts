import { Global, Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ChainwardConfig } from '../config/index.js';
import { openDatabase, type Database, type OpenDatabaseOptions } from './open-database.js';

/** Injection token of the open Database handle (mode, location, close). */
export const DATABASE = Symbol('DATABASE');

/** Opens the database once for the server and provides its DataSource to every module. */
@Global()
@Module({})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(@Inject(DATABASE) private readonly database: Database) {}

  static forRoot(config: ChainwardConfig, options: OpenDatabaseOptions): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [
        { provide: DATABASE, useFactory: () => openDatabase(config, options) },
        { provide: DataSource, useFactory: (database: Database) => database.dataSource, inject: [DATABASE] },
      ],
      exports: [DATABASE, DataSource],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.database.close();
  }
}
