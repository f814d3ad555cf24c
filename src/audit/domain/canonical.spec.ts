import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { canonicalJson, canonicalJsonBytes } from './canonical.js';
import { errorOf } from '../../../test/support/errors.js';

const vectors = fileURLToPath(new URL('../../../test/fixtures/vectors/jcs-rfc8785/', import.meta.url));
const names = readdirSync(`${vectors}input`).filter((name) => name.endsWith('.json')).sort();

describe('canonicalJson against the RFC 8785 test data', () => {
  it('finds all six vectors', () => {
    expect(names).toEqual(['arrays.json', 'french.json', 'structures.json', 'unicode.json', 'values.json', 'weird.json']);
  });

  it.each(names)('%s: output bytes and outhex match exactly', (name) => {
    const input: unknown = JSON.parse(readFileSync(`${vectors}input/${name}`, 'utf8'));
    const expected = readFileSync(`${vectors}output/${name}`);
    const expectedHex = readFileSync(`${vectors}outhex/${name.replace(/\.json$/, '.txt')}`, 'utf8').trim().split(/\s+/).join('');
    const actual = canonicalJsonBytes(input);
    expect(actual.toString('utf8')).toBe(expected.toString('utf8'));
    expect(actual.toString('hex')).toBe(expectedHex);
  });
});

describe('canonicalJson on values that are not plain JSON', () => {
  const refused: Array<[string, unknown, string]> = [
    ['NaN', { n: Number.NaN }, '$.n'],
    ['Infinity', [Number.POSITIVE_INFINITY], '$[0]'],
    ['a BigInt', { seq: 1n }, '$.seq'],
    ['a Date', { at: new Date(0) }, '$.at'],
    ['undefined inside an array', [1, undefined], '$[1]'],
    ['a function', { f: () => 1 }, '$.f'],
    ['a lone high surrogate', { s: 'a\uD800b' }, '$.s'],
    ['a lone low surrogate in a key', { '\uDC00': 1 }, '$'],
    ['a class instance', { m: new Map() }, '$.m'],
  ];

  it.each(refused)('refuses %s with a bad-input error naming the path', (_label, value, path) => {
    const error = errorOf(() => canonicalJson(value));
    expect(error.code).toBe('audit.not-json');
    expect(error.category).toBe('bad-input');
    expect(error.details).toEqual({ path });
  });

  it('refuses nesting deeper than 64 levels but accepts 64', () => {
    const nest = (levels: number): unknown => (levels === 0 ? 1 : [nest(levels - 1)]);
    expect(canonicalJson(nest(64))).toBe(`${'['.repeat(64)}1${']'.repeat(64)}`);
    expect(() => canonicalJson(nest(65))).toThrow(/deeper than 64/);
  });

  it('leaves out undefined properties, as a JSON round trip would', () => {
    expect(canonicalJson({ b: 1, a: undefined, c: { z: null } })).toBe('{"b":1,"c":{"z":null}}');
  });

  it('keeps a surrogate pair and sorts keys by UTF-16 code units', () => {
    expect(canonicalJson({ '\u{1F602}': 1, '\uFB33': 2, a: 3 })).toBe('{"a":3,"\u{1F602}":1,"\uFB33":2}');
  });
});

