import { parse, TomlError } from 'smol-toml';
import { ChainwardError, lineAndColumnAt } from '../../common/errors.js';
import type { TextFile } from '../ecosystems/types.js';
import { refuseOversized } from './file-limits.js';

/** Documents larger than this are refused before parsing (the scanner's own limit is the same). */
export const MAX_TOML_BYTES = 100 * 1024 * 1024;
/** Manifests and lockfiles (Cargo, Poetry, uv, Pipenv, pyproject) nest tables and arrays a few levels deep; anything far deeper is hostile. */
const MAX_INLINE_DEPTH = 64;

export type TomlTable = Record<string, unknown>;

/**
 * Parses a TOML file (smol-toml, TOML 1.0) and reports a syntax error as
 * `file:line:column`, the position smol-toml gives.
 */
export function parseTomlFile(file: TextFile, what: string): TomlTable {
  refuseOversized(file, what, MAX_TOML_BYTES);
  try {
    return parse(file.text, { maxDepth: MAX_INLINE_DEPTH }) as TomlTable;
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0].replace(/^Invalid TOML document: /, '') : String(error);
    const where = error instanceof TomlError ? { line: error.line, column: error.column } : undefined;
    throw new ChainwardError({
      code: 'SBOM_MALFORMED_FILE',
      category: 'bad-input',
      message: `malformed ${what}: ${message}`,
      location: { file: file.path, ...where },
      cause: error,
    });
  }
}

/** A TOML table (not an array, not a date). Tables come back with a null prototype, so `__proto__` is plain data. */
export function isTable(value: unknown): value is TomlTable {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/** A TOML table, or undefined. */
export function asTable(value: unknown): TomlTable | undefined {
  return isTable(value) ? value : undefined;
}

export function tableAt(value: unknown, ...keys: string[]): TomlTable | undefined {
  let current: unknown = value;
  for (const key of keys) {
    if (!isTable(current)) return undefined;
    current = current[key];
  }
  return isTable(current) ? current : undefined;
}

export function stringAt(table: TomlTable | undefined, key: string): string | undefined {
  const value = table?.[key];
  return typeof value === 'string' ? value : undefined;
}

export function arrayAt(table: TomlTable | undefined, key: string): unknown[] {
  const value = table?.[key];
  return Array.isArray(value) ? value : [];
}

export function stringsAt(table: TomlTable | undefined, key: string): string[] {
  return arrayAt(table, key).filter((item): item is string => typeof item === 'string');
}

/** Own entries of a table (TOML tables from smol-toml have no prototype keys, but be explicit). */
export function entriesOf(table: TomlTable | undefined): Array<[string, unknown]> {
  return table ? Object.entries(table) : [];
}

/**
 * Where a value was written, for messages about a value the TOML parser
 * accepted but we cannot use: the first occurrence of `needle` after the
 * header `section` (or anywhere). Approximate, but it points the reader at the line.
 */
export function locate(file: TextFile, needle: string, section?: string): { file: string; line?: number; column?: number } {
  const from = section ? Math.max(0, file.text.indexOf(section)) : 0;
  const offset = file.text.indexOf(needle, from);
  return offset < 0 ? { file: file.path } : { file: file.path, ...lineAndColumnAt(file.text, offset) };
}

/** A bad-input error about a value inside a parsed file. */
export function badValue(file: TextFile, message: string, needle?: string, section?: string): ChainwardError {
  return new ChainwardError({
    code: 'SBOM_MALFORMED_FILE',
    category: 'bad-input',
    message,
    location: needle === undefined ? { file: file.path } : locate(file, needle, section),
  });
}
