import { Global, Module, type DynamicModule } from '@nestjs/common';
import type { ChainwardConfig } from '../config/index.js';
import { AUDIT_SIGNING, AuditCheckpointService } from './audit-checkpoint.service.js';
import { AuditLedgerRepository } from './audit-ledger.repository.js';
import { AuditLedgerService } from './audit-ledger.service.js';
import { AUDIT_RECORDER } from './audit-recorder.js';
import { auditSigningOptions } from './audit-signing.js';

/**
 * The audit ledger for the server. Global, like the database: every module that makes decisions injects
 * AUDIT_RECORDER without importing this module.
 */
@Global()
@Module({})
export class AuditModule {
  static forRoot(config: ChainwardConfig): DynamicModule {
    return {
      module: AuditModule,
      providers: [
        AuditLedgerRepository,
        AuditLedgerService,
        AuditCheckpointService,
        { provide: AUDIT_SIGNING, useValue: auditSigningOptions(config) },
        { provide: AUDIT_RECORDER, useExisting: AuditLedgerService },
      ],
      exports: [AuditLedgerService, AuditCheckpointService, AUDIT_RECORDER],
    };
  }
}
