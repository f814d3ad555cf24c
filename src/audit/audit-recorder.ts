import type { EntityManager } from 'typeorm';
import type { Actor, JsonObject, Subject } from './domain/index.js';

/** A decision as a module reports it; the ledger adds the time, its place in the chain and the hashes. */
export interface AuditRecordInput {
  actor: Actor;
  /** `<area>.<event>`, e.g. `scan.finished`, `policy.evaluated`. */
  action: string;
  subject: Subject;
  inputsDigest?: string | null;
  outputsDigest?: string | null;
  policyVersion?: string | null;
  rationale?: string;
  payload?: JsonObject;
  /** When the decision was made; by default the moment of the append (so times rise with seq). */
  recordedAt?: Date;
}

/** What an append returns: the entry's place in the ledger. */
export interface AuditReceipt {
  seq: bigint;
  leafHash: string;
  recordedAt: string;
}

/**
 * The one call every producer makes. `record` appends inside the caller's transaction (the EntityManager of
 * `dataSource.transaction`), so the entry commits or rolls back with the business write it describes.
 */
export interface AuditRecorder {
  record(manager: EntityManager, input: AuditRecordInput): Promise<AuditReceipt>;
  recordMany(manager: EntityManager, inputs: readonly AuditRecordInput[]): Promise<AuditReceipt[]>;
}

/** Injection token of the AuditRecorder (NestJS), so producers depend on the interface only. */
export const AUDIT_RECORDER = Symbol('AUDIT_RECORDER');
