import { describe, expect, it } from '@jest/globals';
import { withDefaultProtocol, YarnResolutions } from './yarn-resolutions.js';

describe('YarnResolutions', () => {
  const resolutions = new YarnResolutions({
    resolutions: {
      esbuild: '0.19.7',
      '**/minimist': '1.2.8',
      'webpack/@types/node': '20.0.0',
      '@scope/parent/**/debug': '4.3.4',
      'semver@^5.0.0': '5.7.2',
      ignored: 42,
    },
  } as never);

  it('overrides a name everywhere, under one parent, or for one original range', () => {
    expect(resolutions.override('tsup', 'esbuild', 'npm:^0.18.2')).toBe('0.19.7');
    expect(resolutions.override(undefined, 'minimist', '^1.2.0')).toBe('1.2.8');
    expect(resolutions.override('webpack', '@types/node', '*')).toBe('20.0.0');
    expect(resolutions.override('rollup', '@types/node', '*')).toBeUndefined();
    expect(resolutions.override('@scope/parent', 'debug', '^4')).toBe('4.3.4');
    expect(resolutions.override('x', 'semver', 'npm:^5.0.0')).toBe('5.7.2');
    expect(resolutions.override('x', 'semver', '^6.0.0')).toBeUndefined();
    expect(resolutions.override('x', 'ignored', '1')).toBeUndefined();
  });

  it('adds the npm: protocol to a bare range only', () => {
    expect(withDefaultProtocol('^1.0.0')).toBe('npm:^1.0.0');
    expect(withDefaultProtocol('npm:^1.0.0')).toBe('npm:^1.0.0');
    expect(withDefaultProtocol('workspace:^')).toBe('workspace:^');
  });
});
