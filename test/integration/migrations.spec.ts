import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ENTITIES } from '../../src/app/entities.js';
import { MIGRATIONS, openDatabase, type Database } from '../../src/database/index.js';
import { testBackends } from '../support/databases.js';

describe.each(testBackends())('migrations on $name', (backend) => {
  let database: Database;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const created = await backend.create();
    drop = created.drop;
    database = await openDatabase(created.config, { entities: ENTITIES });
  });

  afterAll(async () => {
    await database?.close();
    await drop?.();
  });

  it('applies every migration, in order', async () => {
    const rows = (await database.dataSource.query('SELECT name FROM schema_migrations ORDER BY id')) as Array<{ name: string }>;
    expect(rows.map((r) => r.name)).toEqual(MIGRATIONS.map((m) => new m().name));
  });

  it('leaves nothing for the entities to change: entities and migrations agree', async () => {
    const pending = await database.dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('reverts and re-applies cleanly', async () => {
    for (let i = 0; i < MIGRATIONS.length; i++) await database.dataSource.undoLastMigration();
    const tables = (await database.dataSource.query(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'schema_migrations'",
    )) as unknown[];
    expect(tables).toEqual([]);
    await database.dataSource.runMigrations();
    const pending = await database.dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries).toEqual([]);
  });
});
