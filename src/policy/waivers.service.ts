import { Inject, Injectable } from '@nestjs/common';
import { AUDIT_RECORDER, type AuditRecorder } from '../audit/index.js';
import { waiverSchema, type Waiver } from './domain/index.js';
import type { WaiverEntity } from './entities/waiver.entity.js';
import { policyBadInput, waiverNotFound } from './policy.errors.js';
import { WaiversRepository } from './waivers.repository.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A waiver as an officer asks for it (the CLI's flags, the API's body). */
export interface WaiverRequest {
  rule: string;
  purl?: string;
  file?: string;
  advisory?: string;
  repositories?: string[];
  reason: string;
  approver: string;
  /** ISO 8601 date (00:00 UTC) or date-time. */
  expires: string;
}

export type StoredWaiverState = 'active' | 'expired' | 'revoked';

/** A stored waiver as the CLI prints it and the API returns it: the request, with when, by whom, and its state. */
export interface WaiverView extends WaiverRequest {
  id: string;
  /** ISO 8601 date-time it was added; `expires` is a date-time too. */
  created: string;
  createdBy: string;
  state: StoredWaiverState;
  revoked?: { at: string; by: string; reason?: string };
}

/**
 * Waivers stored through the CLI or the API. They apply, with a policy set's own waivers.yaml,
 * to whichever set defines their rule; an expired one is reported as expired; a revoked one is
 * kept (with who revoked it and why) but applies no more. Creating and revoking are ledger entries.
 */
@Injectable()
export class WaiversService {
  constructor(
    private readonly waivers: WaiversRepository,
    @Inject(AUDIT_RECORDER) private readonly audit: AuditRecorder,
  ) {}

  async add(request: WaiverRequest, actor: string, now = new Date()): Promise<WaiverView> {
    const who = actor.trim();
    if (who === '') throw policyBadInput('who is adding the waiver is not known: pass --actor (or set `actor` in chainward.yaml)', 'waiver.no-actor');
    const waiver = validate(request, now);
    const expiresAt = new Date(Date.parse(waiver.expires));
    if (expiresAt.getTime() <= now.getTime()) {
      throw policyBadInput(`--expires: ${request.expires} is not in the future; a waiver must expire after it is created`, 'waiver.invalid');
    }
    return this.waivers.transaction(async (manager) => {
      const row = await this.waivers.insert(manager, {
        rule: waiver.rule,
        purl: waiver.purl ?? null,
        file: waiver.file ?? null,
        advisory: waiver.advisory ?? null,
        repositories: waiver.repositories ?? null,
        reason: waiver.reason,
        approver: waiver.approver,
        createdAt: now,
        createdBy: who,
        expiresAt,
        revokedAt: null,
        revokedBy: null,
        revocationReason: null,
      });
      await this.audit.record(manager, {
        actor: { kind: 'user', id: who },
        action: 'waiver.created',
        subject: { waiver: row.id },
        rationale: waiver.reason,
        payload: {
          rule: row.rule,
          target: row.purl ?? row.file ?? '',
          ...(row.advisory === null ? {} : { advisory: row.advisory }),
          ...(row.repositories === null ? {} : { repositories: row.repositories }),
          approver: row.approver,
          expires: row.expiresAt.toISOString(),
        },
        recordedAt: now,
      });
      return toView(row, now);
    });
  }

