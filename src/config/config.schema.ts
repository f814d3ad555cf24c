import { z } from 'zod';

import { LOG_LEVELS, REGISTRY_NAMES, type LogLevel, type RegistryName } from './config.defaults.js';
export { LOG_LEVELS, type LogLevel, type RegistryName };

const httpUrl = z.string().regex(/^https?:\/\/[^\s]+$/, 'must be an http:// or https:// URL');
const registryUrls = z.object(Object.fromEntries(REGISTRY_NAMES.map((name) => [name, httpUrl.optional()])) as Record<RegistryName, z.ZodOptional<typeof httpUrl>>).strict();

const postgresUrl = z
  .string()
  .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL');

/** A bearer token clients present to write through the API; long enough not to be guessed. */
const apiToken = z.string().min(16, 'must be at least 16 characters').regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces');

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
        apiToken: apiToken.optional(),
      })
      .strict()
      .optional(),
    scan: z
      .object({
        maxFileSize: z.number().int().positive().optional(),
      })
      .strict()
      .optional(),
    registry: z
      .object({
        /** Seconds a cached registry response stays fresh. */
        cacheTtl: z.number().int().min(0).optional(),
        urls: registryUrls.optional(),
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
    report: z
      .object({
        organisation: z.string().trim().min(1).max(200).optional(),
        signing: z
          .object({
            p12: z.string().min(1).optional(),
          })
          .strict()
          .optional(),
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
  CHAINWARD_API_TOKEN: apiToken.optional(),
  CHAINWARD_MAX_FILE_SIZE: z.coerce.number().int().positive().optional(),
  CHAINWARD_AUDIT_KEY: z.string().min(1).optional(),
  CHAINWARD_AUDIT_CHECKPOINTS: z.string().min(1).optional(),
  CHAINWARD_ACTOR: z.string().trim().min(1).optional(),
  CHAINWARD_OSV_API_URL: httpUrl.optional(),
  CHAINWARD_OSV_API_CACHE_TTL: z.coerce.number().int().min(0).optional(),
  CHAINWARD_AUDIT_ORIGIN: z.string().regex(/^[^\s+]+$/, 'must be one word with no spaces and no "+"').optional(),
  CHAINWARD_REGISTRY_CACHE_TTL: z.coerce.number().int().min(0).optional(),
  ...Object.fromEntries(REGISTRY_NAMES.map((name) => [`CHAINWARD_REGISTRY_${name.toUpperCase()}`, httpUrl.optional()])),
  CHAINWARD_REPORT_ORGANISATION: z.string().trim().min(1).max(200).optional(),
  CHAINWARD_REPORT_P12: z.string().min(1).optional(),
  CHAINWARD_REPORT_P12_PASSPHRASE: z.string().optional(),
});

/** The validated configuration every module receives. */
export interface ChainwardConfig {
  /** Absolute path of Chainward's own state (embedded database, keys, caches). */
  home: string;
  /** PostgreSQL server; undefined selects the embedded database under `home`. */
  databaseUrl?: string;
  logLevel: LogLevel;
  /** `apiToken`: the bearer token API writes (`POST /api/v1/gate-results`) need; unset, the API refuses writes. */
  server: { host: string; port: number; apiToken?: string };
  scan: { maxFileSize: number };
  /** Registries for `--licenses registry`: base URLs that replace the public ones, and the cache lifetime in seconds. */
  registry: { urls: Partial<Record<RegistryName, string>>; cacheTtlSeconds: number };
  /**
   * Audit ledger signing: key file (default $CHAINWARD_HOME/keys/ledger.key), the file every checkpoint is appended
   * to (default $CHAINWARD_HOME/checkpoints) and the log origin (default chainward.local/<host name>). Present only
   * when one of them is configured; absolute paths.
   */
  audit?: { signingKeyFile?: string; checkpointFile?: string; origin?: string };
  /**
   * Signed PDF reports: the organisation named on them, and the PKCS#12 file (absolute path) holding the signing
   * certificate and key with its passphrase (from CHAINWARD_REPORT_P12_PASSPHRASE only, never from the file). Present
   * only when one of them is configured; without a P12 a private CA under $CHAINWARD_HOME/keys signs.
   */
  report?: { organisation?: string; p12File?: string; p12Passphrase?: string };
  /** Who a person's decisions (publishing a policy set, adding a waiver) are recorded as, when no --actor is given. */
  actor?: string;
  /** The OSV API `advisories sync` queries, and how long (seconds) its answers are reused; see `advisoriesSettings`. */
  advisories?: { osvApiUrl?: string; osvApiCacheTtl?: number };
  /** Where each value came from, for `chainward config` and error messages. */
  configFile?: string;
}
