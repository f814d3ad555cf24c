import { Module, type DynamicModule } from '@nestjs/common';
import { ApiModule } from '../api/index.js';
import { AuditModule } from '../audit/nest.js';
import { CHAINWARD_CONFIG, type ChainwardConfig } from '../config/index.js';
import { DatabaseModule } from '../database/index.js';
import { ReportsModule } from '../reports/nest.js';
import { ENTITIES } from './entities.js';

/** The server's root module: the database opened once, the audit ledger every module records to, then the API. */
@Module({})
export class AppModule {
  static forRoot(config: ChainwardConfig): DynamicModule {
    return {
      module: AppModule,
      // The configuration, read once at start-up, for every module that needs a setting.
      global: true,
      providers: [{ provide: CHAINWARD_CONFIG, useValue: config }],
      exports: [CHAINWARD_CONFIG],
      imports: [DatabaseModule.forRoot(config, { entities: ENTITIES }), AuditModule.forRoot(config), ReportsModule.forRoot(config), ApiModule],
    };
  }
}
