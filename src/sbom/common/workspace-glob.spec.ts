import { describe, expect, it } from '@jest/globals';
import { matchesWorkspacePattern, selectWorkspaceDirectories } from './workspace-glob.js';

describe('workspace patterns', () => {
  it.each([
    ['packages/*', 'packages/app', true],
    ['packages/*', 'packages/app/nested', false],
    ['packages/*', 'packages', false],
    ['packages/*', 'packages/.hidden', false],
    ['./packages/*/', 'packages/app', true],
    ['packages/**', 'packages/a/b/c', true],
    ['packages/**', 'packages', true],
    ['**/pkg-?', 'deep/er/pkg-1', true],
    ['**/pkg-?', 'deep/.cache/pkg-1', false],
    ['apps/{web,api}', 'apps/api', true],
    ['apps/{web,api}', 'apps/cli', false],
    ['tools/cli', 'tools/cli', true],
    ['tools/cli', 'tools/cli2', false],
    ['libs/a.b', 'libs/axb', false],
    ['packages/@scope/*', 'packages/@scope/ui', true],
  ])('%s against %s -> %s', (pattern, directory, expected) => {
    expect(matchesWorkspacePattern(pattern, directory)).toBe(expected);
  });

  it('selects directories by the included patterns minus the ! ones, in input order', () => {
    const directories = ['packages/a', 'packages/legacy', 'apps/web', 'docs', 'packages/a/test-fixture'];
    expect(selectWorkspaceDirectories(['packages/*', 'apps/*', '!packages/legacy'], directories)).toEqual(['packages/a', 'apps/web']);
    expect(selectWorkspaceDirectories(['!packages/*'], directories)).toEqual([]);
  });
});
