/** GET /api/v1/reports: a freshly signed PDF per download, each download two ledger entries with the PDF's digest. */
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AdvisoriesService, FindingsService } from '../../src/advisories/nest.js';
import { createServer } from '../../src/app/create-server.js';
import { AuditLedgerService } from '../../src/audit/nest.js';
import { verifyReportBytes } from '../../src/reports/index.js';
import { buildSbom } from '../../src/sbom/index.js';
import { ScansService } from '../../src/scans/index.js';
import { FIXTURES, PROJECT_ROOT } from '../support/cli.js';
import { testBackends } from '../support/databases.js';

describe.each(testBackends())('reports API on $name', (backend) => {
  let app: INestApplication;
  let base: string;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const created = await backend.create();
    drop = created.drop;
    app = await createServer({ ...created.config, report: { organisation: 'Example Bank plc' } });
    await app.listen(0, '127.0.0.1');
    base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    await app.get(AdvisoriesService).importFrom(path.join(FIXTURES, 'advisories', 'osv'));
    const scan = await app.get(ScansService).recordScan(await buildSbom(path.join(PROJECT_ROOT, 'examples', 'npm-webapp')), new Date());
    await app.get(FindingsService).matchScan(scan.id);
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await drop?.();
  });

  it('returns a signed PDF and records its generation and download with its digest', async () => {
    const response = await fetch(`${base}/api/v1/reports?repo=npm-webapp`, { headers: { 'user-agent': 'audit-portal/2.0' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    const pdf = Buffer.from(await response.arrayBuffer());
    const sha256 = createHash('sha256').update(pdf).digest('hex');
    expect(response.headers.get('digest')).toBe(`sha-256=${Buffer.from(sha256, 'hex').toString('base64')}`);
    const id = response.headers.get('x-chainward-report-id')!;
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="chainward-report-${id}.pdf"`);

    const root = await fetch(`${base}/api/v1/reports/root-certificate`);
    expect(root.status).toBe(200);
    const pem = await root.text();
    const anchor = Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ''), 'base64');
    const verification = verifyReportBytes(pdf, 'download.pdf', [anchor]);
    expect(verification.signature.ok).toBe(true);
    expect(verification.signature.anchor!.fingerprint).toBe(root.headers.get('x-certificate-sha256'));
    expect(verification.manifest!.reportId).toBe(id);
    expect(verification.manifest!.organisation).toBe('Example Bank plc');

    const entries = await app.get(AuditLedgerService).listEntries({ subject: { report: id }, order: 'asc' });
    expect(entries.map((entry) => [entry.action, entry.outputsDigest, entry.actor.id])).toEqual([
      ['report.generated', `sha256:${sha256}`, 'anonymous'],
      ['report.downloaded', `sha256:${sha256}`, 'anonymous'],
    ]);
    expect(entries[1]!.payload).toEqual({ client: { address: '127.0.0.1', userAgent: 'audit-portal/2.0' } });
    expect(BigInt(response.headers.get('x-chainward-ledger-tree-size')!)).toBeLessThan(entries[0]!.seq);
  });

  it('answers problem+json for a missing scope (400) and an unknown repository (404)', async () => {
    const missing = await fetch(`${base}/api/v1/reports?from=2026-01-01`);
    expect(missing.status).toBe(400);
    expect(missing.headers.get('content-type')).toContain('application/problem+json');
    expect(((await missing.json()) as { detail: string }).detail).toBe('give exactly one of repo=<name>, scan=<id> or org=true');
    const unknown = await fetch(`${base}/api/v1/reports?repo=nothing-here`);
    expect(unknown.status).toBe(404);
    const bad = await fetch(`${base}/api/v1/reports?org=true&to=yesterday`);
    expect(bad.status).toBe(400);
  });
});
