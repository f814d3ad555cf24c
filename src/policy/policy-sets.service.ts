import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { AUDIT_RECORDER, type AuditRecorder } from '../audit/index.js';
import { TOOL_VERSION } from '../common/version.js';
import {
  ALL_REPOSITORIES,
  formatPolicySetReference,
  formatProblem,
  loadPolicySource,
  policyDigest,
  scopeProblem,
  selectActivation,
  type LoadedPolicySet,
  type PolicySetReference,
  type PolicySource,
} from './domain/index.js';
import { canonicalDigest } from './domain/digest.js';
import type { PolicyActivationEntity } from './entities/policy-activation.entity.js';
import type { PolicySetEntity } from './entities/policy-set.entity.js';
import { noActivePolicySet, policyBadInput, policySetNotFound } from './policy.errors.js';
import { PolicySetsRepository, type CurrentActivation } from './policy-sets.repository.js';

export interface PublishInput {
  /** policy.yaml and, when the set has one, waivers.yaml, as read (paths only label problems). */
  source: Pick<PolicySource, 'policy' | 'waivers'>;
  actor: string;
  message: string;
  now?: Date;
}

export interface PublishResult {
  set: PolicySetEntity;
  /** False when the same name@version was already published with the same content: nothing was written. */
  created: boolean;
}

export interface ActivateInput {
  reference: PolicySetReference;
  /** `*` (every repository) or a repository-name pattern. */
  scope: string;
  actor: string;
  message?: string;
  now?: Date;
}

export interface PolicySetSummary {
  set: PolicySetEntity;
  /** Scopes this set is in force for. */
  activeScopes: string[];
}

/**
 * Published policy sets: publish (immutable: a name@version is stored once), list, show,
 * activate per scope and resolve the set in force for a repository. Publishing and
 * activating are audit ledger entries, in the same transaction as the write.
 */
@Injectable()
export class PolicySetsService {
  constructor(
    private readonly sets: PolicySetsRepository,
    @Inject(AUDIT_RECORDER) private readonly audit: AuditRecorder,
  ) {}

  async publish(input: PublishInput): Promise<PublishResult> {
    const message = input.message.trim();
    if (message === '') throw policyBadInput('a publication needs a message saying why (--message)', 'policy.publish-message');
    const actor = requireActor(input.actor);
    const loaded = loadPolicySource({ policy: input.source.policy, ...(input.source.waivers ? { waivers: input.source.waivers } : {}) });
    if (!loaded.ok) {
      throw policyBadInput(`the policy set is invalid:\n${loaded.problems.map((problem) => `  ${formatProblem(problem)}`).join('\n')}`, 'policy.invalid');
    }
    const { name, version } = loaded.value.policy.metadata;
    const digest = policyDigest(loaded.value.policy);
    const waiversDigest = canonicalDigest(loaded.value.waivers);
    const reference = formatPolicySetReference({ name, version });
    return this.sets.transaction(async (manager) => {
      await this.sets.lock(manager);
      const existing = await this.sets.findSet(manager, name, version);
      if (existing) {
        if (existing.digest === digest && existing.waiversDigest === waiversDigest) return { set: existing, created: false };
        throw policyBadInput(
          `${reference} is already published with different content (published ${existing.digest.slice(0, 19)}, waivers ${existing.waiversDigest.slice(0, 19)}; ` +
            `this ${digest.slice(0, 19)}, waivers ${waiversDigest.slice(0, 19)}): a published version never changes, publish it as a new version`,
          'policy.version-conflict',
        );
      }
      const set = await this.sets.insertSet(manager, {
        name,
        version,
        digest,
        waiversDigest,
        policyText: input.source.policy.text,
        waiversText: input.source.waivers?.text ?? null,
        publishedAt: input.now ?? new Date(),
        publishedBy: actor,
        message,
      });
      await this.audit.record(manager, {
        actor: { kind: 'user', id: actor },
        action: 'policy.published',
        subject: { policy: reference },
        inputsDigest: digest,
        outputsDigest: sourceDigest(set),
        policyVersion: reference,
        rationale: message,
        payload: {
          name,
          version,
          digest,
          waiversDigest,
          rules: loaded.value.policy.rules.length,
          waivers: loaded.value.waivers.length,
          tool: TOOL_VERSION,
        },
        recordedAt: set.publishedAt,
      });
      return { set, created: true };
    });
  }

  /** Every published set with the scopes it is in force for. */
  async list(): Promise<PolicySetSummary[]> {
    const [sets, activations] = await Promise.all([this.sets.listSets(), this.sets.findCurrentActivations()]);
    return sets.map((set) => ({ set, activeScopes: scopesOf(set, activations) }));
  }

