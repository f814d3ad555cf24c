/** Public entry of the configuration module: read once, typed, validated. */
export { loadConfig } from './load-config.js';
export type { LoadConfigInput } from './config.defaults.js';
export { LOG_LEVELS, type LogLevel } from './config.defaults.js';
export type { ChainwardConfig } from './config.schema.js';
export { advisoriesSettings } from './settings.js';
