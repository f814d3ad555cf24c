import { readFileSync } from 'node:fs';

/** The tool's own name and version, read once from package.json (two levels up from src/common and dist/common). */
export const TOOL_NAME = 'chainward';
export const TOOL_VERSION: string = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;
