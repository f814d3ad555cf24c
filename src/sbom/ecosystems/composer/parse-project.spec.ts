import { describe, expect, it } from '@jest/globals';
import { ChainwardError } from '../../../common/errors.js';
import { composerLicenses } from './build-composer-graph.js';
import { parseComposerProject } from './parse-project.js';

const LOCK = `{
    "packages": [
        {
            "name": "monolog/monolog",
            "version": "3.5.0",
            "dist": { "type": "zip", "url": "https://example.test/monolog.zip", "reference": "c915e2634718dbc8a4a15c61b0e62e7a44e14448", "shasum": "0123456789ABCDEF0123456789abcdef01234567" },
            "require": { "php": ">=8.1", "psr/log": "^2.0 || ^3.0", "ext-json": "*" },
            "license": ["MIT"]
        },
        {
            "name": "psr/log",
            "version": "3.0.0",
            "license": "MIT"
        },
        { "name": "broken/entry" }
    ],
    "packages-dev": null,
    "platform": [],
    "platform-dev": []
}`;

const lockfile = (text: string) => ({ path: 'web/composer.lock', text });

describe('parseComposerProject', () => {
  it('reads a lockfile without composer.json: every package, dist SHA-1 as a hash, platform requirements left out, a warning for what is unknown', () => {
    const graph = parseComposerProject({ lockfile: lockfile(LOCK), manifests: [] });
    expect(graph.roots).toEqual(['pkg:composer/web']);
    expect([...graph.components.keys()]).toEqual(['pkg:composer/web', 'pkg:composer/monolog/monolog@3.5.0', 'pkg:composer/psr/log@3.0.0']);
    expect(graph.components.get('pkg:composer/monolog/monolog@3.5.0')?.hashes).toEqual([{ alg: 'SHA-1', content: '0123456789abcdef0123456789abcdef01234567' }]);
    expect(graph.edges.get('pkg:composer/monolog/monolog@3.5.0')).toEqual(new Set(['pkg:composer/psr/log@3.0.0']));
    expect(graph.components.get('pkg:composer/psr/log@3.0.0')?.licenses).toEqual([{ kind: 'expression', expression: 'MIT', source: 'lockfile' }]);
    expect(graph.warnings.map((w) => w.message)).toEqual([
      'packages[2]: version: Invalid input: expected string, received undefined; skipped',
      'no composer.json beside the lockfile: direct dependencies are unknown',
    ]);
  });

  it('names line and column of a truncated lockfile', () => {
    const cut = LOCK.slice(0, 300);
    const lines = cut.split('\n');
    expect(() => parseComposerProject({ lockfile: lockfile(cut), manifests: [] })).toThrow(
      expect.objectContaining({ category: 'bad-input', location: { file: 'web/composer.lock', line: lines.length, column: (lines[lines.length - 1] as string).length + 1 } }),
    );
  });

  it('refuses a lockfile whose packages are not a list, at the "packages" key', () => {
    let error: unknown;
    try {
      parseComposerProject({ lockfile: lockfile('{\n  "packages-dev": [],\n  "packages": {}\n}'), manifests: [] });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ChainwardError);
    expect((error as ChainwardError).describe()).toBe('web/composer.lock:3:3: composer.lock, field packages: Invalid input: expected array, received object');
  });

  it('warns about a composer.json requirement the lockfile lacks (a stale lockfile)', () => {
    const manifest = { path: 'web/composer.json', text: '{"name": "acme/web", "require": {"php": "^8.1", "monolog/monolog": "^3", "guzzlehttp/guzzle": "^7"}}' };
    const graph = parseComposerProject({ lockfile: lockfile(LOCK), manifests: [manifest] });
    expect(graph.roots).toEqual(['pkg:composer/acme/web']);
    expect(graph.edges.get('pkg:composer/acme/web')).toEqual(new Set(['pkg:composer/monolog/monolog@3.5.0']));
    expect(graph.warnings.map((w) => w.message)).toContain('composer.json require guzzlehttp/guzzle is not in the lockfile (run composer update?)');
  });
});

describe('composerLicenses', () => {
  it('joins an array of SPDX expressions with OR, and keeps text that is not SPDX as written', () => {
    expect(composerLicenses(['MIT', 'GPL-2.0-or-later'], 'lockfile')).toEqual([{ kind: 'expression', expression: '(MIT OR GPL-2.0-or-later)', source: 'lockfile' }]);
    expect(composerLicenses(['proprietary', 'MIT'], 'lockfile')).toEqual([
      { kind: 'named', name: 'proprietary', source: 'lockfile' },
      { kind: 'expression', expression: 'MIT', source: 'lockfile' },
    ]);
    expect(composerLicenses(['(LGPL-2.1-only or GPL-3.0-or-later)', 'MIT'], 'manifest')).toEqual([
      // The lower-case `or` is corrected to SPDX's operator; the text as written is kept beside it.
      { kind: 'expression', expression: '((LGPL-2.1-only OR GPL-3.0-or-later) OR MIT)', original: '((LGPL-2.1-only or GPL-3.0-or-later) OR MIT)', source: 'manifest' },
    ]);
    expect(composerLicenses(undefined, 'lockfile')).toEqual([]);
  });
});
