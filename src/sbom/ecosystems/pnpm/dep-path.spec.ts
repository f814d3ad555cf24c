import { describe, expect, it } from '@jest/globals';
import { candidateKeys, parseDepPath, withoutPeerSuffix } from './dep-path.js';

describe('pnpm dependency paths', () => {
  it.each([
    ['@vitejs/plugin-vue@6.0.8(vite@8.2.0)(vue@packages+vue)', 9, { name: '@vitejs/plugin-vue', version: '6.0.8' }],
    ['fdir@6.5.0(picomatch@4.0.4)', 9, { name: 'fdir', version: '6.5.0' }],
    ['/@babel/helper-module-transforms@7.23.3(@babel/core@7.23.5)', 6, { name: '@babel/helper-module-transforms', version: '7.23.3' }],
    ['/left-pad@1.3.0(patch_hash=abc)', 6, { name: 'left-pad', version: '1.3.0' }],
    ['/@babel/plugin-x/7.12.1_@babel+core@7.12.3', 5, { name: '@babel/plugin-x', version: '7.12.1' }],
    ['/string_decoder/1.3.0', 5, { name: 'string_decoder', version: '1.3.0' }],
  ] as const)('reads %s (lockfile %i)', (key, generation, expected) => {
    expect(parseDepPath(key, generation)).toEqual(expected);
  });

  it('gives no name and version for keys that are not name@version', () => {
    expect(parseDepPath('github.com/user/repo/0123abc', 6)).toBeUndefined();
    expect(parseDepPath('github.com/user/repo/0123abc', 5)).toBeUndefined();
    expect(parseDepPath('@scope-only@1.0.0', 9)).toBeUndefined();
  });

  it('strips peer suffixes per generation', () => {
    expect(withoutPeerSuffix('a@1.0.0(b@2.0.0)(c@3.0.0)', 9)).toBe('a@1.0.0');
    expect(withoutPeerSuffix('/a/1.0.0_b@2.0.0', 5)).toBe('/a/1.0.0');
    expect(withoutPeerSuffix('/a_b/1.0.0', 5)).toBe('/a_b/1.0.0');
  });

  it('lists the keys a reference may point at, aliases included', () => {
    expect(candidateKeys('react', '18.2.0', 9)).toEqual(['react@18.2.0', '18.2.0']);
    expect(candidateKeys('alias', 'real@1.0.0', 9)).toContain('real@1.0.0');
    expect(candidateKeys('alias', '/real@1.0.0', 6)).toEqual(['/alias@/real@1.0.0', '/real@1.0.0']);
    expect(candidateKeys('a', '1.0.0_b@2.0.0', 5)).toEqual(['/a/1.0.0_b@2.0.0', '1.0.0_b@2.0.0']);
  });
});
