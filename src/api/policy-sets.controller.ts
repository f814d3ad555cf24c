import { Controller, Get, Param, Query } from '@nestjs/common';
import { policyJsonSchema, toPolicySetView, type PolicySetView } from '../policy/index.js';
import { PolicySetsService } from '../policy/nest.js';
import { ChainwardError } from '../common/errors.js';

/** What the CI gate fetches: the set in force for a repository, as published. */
export interface ActivePolicySetView {
  name: string;
  version: string;
  digest: string;
  /** policy.yaml as published, byte for byte. */
  policy: string;
  /** waivers.yaml as published, or null when the set has none. */
  waivers: string | null;
}

/** Published policy sets over HTTP, read-only (publishing and activating are `chainward policy publish|activate`). */
@Controller('api/v1/policy-sets')
export class PolicySetsController {
  constructor(private readonly policySets: PolicySetsService) {}

  @Get()
  async list(): Promise<{ items: PolicySetView[] }> {
    const summaries = await this.policySets.list();
    return { items: summaries.map((summary) => toPolicySetView(summary.set, summary.activeScopes)) };
  }

  /** The JSON Schema of the policy language (policies/schema/policy-set.schema.json). */
  @Get('schema')
  schema(): Record<string, unknown> {
    return policyJsonSchema('policy-set.schema.json');
  }

  /**
   * The set in force for `repository`: of the scopes matching its name, the most specific; without
   * `repository`, the set active for every repository. 404 when none applies.
   */
  @Get('active')
  async active(@Query('repository') repository?: string): Promise<ActivePolicySetView> {
    if (repository !== undefined && repository.trim() === '') {
      throw new ChainwardError({ code: 'policy.bad-repository', category: 'bad-input', message: 'repository: give a repository name, or leave the parameter out' });
    }
    const { set } = await this.policySets.activeFor(repository);
    return { name: set.name, version: set.version, digest: set.digest, policy: set.policyText, waivers: set.waiversText };
  }

  @Get(':name/:version')
  async show(@Param('name') name: string, @Param('version') version: string): Promise<PolicySetView & { policy: string; waivers: string | null }> {
    const summary = await this.policySets.show({ name, version });
    return { ...toPolicySetView(summary.set, summary.activeScopes), policy: summary.set.policyText, waivers: summary.set.waiversText };
  }
}
