import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ENTITIES } from '../../src/app/entities.js';
import { openDatabase } from '../../src/database/index.js';
import type { ChainwardConfig } from '../../src/config/index.js';
import { PROJECT_ROOT, runCli } from '../support/cli.js';
import { testBackends } from '../support/databases.js';
import { tamper } from '../audit/ledger-support.js';

const EXAMPLE = path.join(PROJECT_ROOT, 'examples', 'npm-webapp');

describe.each(testBackends())('chainward audit on $name', (backend) => {
  let config: ChainwardConfig;
  let env: Record<string, string | undefined>;
  let drop: () => Promise<void>;
  let scratch: string;

  beforeAll(async () => {
    const created = await backend.create();
    config = created.config;
    drop = created.drop;
    env = { CHAINWARD_HOME: config.home, DATABASE_URL: config.databaseUrl };
    scratch = await mkdtemp(path.join(tmpdir(), 'chainward-audit-e2e-'));
  });

  afterAll(async () => {
    await drop?.();
    await rm(scratch, { recursive: true, force: true });
  });

  it('records each scan, verifies, exports a bundle that verifies with no database, then names a tampered entry', async () => {
    for (let i = 0; i < 2; i++) expect((await runCli(['scan', EXAMPLE, '--json'], { env })).code).toBe(0);

    const log = await runCli(['audit', 'log', '--action', 'scan.finished', '--json'], { env });
    expect(log.code).toBe(0);
    const entries = JSON.parse(log.stdout) as Array<{ seq: string; action: string; outputsDigest: string; actor: { id: string } }>;
    // Each scan appends scan.started then scan.finished.
    expect(entries.map((e) => e.seq)).toEqual(['4', '2']);
    expect(entries[0]).toMatchObject({ action: 'scan.finished', actor: { id: 'chainward' } });
    expect(entries[0]!.outputsDigest).toMatch(/^sha256:[0-9a-f]{64}$/);

    const verified = await runCli(['audit', 'verify'], { env });
    expect([verified.code, verified.stdout]).toEqual([0, expect.stringContaining('Audit ledger intact: 4 entries verified')]);

    const checkpoint = await runCli(['audit', 'checkpoint'], { env });
    expect(checkpoint.code).toBe(0);
    expect(checkpoint.stdout).toMatch(/^chainward\.local\/\S+\n4\n\S{44}\n\n\u2014 /);

    const publicKey = await runCli(['audit', 'public-key'], { env });
    const keyFile = path.join(scratch, 'ledger.pub');
    await writeFile(keyFile, publicKey.stdout);
    const bundle = path.join(scratch, 'bundle.json');
    expect((await runCli(['audit', 'export', '--from', '1', '-o', bundle], { env })).code).toBe(0);

    // No database at all: an unreachable server and an empty home.
    const offline = { CHAINWARD_HOME: path.join(scratch, 'empty-home'), DATABASE_URL: 'postgres://nobody@127.0.0.1:9/none' };
    const fromBundle = await runCli(['audit', 'verify', '--bundle', bundle, '--public-key', keyFile, '--json'], { env: offline });
    expect(fromBundle.code).toBe(0);
    expect(JSON.parse(fromBundle.stdout)).toMatchObject({ ok: true, treeSize: '4', checkpointsMatched: 1 });

    const database = await openDatabase(config, { entities: ENTITIES });
    try {
      await tamper(database.dataSource, 'audit_entries', "UPDATE audit_entries SET rationale = 'Nothing was scanned.' WHERE seq = 2");
    } finally {
      await database.close();
    }
    const caught = await runCli(['audit', 'verify'], { env });
    expect(caught.code).toBe(1);
    expect(caught.stdout).toContain('TAMPERING DETECTED at seq 2: changed-content');

    const missing = await runCli(['audit', 'verify', '--bundle', path.join(scratch, 'nope.json')], { env: offline });
    expect(missing.code).toBe(2);
  });
});
