import { describe, expect, it } from '@jest/globals';
import { ChainwardError } from '../../../common/errors.js';
import { parseRubyGemsProject } from './parse-project.js';
import { parseGemfileLock } from './parse-gemfile-lock.js';

const lockfile = (text: string) => ({ path: 'app/Gemfile.lock', text });

/** A lockfile with the three source kinds, written as Bundler 2.5 writes them. */
const MIXED = `GIT
  remote: https://github.com/rails/rails.git
  revision: 0123456789abcdef0123456789abcdef01234567
  branch: main
  specs:
    activesupport (7.2.0.alpha)
      concurrent-ruby (~> 1.0, >= 1.0.2)

PATH
  remote: .
  specs:
    mygem (0.3.0)
      activesupport (>= 7)
      nokogiri

PATH
  remote: vendor/engines/billing
  specs:
    billing (1.0.0)

GEM
  remote: https://rubygems.org/
  specs:
    concurrent-ruby (1.2.3)
    nokogiri (1.15.4-x86_64-linux)
      racc (~> 1.4)
    racc (1.7.3)
    rake (13.1.0)

PLATFORMS
  x86_64-linux

DEPENDENCIES
  activesupport!
  billing!
  mygem!
  rake (~> 13.0)

CHECKSUMS
  concurrent-ruby (1.2.3) sha256=82fdd3f8a0816e28d513e637bb2b90a45d7b982bdf4f3a0511722d2e495801e2
  nokogiri (1.15.4-x86_64-linux) sha256=c5a5a1e2ab2ab9fe2ae1c5b3d5a0d8e4f6f8d0d4b5c8d6b6a3e8c0f2e6b2e1d0
  racc (1.7.3)

BUNDLED WITH
   2.5.4
`;

describe('parseGemfileLock', () => {
  it('reads sources with their options and specs, platforms, DEPENDENCIES with their `!`, CHECKSUMS and BUNDLED WITH', () => {
    const lock = parseGemfileLock(lockfile(MIXED));
    expect(lock.sources.map((s) => [s.type, s.remotes, s.specs.map((spec) => `${spec.name} ${spec.version} ${spec.platform}`)])).toEqual([
      ['GIT', ['https://github.com/rails/rails.git'], ['activesupport 7.2.0.alpha ruby']],
      ['PATH', ['.'], ['mygem 0.3.0 ruby']],
      ['PATH', ['vendor/engines/billing'], ['billing 1.0.0 ruby']],
      ['GEM', ['https://rubygems.org/'], ['concurrent-ruby 1.2.3 ruby', 'nokogiri 1.15.4 x86_64-linux', 'racc 1.7.3 ruby', 'rake 13.1.0 ruby']],
    ]);
    expect(lock.sources[0]?.options).toEqual({ revision: '0123456789abcdef0123456789abcdef01234567', branch: 'main' });
    expect(lock.sources[0]?.specs[0]?.dependencies).toEqual([{ name: 'concurrent-ruby', requirement: '~> 1.0, >= 1.0.2' }]);
    expect(lock.platforms).toEqual(['x86_64-linux']);
    expect(lock.dependencies.map((d) => [d.name, d.requirement, d.pinnedSource, d.line])).toEqual([
      ['activesupport', '', true, 34],
      ['billing', '', true, 35],
      ['mygem', '', true, 36],
      ['rake', '~> 13.0', false, 37],
    ]);
    expect(lock.checksums.get('nokogiri (1.15.4-x86_64-linux)')).toEqual([{ alg: 'SHA-256', content: 'c5a5a1e2ab2ab9fe2ae1c5b3d5a0d8e4f6f8d0d4b5c8d6b6a3e8c0f2e6b2e1d0' }]);
    expect(lock.checksums.has('racc (1.7.3)')).toBe(false);
    expect(lock.bundledWith).toBe('2.5.4');
  });

  it.each([
    ['a spec without a version', MIXED.replace('    rake (13.1.0)', '    rake'), 28, 5, '"rake" is not "name (version)"'],
    ['a spec line cut short', MIXED.replace('    rake (13.1.0)', '    rake (13.1'), 28, 5, '"rake (13.1" is not "name (version)"'],
    ['an odd indentation', MIXED.replace('    racc (1.7.3)\n', '     racc (1.7.3)\n'), 27, 6, 'unexpected indentation of 5 spaces'],
    ['an unresolved merge conflict', MIXED.replace('PLATFORMS\n', '<<<<<<< HEAD\nPLATFORMS\n'), 30, 1, 'merge conflict marker'],
    ['a dependency that is not name (requirement)', MIXED.replace('  rake (~> 13.0)', '  rake (~> 13.0'), 37, 3, 'is not "name (requirement)"'],
    ['a checksum that is not hex', MIXED.replace('sha256=82fdd3', 'sha256=zzfdd3'), 40, 3, 'is not a SHA-256 hex digest'],
    ['text outside any section', MIXED.replace('PLATFORMS\n', 'platforms\n'), 30, 1, 'outside any section'],
  ])('refuses %s, naming line and column', (_case, text, line, column, message) => {
    let error: unknown;
    try {
      parseGemfileLock(lockfile(text));
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ChainwardError);
    expect((error as ChainwardError).category).toBe('bad-input');
    expect((error as ChainwardError).location).toEqual({ file: 'app/Gemfile.lock', line, column });
    expect((error as ChainwardError).message).toContain(message);
  });

  it('refuses a lockfile cut before its DEPENDENCIES section, at its last line', () => {
    const cut = MIXED.slice(0, MIXED.indexOf('PLATFORMS'));
    expect(() => parseGemfileLock(lockfile(cut))).toThrow(expect.objectContaining({ message: expect.stringContaining('no DEPENDENCIES section'), location: { file: 'app/Gemfile.lock', line: 30, column: 1 } }));
  });

  it('reads a lockfile that starts with a byte-order mark', () => {
    expect(parseGemfileLock(lockfile(`\uFEFF${MIXED}`)).sources).toHaveLength(4);
  });

  it('skips a section Bundler does not write, with a warning, and reads CRLF line ends', () => {
    const lock = parseGemfileLock(lockfile(`${MIXED.replace('PLATFORMS\n', 'FUTURE THING\n  value\n\nPLATFORMS\n')}`.replace(/\n/g, '\r\n')));
    expect(lock.problems).toEqual(['line 30: section FUTURE THING is not one Bundler writes; skipped']);
    expect(lock.platforms).toEqual(['x86_64-linux']);
  });
});

