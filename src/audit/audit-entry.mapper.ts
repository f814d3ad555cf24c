import type { JsonObject, SealedLedgerEntry, Subject } from './domain/index.js';
import type { AuditEntryEntity } from './entities/audit-entry.entity.js';

/** A row as the repository's raw queries return it (bigint as a decimal string, timestamptz as a Date). */
export interface AuditEntryRow {
  seq: string;
  recorded_at: Date;
  actor_kind: SealedLedgerEntry['actor']['kind'];
  actor_id: string;
  actor_version: string | null;
  action: string;
  subject: Subject;
  inputs_digest: string | null;
  outputs_digest: string | null;
  policy_version: string | null;
  rationale: string;
  payload: JsonObject;
  prev_hash: string;
  leaf_hash: string;
}

export const AUDIT_ENTRY_COLUMNS =
  'seq, recorded_at, actor_kind, actor_id, actor_version, action, subject, inputs_digest, outputs_digest, policy_version, rationale, payload, prev_hash, leaf_hash';

export function entryFromRow(row: AuditEntryRow): SealedLedgerEntry {
  return {
    seq: BigInt(row.seq),
    recordedAt: row.recorded_at.toISOString(),
    actor: row.actor_version === null ? { kind: row.actor_kind, id: row.actor_id } : { kind: row.actor_kind, id: row.actor_id, version: row.actor_version },
    action: row.action,
    subject: row.subject,
    inputsDigest: row.inputs_digest,
    outputsDigest: row.outputs_digest,
    policyVersion: row.policy_version,
    rationale: row.rationale,
    payload: row.payload,
    prevHash: row.prev_hash,
    leafHash: row.leaf_hash,
  };
}

export function entityFromEntry(entry: SealedLedgerEntry): AuditEntryEntity {
  return {
    seq: entry.seq.toString(10),
    recordedAt: new Date(entry.recordedAt),
    actorKind: entry.actor.kind,
    actorId: entry.actor.id,
    actorVersion: entry.actor.version ?? null,
    action: entry.action,
    subject: entry.subject,
    inputsDigest: entry.inputsDigest,
    outputsDigest: entry.outputsDigest,
    policyVersion: entry.policyVersion,
    rationale: entry.rationale,
    payload: entry.payload,
    prevHash: entry.prevHash,
    leafHash: entry.leafHash,
  };
}
