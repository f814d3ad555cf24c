import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ChainwardError } from '../common/errors.js';
import { WaiversService, type WaiverRequest, type WaiverView } from '../policy/nest.js';

const STRING_FIELDS = ['rule', 'purl', 'file', 'advisory', 'reason', 'approver', 'expires', 'actor'] as const;

/** Stored waivers over HTTP: list them, add one (revoking is `chainward waivers revoke`). */
@Controller('api/v1/waivers')
export class WaiversController {
  constructor(private readonly waivers: WaiversService) {}

  /** Waivers in force; `?expired=true` adds the expired and revoked ones. */
  @Get()
  async list(@Query('expired') expired?: string): Promise<{ items: WaiverView[] }> {
    return { items: await this.waivers.list({ includeInactive: expired === 'true' }) };
  }

  /**
   * Adds a waiver: `{ rule, purl | file, advisory?, repositories?, reason, approver, expires, actor? }`.
   * `actor` names who asks (recorded in the audit ledger); this API has no authentication of its own yet.
   */
  @Post()
  @HttpCode(201)
  async add(@Body() body: unknown): Promise<WaiverView> {
    const { request, actor } = readBody(body);
    return this.waivers.add(request, actor);
  }
}

function readBody(body: unknown): { request: WaiverRequest; actor: string } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw badBody('the body must be a JSON object');
  const fields = body as Record<string, unknown>;
  const unknown = Object.keys(fields).filter((key) => !(STRING_FIELDS as readonly string[]).includes(key) && key !== 'repositories');
  if (unknown.length > 0) throw badBody(`unknown field${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}`);
  for (const key of STRING_FIELDS) {
    if (fields[key] !== undefined && typeof fields[key] !== 'string') throw badBody(`${key} must be a string`);
  }
  const repositories = fields.repositories;
  if (repositories !== undefined && !(Array.isArray(repositories) && repositories.every((item) => typeof item === 'string'))) {
    throw badBody('repositories must be an array of repository-name patterns');
  }
  const text = (key: (typeof STRING_FIELDS)[number]): string | undefined => fields[key] as string | undefined;
  return {
    request: {
      rule: text('rule') ?? '',
      ...(text('purl') === undefined ? {} : { purl: text('purl') }),
      ...(text('file') === undefined ? {} : { file: text('file') }),
      ...(text('advisory') === undefined ? {} : { advisory: text('advisory') }),
      ...(repositories === undefined ? {} : { repositories: repositories as string[] }),
      reason: text('reason') ?? '',
      approver: text('approver') ?? '',
      expires: text('expires') ?? '',
    },
    actor: text('actor') ?? 'api',
  };
}

function badBody(message: string): ChainwardError {
  return new ChainwardError({ code: 'waiver.bad-request', category: 'bad-input', message });
}
