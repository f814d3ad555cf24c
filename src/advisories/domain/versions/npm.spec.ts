import { describe, expect, it } from '@jest/globals';
import { itOrdersAscending, itRejects, itTreatsAsEqual } from './__fixtures__/ordering-cases.js';
import { cratesIoOrdering } from './crates-io.js';
import { npmOrdering } from './npm.js';
import { semverRangeOrdering } from './semver-ordering.js';

describe('npm ordering (SemVer 2.0, strict)', () => {
  // Pre-releases below their release; identifiers numeric-then-alphanumeric; numbers not compared as text.
  itOrdersAscending(npmOrdering, [
    '0.0.8', '0.2.4', '1.0.0-alpha', '1.0.0-alpha.1', '1.0.0-alpha.beta', '1.0.0-beta', '1.0.0-beta.2', '1.0.0-beta.11',
    '1.0.0-rc.1', '1.0.0', '1.2.5', '1.2.6', '1.10.0', '4.17.20', '4.17.21',
  ]);
  // The prerelease bounds of GHSA-67hx-6x53-jw92 and GHSA-rv95-896h-c2vc.
  itOrdersAscending(npmOrdering, ['7.23.2', '8.0.0-alpha.0', '8.0.0-alpha.3', '8.0.0-alpha.4', '8.0.0']);
  itOrdersAscending(npmOrdering, ['4.19.2', '5.0.0-alpha.1', '5.0.0-beta.1', '5.0.0-beta.3', '5.0.0']);
  itTreatsAsEqual(npmOrdering, [['1.0.0+build.1', '1.0.0+build.2'], ['1.0.0', '1.0.0+sha.5114f85']]);
  itRejects(npmOrdering, ['1.0', '01.2.3', '1.2.3.4', 'latest', '', '1.2.x']);

  it('normalises to the plain version', () => {
    expect(npmOrdering.normalise('1.2.3+build')).toBe('1.2.3');
    expect(npmOrdering.normalise('1.2.3-RC.1')).toBe('1.2.3-RC.1');
  });
});

describe('crates.io ordering', () => {
  itOrdersAscending(cratesIoOrdering, ['0.7.2', '0.8.7', '0.8.21', '1.3.9', '1.5.5-alpha.1', '1.5.5', '1.11.1']);
  itRejects(cratesIoOrdering, ['1.3', 'v']);
});

describe('SEMVER range ordering', () => {
  itOrdersAscending(semverRangeOrdering, ['1.20.9', '1.20.10', '1.21.0-0', '1.21.0-rc.1', '1.21.0', '1.21.3']);
});
