import { canonicalize } from 'json-canonicalize';
import { ChainwardError } from '../../common/errors.js';
import { isWellFormedUnicode } from './encoding.js';

/** A value of the JSON data model (RFC 8259), the only input RFC 8785 canonicalises. */
export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

/** Deeper documents are refused: nothing the ledger records nests this far, and it bounds recursion on hostile input. */
export const MAX_JSON_DEPTH = 64;

/**
 * The RFC 8785 (JCS) canonical form of a JSON value. Serialisation is done by `json-canonicalize`; this wrapper only
 * refuses what is not plain JSON data (undefined in arrays, NaN, BigInt, dates, class instances, lone surrogates),
 * because the library would otherwise emit something no other JCS implementation reproduces. Object properties whose
 * value is `undefined` are left out, as `JSON.stringify` does, so a value and its JSON round trip canonicalise alike.
 */
export function canonicalJson(value: unknown): string {
  assertJsonData(value, '$', 0);
  return canonicalize(value);
}

/**
 * {@link canonicalJson} without the plain-data check, for values that are JSON by construction (from JSON.parse, a
 * jsonb column, or an entry that passed validation): the verifier calls it once per entry of the whole ledger.
 */
export function canonicalJsonOfJsonData(value: JsonValue): string {
  return canonicalize(value);
}

/** UTF-8 bytes of {@link canonicalJson}: what gets hashed. */
export function canonicalJsonBytes(value: unknown): Buffer {
  return Buffer.from(canonicalJson(value), 'utf8');
}

function assertJsonData(value: unknown, path: string, depth: number): void {
  if (value === null || typeof value === 'boolean') return;
  if (typeof value === 'string') {
    // I-JSON (RFC 7493), which RFC 8785 requires, forbids unpaired surrogates.
    if (!isWellFormedUnicode(value)) fail(path, 'a string with an unpaired UTF-16 surrogate');
    return;
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) fail(path, `the number ${value}`);
    return;
  }
  if (typeof value !== 'object') fail(path, `a ${typeof value}`);
  if (depth >= MAX_JSON_DEPTH) fail(path, `nesting deeper than ${MAX_JSON_DEPTH} levels`);
  if (Array.isArray(value)) {
    value.forEach((item: unknown, index) => {
      if (item === undefined) fail(`${path}[${index}]`, 'undefined');
      assertJsonData(item, `${path}[${index}]`, depth + 1);
    });
    return;
  }
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) fail(path, 'an object that is not a plain JSON object');
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    if (!isWellFormedUnicode(key)) fail(path, 'a property name with an unpaired UTF-16 surrogate');
    if (item !== undefined) assertJsonData(item, `${path}.${key}`, depth + 1);
  }
}

function fail(path: string, what: string): never {
  throw new ChainwardError({
    code: 'audit.not-json',
    category: 'bad-input',
    message: `Cannot canonicalise ${what} at ${path}: only plain JSON data can be hashed (RFC 8785).`,
    details: { path },
  });
}
