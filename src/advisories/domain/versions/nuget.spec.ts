import { describe, expect, it } from '@jest/globals';
import { itOrdersAscending, itRejects, itTreatsAsEqual } from './__fixtures__/ordering-cases.js';
import { nugetOrdering } from './nuget.js';

describe('NuGet ordering', () => {
  itOrdersAscending(nugetOrdering, ['1.0.0-alpha', '1.0.0-alpha.1', '1.0.0-alpha.beta', '1.0.0-beta.2', '1.0.0-beta.11', '1.0.0-rc.1', '1.0.0']);
  // Four-part versions: the revision counts.
  itOrdersAscending(nugetOrdering, ['4.8.5', '4.8.5.1', '4.8.6', '4.8.6.1', '5.0.0.0-beta', '5.0.0']);
  // Pre-release labels compare case-insensitively (7.0.0-preview is GHSA-59j7-ghrg-fj52's bound).
  itOrdersAscending(nugetOrdering, ['6.34.0', '7.0.0-Alpha', '7.0.0-beta', '7.0.0-PREVIEW', '7.0.0-preview2', '7.0.0-rc', '7.0.0', '7.1.2']);
  itTreatsAsEqual(nugetOrdering, [
    ['1.0.0', '1.0.0.0'],
    ['1.0', '1.0.0'],
    ['1', '1.0.0'],
    ['01.02.03', '1.2.3'],
    ['1.0.0-RC.1', '1.0.0-rc.1'],
    ['1.0.0+build', '1.0.0'],
    ['1.0.0-beta.01', '1.0.0-beta.1'],
  ]);
  itRejects(nugetOrdering, ['', 'v1.0.0', '1.0.0.0.0', '1.0.0-', '1.0.0-beta..1', 'latest']);

  it('normalises the way NuGet does', () => {
    expect(nugetOrdering.normalise('01.02.03.0')).toBe('1.2.3');
    expect(nugetOrdering.normalise('6.21.0.4')).toBe('6.21.0.4');
    expect(nugetOrdering.normalise('7.0.0-preview+sha')).toBe('7.0.0-preview');
  });
});
