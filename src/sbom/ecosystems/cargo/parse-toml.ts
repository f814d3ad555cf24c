import { parse, TomlError } from 'smol-toml';
import { ChainwardError } from '../../../common/errors.js';
import type { TextFile } from '../types.js';

/** Cargo files are small; anything this large is not one. */
export const MAX_TOML_BYTES = 50 * 1024 * 1024;
/** Cargo writes no nesting deeper than a dependency table inside a target table. */
const MAX_DEPTH = 32;

export type TomlTable = Record<string, unknown>;

/**
 * Parses a TOML file with smol-toml (TOML 1.0), reporting a syntax error with the file,
 * line and column the library gives. Tables come back with a null prototype, so a key
 * named `__proto__` or `constructor` is plain data.
 */
export function parseTomlFile(file: TextFile, what: string): TomlTable {
  if (Buffer.byteLength(file.text, 'utf8') > MAX_TOML_BYTES) {
    throw new ChainwardError({
      code: 'SBOM_FILE_TOO_LARGE',
      category: 'bad-input',
      message: `${what} is over the ${MAX_TOML_BYTES / 1024 / 1024} MB limit`,
      location: { file: file.path },
    });
  }
  try {
    return parse(file.text, { maxDepth: MAX_DEPTH }) as TomlTable;
  } catch (error) {
    const where = error instanceof TomlError ? { line: error.line, column: error.column } : {};
    const message = (error instanceof Error ? error.message : String(error)).split('\n')[0].replace(/^Invalid TOML document: /, '');
    throw new ChainwardError({
      code: 'SBOM_MALFORMED_FILE',
      category: 'bad-input',
      message: `malformed ${what}: ${message}`,
      location: { file: file.path, ...where },
      cause: error,
    });
  }
}

/** A TOML table (not an array, not a date), or undefined. */
export function asTable(value: unknown): TomlTable | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date) ? (value as TomlTable) : undefined;
}
