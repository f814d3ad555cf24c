/** Public entry of the configuration module: read once, typed, validated. */
export { loadConfig, type LoadConfigInput } from './load-config.js';
export { LOG_LEVELS, type ChainwardConfig, type LogLevel } from './config.schema.js';