  /** Records a revocation; the waiver stays stored and listed, and no longer applies. */
  async revoke(id: string, actor: string, reason: string | undefined, now = new Date()): Promise<WaiverView> {
    if (!UUID.test(id)) throw policyBadInput(`${JSON.stringify(id)} is not a waiver id (a UUID, as \`chainward waivers list\` prints)`, 'waiver.bad-id');
    const who = actor.trim();
    if (who === '') throw policyBadInput('who is revoking the waiver is not known: pass --actor (or set `actor` in chainward.yaml)', 'waiver.no-actor');
    return this.waivers.transaction(async (manager) => {
      const row = await this.waivers.findForUpdate(manager, id);
      if (!row) throw waiverNotFound(id);
      if (row.revokedAt) throw policyBadInput(`waiver ${id} was already revoked on ${row.revokedAt.toISOString()} by ${row.revokedBy}`, 'waiver.already-revoked');
      const revocation = { revokedAt: now, revokedBy: who, revocationReason: reason?.trim() || null };
      await this.waivers.recordRevocation(manager, id, revocation);
      await this.audit.record(manager, {
        actor: { kind: 'user', id: who },
        action: 'waiver.revoked',
        subject: { waiver: id },
        rationale: revocation.revocationReason ?? `Revoked the waiver of rule ${row.rule} for ${row.purl ?? row.file}.`,
        payload: { rule: row.rule, target: row.purl ?? row.file ?? '', expires: row.expiresAt.toISOString() },
        recordedAt: now,
      });
      return toView({ ...row, ...revocation }, now);
    });
  }

  /** Waivers in force at `now`; with `includeInactive`, the expired and revoked ones too. */
  async list(options: { includeInactive?: boolean } = {}, now = new Date()): Promise<WaiverView[]> {
    const rows = await this.waivers.findAll({ includeRevoked: options.includeInactive === true });
    return rows.map((row) => toView(row, now)).filter((view) => options.includeInactive === true || view.state === 'active');
  }

  /**
   * The stored waivers an evaluation applies at `now`, as the evaluator takes them: revoked ones
   * left out, expired ones kept (the results report them as expired on what they would cover).
   */
  async forEvaluation(): Promise<Waiver[]> {
    return (await this.waivers.findAll({ includeRevoked: false })).map(toWaiver);
  }
}

function validate(request: WaiverRequest, now: Date): Waiver {
  const candidate = {
    rule: request.rule,
    ...(request.purl === undefined ? {} : { purl: request.purl }),
    ...(request.file === undefined ? {} : { file: request.file }),
    ...(request.advisory === undefined ? {} : { advisory: request.advisory }),
    ...(request.repositories === undefined || request.repositories.length === 0 ? {} : { repositories: request.repositories }),
    reason: request.reason,
    approver: request.approver,
    created: now.toISOString(),
    expires: request.expires,
  };
  const result = waiverSchema.safeParse(candidate);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const field = issue.path.length > 0 ? `--${String(issue.path[0])}` : 'waiver';
    // `created` is now: the officer gave no such field.
    return `${field}: ${issue.path[0] === 'expires' && issue.message.includes('`created`') ? `${request.expires} is not in the future` : issue.message}`;
  });
  throw policyBadInput(`invalid waiver:\n${[...new Set(problems)].map((problem) => `  ${problem}`).join('\n')}`, 'waiver.invalid');
}

/** A stored waiver as the evaluator takes it (what waivers.yaml would say, plus its id). */
function toWaiver(row: WaiverEntity): Waiver & { id: string } {
  return {
    id: row.id,
    rule: row.rule,
    ...(row.purl === null ? {} : { purl: row.purl }),
    ...(row.file === null ? {} : { file: row.file }),
    ...(row.advisory === null ? {} : { advisory: row.advisory }),
    ...(row.repositories === null ? {} : { repositories: row.repositories }),
    reason: row.reason,
    approver: row.approver,
    created: row.createdAt.toISOString(),
    expires: row.expiresAt.toISOString(),
  };
}

/** The waiver with who added it and its state at `now`. */
export function toView(row: WaiverEntity, now: Date): WaiverView {
  const state: StoredWaiverState = row.revokedAt ? 'revoked' : row.expiresAt.getTime() <= now.getTime() ? 'expired' : 'active';
  return {
    ...toWaiver(row),
    createdBy: row.createdBy,
    state,
    ...(row.revokedAt
      ? { revoked: { at: row.revokedAt.toISOString(), by: row.revokedBy ?? '', ...(row.revocationReason ? { reason: row.revocationReason } : {}) } }
      : {}),
  };
}
