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

/**
 * Who a person's decision is recorded as: `--actor`, else `actor` from the configuration
 * (chainward.yaml or CHAINWARD_ACTOR), else the login name.
 */
export async function resolveActor(flag?: string): Promise<string> {
  if (flag !== undefined && flag.trim() !== '') return flag.trim();
  const configured = (await cliConfig()).actor;
  if (configured) return configured;
  const { userInfo } = await import('node:os');
  const login = process.env.USER ?? process.env.LOGNAME ?? safely(() => userInfo().username);
  return login ?? '';
}

function safely<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}