  async show(reference: PolicySetReference): Promise<PolicySetSummary> {
    const set = await this.getSet(reference);
    return { set, activeScopes: scopesOf(set, await this.sets.findCurrentActivations()) };
  }

  async getSet(reference: PolicySetReference): Promise<PolicySetEntity> {
    const set = await this.sets.findSet(undefined, reference.name, reference.version);
    if (!set) throw policySetNotFound(formatPolicySetReference(reference));
    return set;
  }

  /**
   * Puts a published set in force for a scope. Activating the set already in force for that scope
   * changes nothing (`created: false`); otherwise the new activation supersedes the scope's previous one.
   */
  async activate(input: ActivateInput): Promise<{ activation: PolicyActivationEntity; set: PolicySetEntity; previous?: PolicySetEntity; created: boolean }> {
    const problem = scopeProblem(input.scope);
    if (problem) throw policyBadInput(`--scope: ${problem}`, 'policy.bad-scope');
    const actor = requireActor(input.actor);
    const reference = formatPolicySetReference(input.reference);
    return this.sets.transaction(async (manager) => {
      await this.sets.lock(manager);
      const set = await this.sets.findSet(manager, input.reference.name, input.reference.version);
      if (!set) throw policySetNotFound(reference);
      const current = (await this.sets.findCurrentActivations(manager)).find((activation) => activation.scope === input.scope);
      if (current?.policySetId === set.id) return { activation: current, set, created: false };
      const activation = await this.sets.insertActivation(manager, {
        scope: input.scope,
        policySetId: set.id,
        activatedAt: input.now ?? new Date(),
        activatedBy: actor,
        message: input.message?.trim() || null,
      });
      const scopeWords = input.scope === ALL_REPOSITORIES ? 'every repository' : `repositories matching ${input.scope}`;
      await this.audit.record(manager, {
        actor: { kind: 'user', id: actor },
        action: 'policy.activated',
        subject: { policy: reference, scope: input.scope },
        inputsDigest: set.digest,
        policyVersion: reference,
        rationale: input.message?.trim() || `Activated ${reference} for ${scopeWords}.`,
        payload: {
          scope: input.scope,
          digest: set.digest,
          ...(current ? { replaces: formatPolicySetReference(current.policySet) } : {}),
        },
        recordedAt: activation.activatedAt,
      });
      return { activation, set, ...(current ? { previous: current.policySet } : {}), created: true };
    });
  }

  /** The set in force for a repository (the most specific scope matching its name), or a not-found error. */
  async activeFor(repositoryName?: string): Promise<{ set: PolicySetEntity; scope: string }> {
    const chosen = selectActivation(await this.sets.findCurrentActivations(), repositoryName);
    if (!chosen) throw noActivePolicySet(repositoryName);
    return { set: chosen.policySet, scope: chosen.scope };
  }

  /** A published set, parsed for evaluation (it was valid when published; the language may have moved on since). */
  load(set: PolicySetEntity): LoadedPolicySet {
    const label = formatPolicySetReference(set);
    const result = loadPolicySource({
      policy: { path: `${label}:policy.yaml`, text: set.policyText },
      ...(set.waiversText === null ? {} : { waivers: { path: `${label}:waivers.yaml`, text: set.waiversText } }),
    });
    if (!result.ok) {
      throw policyBadInput(
        `published policy set ${label} no longer loads:\n${result.problems.map((problem) => `  ${formatProblem(problem)}`).join('\n')}`,
        'policy.stored-invalid',
      );
    }
    return result.value;
  }
}

function scopesOf(set: PolicySetEntity, activations: readonly CurrentActivation[]): string[] {
  return activations
    .filter((activation) => activation.policySetId === set.id)
    .map((activation) => activation.scope)
    .sort();
}

function requireActor(actor: string): string {
  const trimmed = actor.trim();
  if (trimmed === '') throw policyBadInput('who is acting is not known: pass --actor (or set `actor` in chainward.yaml)', 'policy.no-actor');
  return trimmed;
}

/** `sha256:<hex>` of the stored texts: what an auditor compares with the files they were given. */
function sourceDigest(set: Pick<PolicySetEntity, 'policyText' | 'waiversText'>): string {
  const hash = createHash('sha256').update(set.policyText);
  if (set.waiversText !== null) hash.update('\u0000').update(set.waiversText);
  return `sha256:${hash.digest('hex')}`;
}
