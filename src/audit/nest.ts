/**
 * Framework entry of the audit module: the ledger's TypeORM entities and repository, the NestJS services that
 * append, prove and checkpoint, and the module.
 */
export { AuditEntryEntity } from './entities/audit-entry.entity.js';
export { AuditCheckpointEntity } from './entities/audit-checkpoint.entity.js';
export { AUDIT_APPEND_LOCK, AuditLedgerRepository } from './audit-ledger.repository.js';
export { AuditLedgerService, type AuditEntryQuery, type VerifyLedgerOptions } from './audit-ledger.service.js';
export { AUDIT_SIGNING, AuditCheckpointService, type StoredCheckpoint } from './audit-checkpoint.service.js';
export { AuditModule } from './audit.module.js';
