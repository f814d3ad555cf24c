// A writer that dies mid-transaction: it stores a repository row and a ledger entry in one transaction, then
// kills itself with SIGKILL before committing. Run as `node killed-writer.mjs` with CHAINWARD_HOME / DATABASE_URL set.
import { openAppServices } from '../../dist/app/services.js';
import { loadConfig } from '../../dist/config/index.js';

const services = await openAppServices(await loadConfig({ env: process.env, cwd: process.cwd() }));
await services.database.dataSource.transaction(async (manager) => {
  await manager.query("INSERT INTO repositories (name, location) VALUES ('killed', '/nowhere/killed')");
  await services.audit.record(manager, { actor: { kind: 'system', id: 'killed-writer' }, action: 'test.killed', subject: { repository: 'killed' } });
  process.stdout.write('written, not committed\n');
  process.kill(process.pid, 'SIGKILL');
});
