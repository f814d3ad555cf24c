import path from 'node:path';
import { DataSource, type DataSourceOptions, type MixedList, type EntitySchema } from 'typeorm';
import { ChainwardError } from '../common/errors.js';
import type { ChainwardConfig } from '../config/index.js';
import { startEmbeddedPostgres } from './embedded-postgres.js';
import { MIGRATIONS } from './migrations/index.js';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own type for entity classes
type EntityList = MixedList<Function | string | EntitySchema>;

export interface OpenDatabaseOptions {
  entities: EntityList;
  /** Apply pending migrations on open (the default: start-up and `db migrate` both do). */
  migrate?: boolean;
}

export interface Database {
  dataSource: DataSource;
  /** 'postgres' when DATABASE_URL is set, 'embedded' for PGlite. */
  mode: 'postgres' | 'embedded';
  /** Human-readable location, without credentials. */
  location: string;
  close(): Promise<void>;
}

/**
 * Opens the database the configuration selects: PostgreSQL at DATABASE_URL,
 * or the embedded PGlite under $CHAINWARD_HOME/db. Both go through `pg`.
 */
export async function openDatabase(config: ChainwardConfig, options: OpenDatabaseOptions): Promise<Database> {
  const embedded = config.databaseUrl ? undefined : await startEmbeddedPostgres(path.join(config.home, 'db'));
  const url = config.databaseUrl ?? (embedded as { url: string }).url;
  const dataSource = new DataSource(dataSourceOptions(url, options.entities, embedded !== undefined));
  try {
    await dataSource.initialize();
  } catch (error) {
    await embedded?.stop();
    throw new ChainwardError({
      code: 'DATABASE_UNREACHABLE',
      category: 'unavailable',
      message: `cannot connect to the database at ${redact(url)}: ${(error as Error).message}`,
      cause: error,
    });
  }
  try {
    if (options.migrate !== false) await dataSource.runMigrations({ transaction: 'each' });
  } catch (error) {
    await dataSource.destroy();
    await embedded?.stop();
    throw error;
  }
  return {
    dataSource,
    mode: embedded ? 'embedded' : 'postgres',
    location: embedded ? path.join(config.home, 'db') : redact(url),
    async close() {
      if (dataSource.isInitialized) await dataSource.destroy();
      await embedded?.stop();
    },
  };
}

export function dataSourceOptions(url: string, entities: EntityList, singleConnection: boolean): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    synchronize: false,
    // gen_random_uuid() is built into PostgreSQL 13+ and PGlite: no extension to install.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    logging: false,
    // PGlite is a single session: one connection, so transactions never interleave.
    extra: singleConnection ? { max: 1 } : { max: 10 },
  };
}

/** A database URL without its password, for messages. */
export function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable URL)';
  }
}
