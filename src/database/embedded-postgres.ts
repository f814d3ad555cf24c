import { mkdir, open, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { ChainwardError } from '../common/errors.js';

export interface EmbeddedPostgres {
  /** postgres:// URL of the private loopback socket server in front of PGlite. */
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts PGlite (PostgreSQL compiled to WebAssembly) persisted under
 * `dataDir`, behind a socket server on a private loopback port, so the same
 * `pg` driver, SQL and migrations serve the embedded and the server mode.
 * PGlite is one session: the server takes one connection, and a lock file
 * keeps a second process from opening the same data directory.
 */
export async function startEmbeddedPostgres(dataDir: string): Promise<EmbeddedPostgres> {
  await mkdir(dataDir, { recursive: true });
  const releaseLock = await lockDataDirectory(path.join(dataDir, '..', 'db.lock'));
  try {
    const [{ PGlite }, { PGLiteSocketServer }] = await Promise.all([
      import('@electric-sql/pglite'),
      import('@electric-sql/pglite-socket'),
    ]);
    const db = await PGlite.create({ dataDir });
    const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 1 });
    await server.start();
    const url = `postgres://postgres@${server.getServerConn()}/postgres?sslmode=disable`;
    return {
      url,
      async stop() {
        await server.stop();
        await db.close();
        await releaseLock();
      },
    };
  } catch (error) {
    await releaseLock();
    throw error;
  }
}

/** An exclusive lock file holding our pid; a lock left by a dead process is taken over. */
async function lockDataDirectory(lockFile: string): Promise<() => Promise<void>> {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(lockFile, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      return () => rm(lockFile, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number((await readFile(lockFile, 'utf8').catch(() => '')).trim());
      if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && isAlive(holder)) {
        throw new ChainwardError({
          code: 'DATABASE_BUSY',
          category: 'unavailable',
          message: `the embedded database is in use by process ${holder} (a running \`chainward serve\`?); stop it, or set DATABASE_URL to use PostgreSQL`,
        });
      }
      await rm(lockFile, { force: true });
    }
  }
  throw new ChainwardError({ code: 'DATABASE_BUSY', category: 'unavailable', message: `could not lock ${lockFile}` });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
