import { describe, expect, it } from '@jest/globals';
import { itOrdersAscending, itRejects, itTreatsAsEqual } from './__fixtures__/ordering-cases.js';
import { mavenOrdering } from './maven.js';

describe('Maven ordering (ComparableVersion)', () => {
  // Qualifiers: alpha < beta < milestone < rc = cr < snapshot < release < sp.
  itOrdersAscending(mavenOrdering, ['1.0-alpha-1', '1.0-alpha-2', '1.0-beta', '1.0-milestone-1', '1.0-rc1', '1.0-SNAPSHOT', '1.0', '1.0-sp1']);
  // Short forms followed by a number: a1 = alpha-1, b2 = beta-2, m3 = milestone-3.
  itOrdersAscending(mavenOrdering, ['1a1', '1b2', '1m3', '1']);
  // Unknown qualifiers sort after the known ones, alphabetically; a sub-list (1-1) sits between 1-sp and 1.1.
  itOrdersAscending(mavenOrdering, ['1', '1-sp', '1-abc', '1-xyz', '1-1', '1.1']);
  // 1.0.RC2 < 1.0-RC3 < 1.0.1: a qualifier after "." is read as one after "-".
  itOrdersAscending(mavenOrdering, ['1.0.RC2', '1.0-RC3', '1.0.1']);
  // Numbers compare as numbers, however long.
  itOrdersAscending(mavenOrdering, ['1.9', '1.10', '1.10.1', '2.0', '10.0', '2147483648', '9223372036854775808', '99999999999999999999']);
  // Real bounds: guava (GHSA-7g45-4rm6-3mm3) and protobuf-java's 4.x pre-releases (GHSA-735f-pc8j-v9w8).
  itOrdersAscending(mavenOrdering, ['18.0', '31.0.1-jre', '31.1-jre', '32.0.0', '32.0.0-android', '32.0.0-jre', '32.0.1-android', '32.0.1-jre']);
  itOrdersAscending(mavenOrdering, ['3.24.4', '3.25.5', '4.0.0.rc.1', '4.0.0-RC1', '4.0.0', '4.27.5', '4.28.0.rc.1', '4.28.0', '4.28.2']);
  itTreatsAsEqual(mavenOrdering, [
    ['1', '1.0'],
    ['1.0', '1.0.0'],
    ['1.10', '1.10.0'],
    ['1.0-ga', '1'],
    ['1.0-final', '1.0'],
    ['1.0-release', '1.0.0'],
    ['1.0-cr1', '1.0-rc1'],
    ['1.0-RC1', '1.0-rc-1'],
    ['1.0-alpha1', '1.0-a1'],
    ['1.0-SNAPSHOT', '1.0-snapshot'],
    ['1-0', '1'],
    ['007', '7'],
  ]);
  itRejects(mavenOrdering, ['', '1.0 beta', ' ']);

  it('normalises to the canonical form', () => {
    expect(mavenOrdering.normalise('1.0.0')).toBe('1');
    expect(mavenOrdering.normalise('1.0-SNAPSHOT')).toBe('1-snapshot');
    expect(mavenOrdering.normalise('1.0-alpha-1')).toBe('1-alpha1');
    expect(mavenOrdering.normalise('31.1-jre')).toBe('31.1-jre');
  });
});
