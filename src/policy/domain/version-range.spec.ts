import { describe, expect, it } from '@jest/globals';
import { compareVersions, parseVersionRange, versionInRange } from './version-range.js';

describe('parseVersionRange', () => {
  it('reads comparators joined by commas and alternatives joined by ||', () => {
    expect(parseVersionRange('>=1.0.0, <1.4.2 || =2.0.0')).toEqual([
      [
        { operator: '>=', version: '1.0.0' },
        { operator: '<', version: '1.4.2' },
      ],
      [{ operator: '=', version: '2.0.0' }],
    ]);
    expect(parseVersionRange('3.3.6')).toEqual([[{ operator: '=', version: '3.3.6' }]]);
    expect(parseVersionRange('>= 1.0')).toEqual([[{ operator: '>=', version: '1.0' }]]);
  });

  it('explains what it cannot read', () => {
    expect(parseVersionRange('^1.2.0')).toBe('"^1.2.0" is not a version constraint such as ">=1.2.0" or "=3.3.6"');
    expect(parseVersionRange('>=1.0 <2.0')).toBe('">=1.0 <2.0" is not a version constraint such as ">=1.2.0" or "=3.3.6"');
  });
});

describe('compareVersions', () => {
  it.each([
    ['npm', '1.2.3-beta.1', '1.2.3', -1],
    ['npm', '1.10.0', '1.9.0', 1],
    ['golang', 'v0.17.0', 'v0.7.0', 1],
    ['pypi', '2.0rc1', '2.0', -1],
    ['pypi', '1.0.post1', '1.0', 1],
    ['gem', '2.2.8.1', '2.2.8', 1],
    ['gem', '1.0.0.pre', '1.0.0', -1],
    ['maven', '2.17.1', '2.9.0', 1],
    ['maven', '31.1-jre', '32.0.0-jre', -1],
    ['nuget', '4.7.2.1', '4.7.2', 1],
    ['maven', '1.0', '1.0.0', 0],
    // The advisories' orderings: Maven qualifiers, Composer's `v` prefix, SemVer pre-releases for Cargo.
    ['maven', '1.0-alpha-1', '1.0', -1],
    ['maven', '2.0.0.Final', '2.0.0', 0],
    ['composer', 'v2.0.0', '1.9.9', 1],
    ['cargo', '1.0.0-rc.1', '1.0.0', -1],
    ['hex', '1.2.3', '1.10.0', -1],
    ['npm', 'not-a-version', '1.0.0', undefined],
    ['pypi', 'x.y', '1.0', undefined],
  ])('%s: %s vs %s', (type, a, b, expected) => {
    const result = compareVersions(type, a, b);
    expect(result === undefined ? undefined : Math.sign(result)).toBe(expected);
  });

  it('answers undefined, not false, when a version cannot be placed in a range', () => {
    const range = parseVersionRange('<2.0.0');
    if (typeof range === 'string') throw new Error(range);
    expect(versionInRange('npm', '1.9.9', range)).toBe(true);
    expect(versionInRange('npm', '2.0.0', range)).toBe(false);
    expect(versionInRange('npm', 'github:acme/x', range)).toBeUndefined();
  });
});
