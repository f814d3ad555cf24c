import { z } from 'zod';

import { LOG_LEVELS, type LogLevel } from './config.defaults.js';
export { LOG_LEVELS, type LogLevel };

const postgresUrl = z
  .string()
  .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL');

const httpUrl = z
  .string()
  .regex(/^https?:\/\/[^\s]+$/, 'must be an http:// or https:// URL');

/** The optional chainward.yaml: every key is optional, unknown keys are rejected. */
export const configFileSchema = z
  .object({
    home: z.string().min(1).optional(),
    databaseUrl: postgresUrl.optional(),
    logLevel: z.enum(LOG_LEVELS).optional(),
    server: z
      .object({
        host: z.string().min(1).optional(),
        port: z.number().int().min(0).max(65535).optional(),
      })
      .strict()
      .optional(),
    scan: z
      .object({
        maxFileSize: z.number().int().positive().optional(),
      })
      .strict()
      .optional(),
    actor: z.string().trim().min(1).optional(),
    advisories: z
      .object({
        osvApiUrl: httpUrl.optional(),
        osvApiCacheTtl: z.number().int().min(0).optional(),
      })
      .strict()
      .optional(),
    audit: z
      .object({
        signingKeyFile: z.string().min(1).optional(),
        checkpointFile: z.string().min(1).optional(),
        origin: z.string().regex(/^[^\s+]+$/, 'must be one word with no spaces and no "+"').optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

export type ConfigFile = z.infer<typeof configFileSchema>;

/** Environment variables read, with their parsing. Values come as strings. */
export const environmentSchema = z.object({
  CHAINWARD_HOME: z.string().min(1).optional(),
  DATABASE_URL: postgresUrl.optional(),
  LOG_LEVEL: z.enum(LOG_LEVELS).optional(),
  CHAINWARD_HOST: z.string().min(1).optional(),
  CHAINWARD_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  CHAINWARD_MAX_FILE_SIZE: z.coerce.number().int().positive().optional(),
  CHAINWARD_AUDIT_KEY: z.string().min(1).optional(),
  CHAINWARD_AUDIT_CHECKPOINTS: z.string().min(1).optional(),
  CHAINWARD_ACTOR: z.string().trim().min(1).optional(),
  CHAINWARD_OSV_API_URL: httpUrl.optional(),
  CHAINWARD_OSV_API_CACHE_TTL: z.coerce.number().int().min(0).optional(),
  CHAINWARD_AUDIT_ORIGIN: z.string().regex(/^[^\s+]+$/, 'must be one word with no spaces and no "+"').optional(),
});

/** The validated configuration every module receives. */
export interface ChainwardConfig {
  /** Absolute path of Chainward's own state (embedded database, keys, caches). */
  home: string;
  /** PostgreSQL server; undefined selects the embedded database under `home`. */
  databaseUrl?: string;
  logLevel: LogLevel;
  server: { host: string; port: number };
  scan: { maxFileSize: number };
  /**
   * Audit ledger signing: key file (default $CHAINWARD_HOME/keys/ledger.key), the file every checkpoint is appended
   * to (default $CHAINWARD_HOME/checkpoints) and the log origin (default chainward.local/<host name>). Present only
   * when one of them is configured; absolute paths.
   */
  audit?: { signingKeyFile?: string; checkpointFile?: string; origin?: string };
  /** Who a person's decisions (publishing a policy set, adding a waiver) are recorded as, when no --actor is given. */
  actor?: string;
  /** The OSV API `advisories sync` queries, and how long (seconds) its answers are reused; see `advisoriesSettings`. */
  advisories?: { osvApiUrl?: string; osvApiCacheTtl?: number };
  /** Where each value came from, for `chainward config` and error messages. */
  configFile?: string;
}
