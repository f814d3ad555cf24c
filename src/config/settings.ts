import { DEFAULTS } from './config.defaults.js';
import type { ChainwardConfig } from './config.schema.js';

/** The OSV API base URL and the cache lifetime of its answers (seconds), defaults filled in. */
export function advisoriesSettings(config: Pick<ChainwardConfig, 'advisories'>): { osvApiUrl: string; osvApiCacheTtl: number } {
  return {
    osvApiUrl: config.advisories?.osvApiUrl ?? DEFAULTS.osvApiUrl,
    osvApiCacheTtl: config.advisories?.osvApiCacheTtl ?? DEFAULTS.osvApiCacheTtl,
  };
}
