import { describe, expect, it } from '@jest/globals';
import { ChainwardError } from '../../common/errors.js';
import { canonicalEcosystem, splitEcosystem } from './ecosystems.js';
import { normalisePackageName, packageKey, purlToOsvPackage } from './names.js';

describe('normalisePackageName', () => {
  it.each([
    ['PyPI', 'Jinja2', 'jinja2'],
    ['PyPI', 'zope.interface', 'zope-interface'],
    ['PyPI', 'Foo__Bar-._baz', 'foo-bar-baz'],
    ['crates.io', 'crossbeam_utils', 'crossbeam-utils'],
    ['crates.io', 'Inflector', 'inflector'],
    ['NuGet', 'Microsoft.IdentityModel.JsonWebTokens', 'microsoft.identitymodel.jsonwebtokens'],
    ['Packagist', 'Symfony/Http-Kernel', 'symfony/http-kernel'],
    ['npm', '@babel/traverse', '@babel/traverse'],
    ['npm', 'JSONStream', 'JSONStream'],
    ['Go', 'github.com/BurntSushi/toml', 'github.com/BurntSushi/toml'],
    ['Maven', 'org.apache.commons:commons-text', 'org.apache.commons:commons-text'],
    ['RubyGems', 'Ruby_Parser', 'Ruby_Parser'],
    ['Debian:12', 'Libssl3', 'Libssl3'],
  ])('%s %s -> %s', (ecosystem, name, expected) => {
    expect(normalisePackageName(ecosystem, name)).toBe(expected);
  });

  it('keys a package by canonical ecosystem and normalised name', () => {
    expect(packageKey('pypi', 'Jinja2')).toBe('PyPI\u0000jinja2');
    expect(packageKey('PyPI', 'jinja2')).toBe(packageKey('pypi', 'JINJA2'));
    expect(packageKey('Debian:12', 'openssl')).not.toBe(packageKey('Debian:11', 'openssl'));
  });
});

describe('ecosystem names', () => {
  it('splits the suffix and spells known bases as OSV does', () => {
    expect(splitEcosystem('Ubuntu:22.04:LTS')).toEqual({ base: 'Ubuntu', suffix: '22.04:LTS' });
    expect(splitEcosystem('pypi')).toEqual({ base: 'PyPI' });
    expect(canonicalEcosystem('go')).toBe('Go');
    expect(canonicalEcosystem('purl-type:swift')).toBe('purl-type:swift');
  });
});

describe('purlToOsvPackage', () => {
  it.each([
    ['pkg:npm/%40babel/traverse@7.11.0', { ecosystem: 'npm', name: '@babel/traverse', version: '7.11.0' }],
    ['pkg:npm/lodash@4.17.15', { ecosystem: 'npm', name: 'lodash', version: '4.17.15' }],
    ['pkg:pypi/Jinja2@3.1.2', { ecosystem: 'PyPI', name: 'jinja2', version: '3.1.2' }],
    ['pkg:golang/golang.org/x/net@v0.14.0', { ecosystem: 'Go', name: 'golang.org/x/net', version: 'v0.14.0' }],
    ['pkg:golang/github.com/cli/cli/v2@v2.35.0', { ecosystem: 'Go', name: 'github.com/cli/cli/v2', version: 'v2.35.0' }],
    ['pkg:cargo/regex@1.3.9', { ecosystem: 'crates.io', name: 'regex', version: '1.3.9' }],
    ['pkg:maven/org.apache.commons/commons-text@1.9', { ecosystem: 'Maven', name: 'org.apache.commons:commons-text', version: '1.9' }],
    ['pkg:maven/com.google.guava/guava@31.1-jre?type=jar', { ecosystem: 'Maven', name: 'com.google.guava:guava', version: '31.1-jre' }],
    ['pkg:gem/rack@2.2.7', { ecosystem: 'RubyGems', name: 'rack', version: '2.2.7' }],
    ['pkg:composer/guzzlehttp/psr7@2.4.3', { ecosystem: 'Packagist', name: 'guzzlehttp/psr7', version: '2.4.3' }],
    ['pkg:nuget/Microsoft.Data.SqlClient@5.0.1', { ecosystem: 'NuGet', name: 'Microsoft.Data.SqlClient', version: '5.0.1' }],
    ['pkg:npm/left-pad', { ecosystem: 'npm', name: 'left-pad' }],
  ])('%s', (purl, expected) => {
    expect(purlToOsvPackage(purl)).toEqual(expected);
  });

  it('has no OSV package for a purl type without an ordered ecosystem', () => {
    expect(purlToOsvPackage('pkg:github/cli/cli@v2.0.0')).toBeUndefined();
    expect(purlToOsvPackage('pkg:generic/openssl@3.0.0')).toBeUndefined();
  });

  it('refuses text that is not a purl, as bad input', () => {
    expect(() => purlToOsvPackage('npm/lodash@1.0.0')).toThrow(ChainwardError);
    try {
      purlToOsvPackage('lodash');
    } catch (error) {
      expect((error as ChainwardError).code).toBe('ADVISORY_BAD_PURL');
      expect((error as ChainwardError).category).toBe('bad-input');
    }
  });
});
