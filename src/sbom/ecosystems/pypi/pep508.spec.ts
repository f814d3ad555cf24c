import { describe, expect, it } from '@jest/globals';
import { exactPin, parseRequirement } from './pep508.js';

describe('PEP 508 requirements', () => {
  it.each([
    ['requests [security] >= 2.8.1, == 2.8.* ; python_version < "2.7"', { name: 'requests', extras: ['security'], specifier: '>= 2.8.1, == 2.8.*', marker: 'python_version < "2.7"' }],
    ['build (>=1.2.1,<2.0.0)', { name: 'build', extras: [], specifier: '>=1.2.1,<2.0.0' }],
    ["tomli (>=2.0.1,<3.0.0) ; python_version < '3.11'", { name: 'tomli', extras: [], specifier: '>=2.0.1,<3.0.0', marker: "python_version < '3.11'" }],
    ['pbs-installer[download,install] (>=2025.6.10)', { name: 'pbs-installer', extras: ['download', 'install'], specifier: '>=2025.6.10' }],
    ['urllib3 @ https://github.com/urllib3/urllib3/archive/refs/tags/1.26.8.zip ; sys_platform == "linux"', { name: 'urllib3', extras: [], specifier: '', url: 'https://github.com/urllib3/urllib3/archive/refs/tags/1.26.8.zip', marker: 'sys_platform == "linux"' }],
    ['zope.interface', { name: 'zope.interface', extras: [], specifier: '' }],
  ])('%s', (text, expected) => {
    expect(parseRequirement(text)).toEqual({ ok: true, requirement: expected });
  });

  it.each([
    ['-bad', 'expected a package name', 0],
    ['pkg[a b]', 'invalid extra name "a b"', 4],
    ['pkg (>=1', 'unclosed "(" in the version specifier', 4],
    ['pkg >=1 ;', 'expected an environment marker after ";"', 9],
    ['pkg ^1.2', 'invalid version specifier "^1.2"', 4],
    ['pkg @ ', 'expected a URL after "@"', 6],
  ])('rejects %s', (text, message, offset) => {
    expect(parseRequirement(text)).toEqual({ ok: false, message, offset });
  });

  it('knows an exact pin from a range', () => {
    expect(exactPin('==1.0.0')).toBe('1.0.0');
    expect(exactPin(' === 2020.1-custom ')).toBe('2020.1-custom');
    expect(exactPin('==1.0.*')).toBeUndefined();
    expect(exactPin('>=1.0')).toBeUndefined();
    expect(exactPin('==1.0,!=1.0.1')).toBeUndefined();
  });
});
