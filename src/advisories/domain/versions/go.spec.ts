import { describe, expect, it } from '@jest/globals';
import { goOrdering } from './go.js';
import { itOrdersAscending, itRejects, itTreatsAsEqual } from './__fixtures__/ordering-cases.js';

describe('Go ordering', () => {
  // Pseudo-versions sort by their base: v0.0.0-<time>-<hash> below any release, vX.Y.(Z+1)-0.<time> between Z and Z+1.
  itOrdersAscending(goOrdering, [
    'v0.0.0-20210101000000-abcdef123456',
    'v0.0.0-20230905000000-0123456789ab',
    'v0.1.0',
    'v0.14.0',
    'v0.14.1-0.20230910120000-aaaaaaaaaaaa',
    'v0.14.1',
    'v0.17.0',
    'v1.2.3-pre',
    'v1.2.3-pre.0.20220101000000-bbbbbbbbbbbb',
    'v1.2.3',
  ]);
  // OSV writes Go versions without the "v"; lockfiles with it.
  itOrdersAscending(goOrdering, ['v1.53.0', '1.56.3', 'v1.57.0', '1.57.1', 'v1.58.2', '1.58.3']);
  // Toolchain versions of stdlib, as the Go vulnerability database converts them.
  itOrdersAscending(goOrdering, ['go1.20.9', '1.20.10', 'go1.21rc2', 'go1.21.0', '1.21.2', 'go1.21.3']);
  itTreatsAsEqual(goOrdering, [
    ['v2.0.0+incompatible', 'v2.0.0'],
    ['v0.14.0', '0.14.0'],
    ['v1', 'v1.0.0'],
    ['v1.2', '1.2.0'],
    ['go1.21', '1.21.0'],
  ]);
  itRejects(goOrdering, ['latest', 'v1.2.3.4', 'v01.2.3', ' v1.2.3', 'master']);

  it('normalises with the v prefix and keeps +incompatible', () => {
    expect(goOrdering.normalise('2.1.0+incompatible')).toBe('v2.1.0+incompatible');
    expect(goOrdering.normalise('go1.21rc2')).toBe('v1.21.0-rc.2');
    expect(goOrdering.normalise('v1.2')).toBe('v1.2.0');
  });
});
