import { loadConfig, type ChainwardConfig } from '../config/index.js';

let cached: Promise<ChainwardConfig> | undefined;

/** Configuration, read and validated once per process. */
export function cliConfig(): Promise<ChainwardConfig> {
  cached ??= loadConfig({ env: process.env, cwd: process.cwd() });
  return cached;
}

/**
 * Opens the database with every entity and runs `work`, closing it whatever
 * happens. Imported lazily: commands that need no database never load TypeORM.
 */
export async function withDatabase<T>(work: (services: import('../app/services.js').AppServices) => Promise<T>): Promise<T> {
  const { openAppServices } = await import('../app/services.js');
  const services = await openAppServices(await cliConfig());
  try {
    return await work(services);
  } finally {
    await services.close();
  }
}
