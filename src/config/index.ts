/** Public entry of the configuration module: read once, typed, validated. */
export { loadConfig } from './load-config.js';
export type { LoadConfigInput } from './config.defaults.js';
export { LOG_LEVELS, REGISTRY_NAMES, type LogLevel, type RegistryName } from './config.defaults.js';
export type { ChainwardConfig } from './config.schema.js';

/** Injection token of the validated configuration in the server (a symbol, so this entry stays framework-free). */
export const CHAINWARD_CONFIG = Symbol('CHAINWARD_CONFIG');
export { advisoriesSettings } from './settings.js';
