import { Command } from 'commander';
import { withDatabase } from '../context.js';
import { print } from '../io.js';

/** `chainward db migrate`: applies pending migrations (start-up does it too). */
export function dbCommand(): Command {
  const db = new Command('db').description('Database administration');
  db.command('migrate')
    .description('Apply pending migrations to the configured database (DATABASE_URL, or the embedded one)')
    .action(async () => {
      const summary = await withDatabase(async ({ database }) => {
        const applied = (await database.dataSource.query('SELECT name FROM schema_migrations ORDER BY id')) as Array<{ name: string }>;
        return { location: database.location, mode: database.mode, applied: applied.map((row) => row.name) };
      });
      print(`Database (${summary.mode}): ${summary.location}`);
      print(`Migrations applied: ${summary.applied.length}`);
      for (const name of summary.applied) print(`  ${name}`);
    });
  return db;
}
