/**
 * Public entry of the audit module, framework-free: the recorder contract every producer depends on, the ledger's
 * pure core (canonical JSON, entries, Merkle proofs, signed notes, checkpoints, bundle verification), the signing
 * key files, the checkpoint file and the proof views. Offline verification (`chainward audit verify --bundle`,
 * `chainward report verify`) loads this without NestJS or TypeORM; the stored side is in `./nest.ts`.
 */
export * from './domain/index.js';
export { AUDIT_RECORDER, type AuditReceipt, type AuditRecordInput, type AuditRecorder } from './audit-recorder.js';
export { type AuditSigningOptions, auditSigningOptions, defaultOrigin, loadOrCreateSigner, readPublicKey } from './audit-signing.js';
export { appendCheckpointNote, readCheckpointNotes, splitCheckpointNotes } from './checkpoint-file.js';
export { parseTreeSize } from './audit.errors.js';
export { type ConsistencyProofResult, type InclusionProofResult, consistencyProofView, inclusionProofView } from './proof-view.js';