describe('Gemfile.lock graph', () => {
  const GEMFILE = `source "https://rubygems.org"\ngemspec\n\ngem "activesupport", github: "rails/rails", branch: "main"\ngem "billing", path: "vendor/engines/billing"\n`;
  const graph = parseRubyGemsProject({ lockfile: lockfile(MIXED), manifests: [{ path: 'app/Gemfile', text: GEMFILE }] });

  it('makes the gem of `PATH remote: .` the project root, with its runtime dependencies as direct edges', () => {
    expect(graph.roots).toEqual(['pkg:gem/mygem@0.3.0']);
    expect(graph.components.get('pkg:gem/mygem@0.3.0')).toMatchObject({ type: 'application', name: 'mygem', version: '0.3.0', sourceFile: 'app/Gemfile' });
    expect([...(graph.edges.get('pkg:gem/mygem@0.3.0') ?? [])].sort()).toEqual([
      'pkg:gem/activesupport@7.2.0.alpha',
      'pkg:gem/billing@1.0.0',
      'pkg:gem/nokogiri@1.15.4?platform=x86_64-linux',
      'pkg:gem/rake@13.1.0',
    ]);
    // rake is in DEPENDENCIES only through the gemspec's development dependencies.
    expect(graph.components.get('pkg:gem/rake@13.1.0')).toMatchObject({ direct: true, development: true, scope: 'optional' });
    expect(graph.components.get('pkg:gem/nokogiri@1.15.4?platform=x86_64-linux')).toMatchObject({ direct: true, development: false });
  });

  it('records the git source and revision of a GIT gem, and the path of a PATH gem', () => {
    expect(graph.components.get('pkg:gem/activesupport@7.2.0.alpha')?.properties).toEqual({
      'chainward:gem:source': 'git',
      'chainward:gem:remote': 'https://github.com/rails/rails.git',
      'chainward:gem:git:revision': '0123456789abcdef0123456789abcdef01234567',
      'chainward:gem:git:branch': 'main',
      'chainward:gem:groups': 'default',
    });
    expect(graph.components.get('pkg:gem/billing@1.0.0')?.properties).toMatchObject({ 'chainward:gem:source': 'path', 'chainward:gem:remote': 'vendor/engines/billing' });
  });

  it('gives a gem locked for one non-ruby platform the platform qualifier and its checksum', () => {
    const nokogiri = graph.components.get('pkg:gem/nokogiri@1.15.4?platform=x86_64-linux');
    expect(nokogiri).toMatchObject({ purl: 'pkg:gem/nokogiri@1.15.4?platform=x86_64-linux', name: 'nokogiri', version: '1.15.4' });
    expect(nokogiri?.hashes).toEqual([{ alg: 'SHA-256', content: 'c5a5a1e2ab2ab9fe2ae1c5b3d5a0d8e4f6f8d0d4b5c8d6b6a3e8c0f2e6b2e1d0' }]);
    expect(nokogiri?.properties['chainward:gem:platforms']).toBe('x86_64-linux');
    expect(graph.edges.get('pkg:gem/nokogiri@1.15.4?platform=x86_64-linux')).toEqual(new Set(['pkg:gem/racc@1.7.3']));
  });

  it('warns about a dependency the lockfile locks for none of its platforms', () => {
    const text = MIXED.replace('    racc (1.7.3)\n', '');
    const partial = parseRubyGemsProject({ lockfile: lockfile(text), manifests: [] });
    expect(partial.warnings).toEqual([{ file: 'app/Gemfile.lock', message: 'nokogiri 1.15.4 depends on racc, which the lockfile locks for none of its platforms' }]);
  });
});
