import path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer } from '../../src/app/create-server.js';
import { buildSbom } from '../../src/sbom/index.js';
import { ScansService } from '../../src/scans/index.js';
import { cycloneDxJsonErrors } from '../support/cyclonedx-schema.js';
import { PROJECT_ROOT } from '../support/cli.js';
import { testBackends } from '../support/databases.js';

describe.each(testBackends())('HTTP API on $name', (backend) => {
  let app: INestApplication;
  let base: string;
  let drop: () => Promise<void>;
  let scanId: string;
  let digest: string;

  beforeAll(async () => {
    const created = await backend.create();
    drop = created.drop;
    app = await createServer(created.config);
    await app.listen(0, '127.0.0.1');
    base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    const document = await buildSbom(path.join(PROJECT_ROOT, 'examples', 'npm-webapp'));
    const scan = await app.get(ScansService).recordScan(document, new Date());
    scanId = scan.id;
    digest = document.digest;
  });

  afterAll(async () => {
    await app?.close();
    await drop?.();
  });

  it('answers health and readiness', async () => {
    expect(await (await fetch(`${base}/healthz`)).json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ok', database: backend.name });
  });

  it('lists and shows scans', async () => {
    const list = (await (await fetch(`${base}/api/v1/scans`)).json()) as { items: Array<{ id: string; components: number; sbom: { href: string } }> };
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({ id: scanId, sbom: { href: `/api/v1/scans/${scanId}/sbom`, digest } });
    const one = (await (await fetch(`${base}/api/v1/scans/${scanId}`)).json()) as { id: string; summary: { components: number }; edges: number };
    expect(one.id).toBe(scanId);
    expect(one.summary.components).toBe(list.items[0].components);
    expect(one.edges).toBeGreaterThan(one.summary.components);
  });

  it('serves the stored SBOM byte for byte', async () => {
    const response = await fetch(`${base}/api/v1/scans/${scanId}/sbom`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/vnd.cyclonedx+json; version=1.6');
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="${scanId}.cdx.json"`);
    const body = await response.text();
    const { createHash } = await import('node:crypto');
    expect(createHash('sha256').update(body).digest('hex')).toBe(digest);
    expect(cycloneDxJsonErrors(body)).toEqual([]);
  });

  it('answers errors as application/problem+json', async () => {
    const missing = await fetch(`${base}/api/v1/scans/00000000-0000-4000-8000-000000000000`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toContain('application/problem+json');
    expect(await missing.json()).toMatchObject({ status: 404, title: 'Not Found', code: 'SCAN_NOT_FOUND' });
    const malformed = await fetch(`${base}/api/v1/scans/not-a-uuid`);
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ status: 400, code: 'SCAN_ID_INVALID', instance: '/api/v1/scans/not-a-uuid' });
    const route = await fetch(`${base}/api/v1/nothing-here`);
    expect(route.status).toBe(404);
    expect(route.headers.get('content-type')).toContain('application/problem+json');
  });
});
