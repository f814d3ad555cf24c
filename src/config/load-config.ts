import { existsSync } from 'node:fs';
import path from 'node:path';
import { CONFIG_VARIABLES, DEFAULTS, configFilePath, type LoadConfigInput } from './config.defaults.js';
import type { ChainwardConfig } from './config.schema.js';

/**
 * Reads configuration once. With no configuration file and none of our
 * variables set, the defaults stand and the validators (zod, yaml) are not
 * even loaded: CI's `chainward sbom` starts faster for it.
 */
export async function loadConfig(input: LoadConfigInput): Promise<ChainwardConfig> {
  const nothingToRead = CONFIG_VARIABLES.every((name) => input.env[name] === undefined) && !existsSync(configFilePath(input));
  if (nothingToRead) {
    return {
      home: path.resolve(input.cwd, DEFAULTS.home),
      logLevel: DEFAULTS.logLevel,
      server: { host: DEFAULTS.host, port: DEFAULTS.port },
      scan: { maxFileSize: DEFAULTS.maxFileSize },
      registry: { urls: {}, cacheTtlSeconds: DEFAULTS.registryCacheTtlSeconds },
    };
  }
  const { parseConfig } = await import('./parse-config.js');
  return parseConfig(input);
}
