import path from 'node:path';

export const LOG_LEVELS = ['error', 'warn', 'info', 'debug'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface LoadConfigInput {
  env: Record<string, string | undefined>;
  cwd: string;
}

export const DEFAULTS = {
  home: '.chainward',
  logLevel: 'info' as LogLevel,
  host: '127.0.0.1',
  port: 8080,
  maxFileSize: 100 * 1024 * 1024,
  /** How long a cached registry response (`--licenses registry`) is used before it is fetched again. */
  registryCacheTtlSeconds: 24 * 60 * 60,
  osvApiUrl: 'https://api.osv.dev',
  /** A day: OSV's answers change when advisories do, which is daily at most for a given package. */
  osvApiCacheTtl: 24 * 60 * 60,
};

/** Registries `--licenses registry` can ask, each overridable (a mirror, or a closed network's proxy). */
export const REGISTRY_NAMES = ['npm', 'pypi', 'cargo', 'rubygems', 'composer', 'nuget', 'maven'] as const;
export type RegistryName = (typeof REGISTRY_NAMES)[number];
export const registryVariable = (name: RegistryName): string => `CHAINWARD_REGISTRY_${name.toUpperCase()}`;

/** Environment variables Chainward reads; when none is set and there is no file, the defaults stand. */
export const CONFIG_VARIABLES = ['CHAINWARD_HOME', 'DATABASE_URL', 'LOG_LEVEL', 'CHAINWARD_HOST', 'CHAINWARD_PORT', 'CHAINWARD_API_TOKEN', 'CHAINWARD_MAX_FILE_SIZE', 'CHAINWARD_CONFIG', 'CHAINWARD_AUDIT_KEY', 'CHAINWARD_AUDIT_CHECKPOINTS', 'CHAINWARD_AUDIT_ORIGIN', 'CHAINWARD_REGISTRY_CACHE_TTL', ...REGISTRY_NAMES.map(registryVariable),
  'CHAINWARD_REPORT_ORGANISATION', 'CHAINWARD_REPORT_P12', 'CHAINWARD_REPORT_P12_PASSPHRASE',
  'CHAINWARD_ACTOR', 'CHAINWARD_OSV_API_URL', 'CHAINWARD_OSV_API_CACHE_TTL'];

export function configFilePath({ env, cwd }: LoadConfigInput): string {
  return env.CHAINWARD_CONFIG ? path.resolve(cwd, env.CHAINWARD_CONFIG) : path.join(cwd, 'chainward.yaml');
}
