import { describe, expect, it } from '@jest/globals';
import { itOrdersAscending, itRejects, itTreatsAsEqual } from './__fixtures__/ordering-cases.js';
import { normaliseComposerVersion, packagistOrdering } from './packagist.js';

describe('Packagist ordering (Composer)', () => {
  // Stabilities: dev < alpha < beta < RC < stable < patch.
  itOrdersAscending(packagistOrdering, [
    '1.0.0-dev', '1.0.0-alpha', '1.0.0-alpha1', '1.0.0-alpha2', '1.0.0-beta1', '1.0.0-beta2-dev', '1.0.0-beta2', '1.0.0-RC1',
    '1.0.0', '1.0.0-patch1', '1.0.0.1', '1.0.1',
  ]);
  // Real bounds: symfony/http-kernel's lines (GHSA-h7vf-5wrv-9fhv) with lockfile-style "v" prefixes.
  itOrdersAscending(packagistOrdering, ['v4.4.49', '4.4.50', 'v5.0.0', 'v5.4.15', '5.4.20', '6.1.12', 'v6.2.0-BETA1', '6.2.0-RC1', '6.2.0', '6.2.6']);
  itOrdersAscending(packagistOrdering, ['2.0.1', 'v2.0.2', '2.4.3', '2.4.5', '2.10.0']);
  itTreatsAsEqual(packagistOrdering, [
    ['v2.0.1', '2.0.1'],
    ['2.0', '2.0.0.0'],
    ['1.0.0-RC1', '1.0.0rc1'],
    ['1.0.0-b2', '1.0.0-beta2'],
    ['1.0.0-a1', '1.0.0-ALPHA.1'],
    ['1.0.0-pl1', '1.0.0-patch1'],
    ['1.0.0-stable', '1.0.0'],
    ['1.0.0+20130313144700', '1.0.0'],
    ['1.0.0@beta', '1.0.0'],
  ]);
  itRejects(packagistOrdering, ['dev-main', 'dev-master', 'master', 'latest', '', '1.0.0-foo']);

  it('normalises like VersionParser::normalize', () => {
    expect(normaliseComposerVersion('v5.4.15')).toBe('5.4.15.0');
    expect(normaliseComposerVersion('1.0RC1')).toBe('1.0.0.0-RC1');
    expect(normaliseComposerVersion('1.0.0-beta.2')).toBe('1.0.0.0-beta2');
    expect(normaliseComposerVersion('1.0.0-p1')).toBe('1.0.0.0-patch1');
    expect(normaliseComposerVersion('1.0.0-rc1-dev')).toBe('1.0.0.0-RC1-dev');
    expect(normaliseComposerVersion('2010.01.02')).toBe('2010.01.02.0');
    expect(normaliseComposerVersion('20100102-203040')).toBe('20100102.203040');
    expect(normaliseComposerVersion('1.0.x-dev')).toBe('1.0.9999999.9999999-dev');
    expect(normaliseComposerVersion('1.0.0 as 2.0.0')).toBe('1.0.0.0');
  });
});
