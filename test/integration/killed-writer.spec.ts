import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { openAppServices, type AppServices } from '../../src/app/services.js';
import { PROJECT_ROOT } from '../support/cli.js';
import { testBackends } from '../support/databases.js';

describe.each(testBackends())('a writer killed before its commit, on $name', (backend) => {
  let env: Record<string, string | undefined>;
  let drop: () => Promise<void>;
  let open: () => Promise<AppServices>;

  beforeAll(async () => {
    const created = await backend.create();
    drop = created.drop;
    env = { CHAINWARD_HOME: created.config.home, DATABASE_URL: created.config.databaseUrl };
    open = () => openAppServices(created.config);
    // One honest entry first, so the chain has a head the killed writer would have extended.
    const services = await open();
    await services.database.dataSource.transaction((manager) =>
      services.audit.record(manager, { actor: { kind: 'system', id: 'test' }, action: 'test.before', subject: {} }),
    );
    await services.close();
  });

  afterAll(async () => {
    await drop?.();
  });

  it('leaves neither the business row nor the ledger entry, and the chain stays valid', async () => {
    const child = spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'test', 'support', 'killed-writer.mjs')], {
      env: { ...process.env, ...env },
      encoding: 'utf8',
    });
    expect(child.signal).toBe('SIGKILL');
    expect(child.stdout).toBe('written, not committed\n');

    const services = await open();
    try {
      const rows = (await services.database.dataSource.query("SELECT count(*)::int AS n FROM repositories WHERE name = 'killed'")) as Array<{ n: number }>;
      expect(rows[0].n).toBe(0);
      const entries = await services.audit.listEntries({});
      expect(entries.map((e) => e.action)).toEqual(['test.before']);
      const report = await services.audit.verify();
      expect(report.ok).toBe(true);
      await services.database.dataSource.transaction((manager) =>
        services.audit.record(manager, { actor: { kind: 'system', id: 'test' }, action: 'test.after', subject: {} }),
      );
      expect((await services.audit.listEntries({})).map((e) => String(e.seq)).sort()).toEqual(['1', '2']);
    } finally {
      await services.close();
    }
  });
});
