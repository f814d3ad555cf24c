/** GET /api/v1/scans/:id/findings: the findings `chainward findings --json` prints, over HTTP. */
import path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AdvisoriesService, FindingsService } from '../../src/advisories/nest.js';
import { createServer } from '../../src/app/create-server.js';
import { buildSbom } from '../../src/sbom/index.js';
import { ScansService } from '../../src/scans/index.js';
import { FIXTURES, PROJECT_ROOT } from '../support/cli.js';
import { testBackends } from '../support/databases.js';

describe.each(testBackends())('findings API on $name', (backend) => {
  let app: INestApplication;
  let base: string;
  let drop: () => Promise<void>;
  let scanId: string;

  beforeAll(async () => {
    const created = await backend.create();
    drop = created.drop;
    app = await createServer(created.config);
    await app.listen(0, '127.0.0.1');
    base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    await app.get(AdvisoriesService).importFrom(path.join(FIXTURES, 'advisories', 'osv'));
    const scan = await app.get(ScansService).recordScan(await buildSbom(path.join(PROJECT_ROOT, 'examples', 'npm-webapp')), new Date());
    scanId = scan.id;
    await app.get(FindingsService).matchScan(scanId);
  });

  afterAll(async () => {
    await app?.close();
    await drop?.();
  });

  it('lists the findings of a scan with scores and fixes', async () => {
    const response = await fetch(`${base}/api/v1/scans/${scanId}/findings`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { scan: string; repository: string; items: Array<{ advisory: string; score: number; fixAbove: string }> };
    expect(body.scan).toBe(scanId);
    expect(body.repository).toBe('npm-webapp');
    expect(body.items.map((item) => [item.advisory, item.score, item.fixAbove])).toEqual([
      ['GHSA-rv95-896h-c2vc', 6.1, '4.19.2'],
      ['GHSA-35jh-r3h4-6jhm', 7.2, '4.17.21'],
      ['GHSA-xvch-5gv4-984h', 9.8, '1.2.6'],
      ['GHSA-9wv6-86v2-598j', 7.5, '0.1.10'],
    ]);
  });

  it('answers 404 problem+json for an unknown scan', async () => {
    const response = await fetch(`${base}/api/v1/scans/00000000-0000-4000-8000-000000000000/findings`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
  });
});
