import type { INestApplication } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { createServer } from '../../src/app/create-server.js';
import { AuditCheckpointService, AuditLedgerService } from '../../src/audit/nest.js';
import { verifyCheckpoint, verifyConsistency, verifyInclusion } from '../../src/audit/index.js';
import { testBackends } from '../support/databases.js';
import { appendSamples } from '../audit/ledger-support.js';

describe.each(testBackends())('audit HTTP API on $name', (backend) => {
  let app: INestApplication;
  let base: string;
  let drop: () => Promise<void>;
  const get = async <T>(path: string): Promise<{ status: number; body: T }> => {
    const response = await fetch(`${base}${path}`);
    return { status: response.status, body: (await response.json()) as T };
  };

  beforeAll(async () => {
    const created = await backend.create();
    drop = created.drop;
    app = await createServer({ ...created.config, audit: { origin: 'chainward.test/api' } });
    await app.listen(0, '127.0.0.1');
    base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    await appendSamples(app.get(DataSource), app.get(AuditLedgerService), 0, 7);
    await app.get(AuditCheckpointService).checkpoint();
    await appendSamples(app.get(DataSource), app.get(AuditLedgerService), 7, 6);
    await app.get(AuditCheckpointService).checkpoint();
  });

  afterAll(async () => {
    await app?.close();
    await drop?.();
  });

  it('pages through entries newest first, filtered by action and subject', async () => {
    const first = await get<{ items: Array<{ seq: string }>; next: string | null }>('/api/v1/audit/entries?limit=5');
    expect(first.body.items.map((e) => e.seq)).toEqual(['13', '12', '11', '10', '9']);
    const second = await get<{ items: Array<{ seq: string }>; next: string | null }>(`/api/v1/audit/entries?limit=5&cursor=${first.body.next}`);
    expect(second.body.items.map((e) => e.seq)).toEqual(['8', '7', '6', '5', '4']);
    // Sample index i has action ACTIONS[i % 5] and repository acme/repo-(i % 11): index 1 and 12 are scan.finished on repo-1.
    const filtered = await get<{ items: Array<{ seq: string; action: string }> }>('/api/v1/audit/entries?action=scan.finished&subject.repository=acme/repo-1');
    expect(filtered.body.items.map((e) => e.seq)).toEqual(['2']);
  });

  it('serves checkpoints and proofs that verify against them', async () => {
    const { body } = await get<{ items: Array<{ treeSize: string; note: string }>; publicKey: string }>('/api/v1/audit/checkpoints');
    expect(body.items.map((c) => c.treeSize)).toEqual(['7', '13']);
    const [old, latest] = body.items.map((c) => verifyCheckpoint(c.note, body.publicKey));

    const inclusion = await get<{ leafHash: string; proof: string[]; rootHash: string }>('/api/v1/audit/proofs/inclusion?seq=5&treeSize=13');
    const proof = inclusion.body.proof.map((node) => Buffer.from(node, 'base64'));
    expect(verifyInclusion(Buffer.from(inclusion.body.leafHash, 'hex'), 4n, 13n, proof, latest!.rootHash)).toBe(true);

    const consistency = await get<{ proof: string[] }>('/api/v1/audit/proofs/consistency?from=7&to=13');
    const nodes = consistency.body.proof.map((node) => Buffer.from(node, 'base64'));
    expect(verifyConsistency(7n, 13n, old!.rootHash, latest!.rootHash, nodes)).toBe(true);
  });

  it('answers bad proof requests with problem+json', async () => {
    const response = await fetch(`${base}/api/v1/audit/proofs/inclusion?seq=14&treeSize=13`);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect((await get<{ code: string }>('/api/v1/audit/proofs/consistency?from=1&to=99')).body.code).toBe('audit.bad-request');
  });
});
