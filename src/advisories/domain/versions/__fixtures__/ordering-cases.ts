/** Helpers for the table-driven ordering specs: ascending chains, equal pairs, rejected inputs. */
import { expect, it } from '@jest/globals';
import type { VersionOrdering } from '../types.js';

/** Every earlier version in `chain` is below every later one, in both directions. */
export function itOrdersAscending(ordering: VersionOrdering, chain: readonly string[]): void {
  it(`orders ${chain.join(' < ')}`, () => {
    for (let i = 0; i < chain.length; i++) {
      for (let j = i + 1; j < chain.length; j++) {
        expect([chain[i], chain[j], ordering.compare(chain[i] as string, chain[j] as string)]).toEqual([chain[i], chain[j], -1]);
        expect([chain[j], chain[i], ordering.compare(chain[j] as string, chain[i] as string)]).toEqual([chain[j], chain[i], 1]);
      }
    }
  });
}

export function itTreatsAsEqual(ordering: VersionOrdering, pairs: readonly (readonly [string, string])[]): void {
  it.each(pairs.map(([a, b]) => [a, b]))('treats %s and %s as the same version', (a, b) => {
    expect(ordering.compare(a, b)).toBe(0);
    expect(ordering.compare(b, a)).toBe(0);
  });
}

export function itRejects(ordering: VersionOrdering, invalid: readonly string[]): void {
  it.each(invalid.map((version) => [version]))('rejects %j', (version) => {
    expect(ordering.isValid(version)).toBe(false);
    expect(() => ordering.compare(version, version)).toThrow(`is not a valid ${ordering.name} version`);
    expect(() => ordering.normalise(version)).toThrow(`is not a valid ${ordering.name} version`);
  });
}
