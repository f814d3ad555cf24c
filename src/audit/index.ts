/** Public entry of the audit module: the ledger's recorder, services, entities and its pure core. */
export { AUDIT_RECORDER, type AuditReceipt, type AuditRecordInput, type AuditRecorder } from './audit-recorder.js';
export { AuditEntryEntity } from './entities/audit-entry.entity.js';
export { AuditCheckpointEntity } from './entities/audit-checkpoint.entity.js';
export { AUDIT_APPEND_LOCK, AuditLedgerRepository } from './audit-ledger.repository.js';
export {
  AuditLedgerService,
  type AuditEntryQuery,
  type ConsistencyProofResult,
  type InclusionProofResult,
  type VerifyLedgerOptions,
} from './audit-ledger.service.js';
export { AUDIT_SIGNING, AuditCheckpointService, type StoredCheckpoint } from './audit-checkpoint.service.js';
export { type AuditSigningOptions, auditSigningOptions, defaultOrigin, loadOrCreateSigner, readPublicKey } from './audit-signing.js';
export { appendCheckpointNote, readCheckpointNotes, splitCheckpointNotes } from './checkpoint-file.js';
export { parseTreeSize } from './audit.errors.js';
export { AuditModule } from './audit.module.js';
export type { Actor, ChainProblem, ChainProblemKind, ChainReport, JsonObject, SealedLedgerEntry, Subject } from './domain/index.js';
export { consistencyProofView, inclusionProofView } from './proof-view.js';
