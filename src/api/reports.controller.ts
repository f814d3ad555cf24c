import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { reportBadRequest } from '../reports/index.js';
import { ReportsService, type ReportTarget } from '../reports/nest.js';

/**
 * Signed PDF compliance reports over HTTP. Each download is a fresh report, signed and bound to a fresh ledger
 * checkpoint, and leaves two ledger entries: `report.generated` and `report.downloaded`, with the PDF's SHA-256.
 */
@Controller('api/v1/reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  /** `?repo=<name or location>` | `?scan=<id>` | `?org=true`, with optional `from` and `to` (dates or ISO instants). */
  @Get()
  async download(@Query() query: Record<string, string | string[] | undefined>, @Req() request: Request, @Res() response: Response): Promise<void> {
    const target = targetOf(query);
    // The API has no authentication yet: the client is recorded as anonymous, with its address and user agent.
    const actor = { kind: 'user' as const, id: 'anonymous' };
    const report = await this.reports.generate({ target, from: single(query, 'from'), to: single(query, 'to') }, actor, {
      actor,
      client: { address: request.ip ?? null, userAgent: request.get('user-agent') ?? null },
    });
    response
      .status(200)
      .setHeader('Content-Type', 'application/pdf')
      .setHeader('Content-Disposition', `attachment; filename="chainward-report-${report.id}.pdf"`)
      .setHeader('Digest', `sha-256=${Buffer.from(report.sha256, 'hex').toString('base64')}`)
      .setHeader('X-Chainward-Report-Id', report.id)
      .setHeader('X-Chainward-Ledger-Tree-Size', report.checkpoint.treeSize)
      .send(report.pdf);
  }

  /** The trust anchor of report signatures (PEM); compare its fingerprint with one published out of band. */
  @Get('root-certificate')
  async rootCertificate(@Res() response: Response): Promise<void> {
    const root = await this.reports.rootCertificate();
    response.status(200).setHeader('Content-Type', 'application/x-pem-file').setHeader('X-Certificate-SHA256', root.fingerprint).send(root.pem);
  }
}

function single(query: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const value = query[name];
  if (Array.isArray(value)) throw reportBadRequest(`give ${name} once`);
  return value === '' ? undefined : value;
}

function targetOf(query: Record<string, string | string[] | undefined>): ReportTarget {
  const repo = single(query, 'repo');
  const scan = single(query, 'scan');
  const org = single(query, 'org');
  const given = [repo, scan, org].filter((value) => value !== undefined).length;
  if (given !== 1) throw reportBadRequest('give exactly one of repo=<name>, scan=<id> or org=true');
  if (repo !== undefined) return { kind: 'repository', repository: repo };
  if (scan !== undefined) return { kind: 'scan', scan };
  if (org !== 'true') throw reportBadRequest('org must be true');
  return { kind: 'organisation' };
}
