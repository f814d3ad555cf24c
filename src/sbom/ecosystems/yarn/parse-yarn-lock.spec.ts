import { describe, expect, it } from '@jest/globals';
import { parseYarnLock } from './parse-yarn-lock.js';
import { errorOf as errorOfRun } from '../../../../test/support/errors.js';

const lock = (text: string) => ({ path: 'app/yarn.lock', text });

const errorOf = (text: string) => errorOfRun(() => parseYarnLock(lock(text)));

describe('parseYarnLock', () => {
  it('reads a Yarn 1 entry shared by several name@range keys once, with all its keys', () => {
    const parsed = parseYarnLock(
      lock(`# yarn lockfile v1


"@babel/code-frame@^7.0.0", "@babel/code-frame@^7.10.4":
  version "7.15.8"
  integrity sha512-AAAA
  dependencies:
    "@babel/highlight" "^7.14.5"
  optionalDependencies:
    fsevents "~2.3.2"
`),
    );
    expect(parsed.kind).toBe('classic');
    expect(parsed.entries).toEqual([
      {
        descriptors: ['@babel/code-frame@^7.0.0', '@babel/code-frame@^7.10.4'],
        version: '7.15.8',
        resolved: undefined,
        integrity: 'sha512-AAAA',
        dependencies: { '@babel/highlight': '^7.14.5' },
        optionalDependencies: { fsevents: '~2.3.2' },
      },
    ]);
  });

  it('splits a Berry key into its descriptors and reads dependenciesMeta optional flags', () => {
    const parsed = parseYarnLock(
      lock(`__metadata:
  version: 8
  cacheKey: 10

"chokidar@npm:^3.5.0, chokidar@npm:^3.6.0":
  version: 3.6.0
  resolution: "chokidar@npm:3.6.0"
  dependencies:
    anymatch: "npm:~3.1.2"
    fsevents: "npm:~2.3.2"
  dependenciesMeta:
    fsevents:
      optional: true
  checksum: 10/abc
  languageName: node
  linkType: hard
`),
    );
    expect(parsed).toMatchObject({ kind: 'berry', metadataVersion: 8, problems: [] });
    expect(parsed.entries).toHaveLength(1);
    expect(parsed.entries[0]).toMatchObject({
      descriptors: ['chokidar@npm:^3.5.0', 'chokidar@npm:^3.6.0'],
      version: '3.6.0',
      resolution: 'chokidar@npm:3.6.0',
      dependencies: { anymatch: 'npm:~3.1.2', fsevents: 'npm:~2.3.2' },
      checksum: '10/abc',
    });
    expect([...(parsed.kind === 'berry' ? parsed.entries[0].optionalNames : [])]).toEqual(['fsevents']);
  });

  it('lists unusable entries as problems instead of failing the file', () => {
    const parsed = parseYarnLock(lock('__metadata:\n  version: 6\n\n"a@npm:^1":\n  version: 1.0.0\n\n"b@npm:^1": plain\n'));
    expect(parsed.entries).toEqual([]);
    expect(parsed.problems).toEqual(['a@npm:^1: entry has no resolution', 'b@npm:^1: entry is not a mapping']);
  });

  it('reports a truncated Yarn 1 lockfile at the unterminated string, by line and column', () => {
    const error = errorOf(
      '# yarn lockfile v1\n\n\n"a@^1", "a@^1.1":\n  version "1.2.0"\n  resolved "https://registry.yarnpkg.com/a/-/a-1.2.0.tgz#0123',
    );
    expect(error.code).toBe('SBOM_MALFORMED_FILE');
    expect(error.category).toBe('bad-input');
    expect(error.location).toEqual({ file: 'app/yarn.lock', line: 6, column: 12 });
    expect(error.describe()).toMatch(/^app\/yarn\.lock:6:12: malformed yarn\.lock: Expected/);
  });

  it('reports a truncated Berry lockfile at the end of the file, inside the file', () => {
    const error = errorOf('__metadata:\n  version: 8\n  cacheKey: 10\n\n"a@npm:^1":\n  version: 1.2.0\n  resolution: "a@npm:1.2');
    expect(error.code).toBe('SBOM_MALFORMED_FILE');
    expect(error.location).toEqual({ file: 'app/yarn.lock', line: 7, column: 25 });
    expect(error.message).toBe('malformed yarn.lock: unexpected end of the stream within a double quoted scalar');
  });

  it('reports bad indentation in a Berry lockfile where it is', () => {
    const error = errorOf('__metadata:\n  version: 8\n\n"a@npm:^1":\n  version: 1.2.0\n   resolution: "a@npm:1.2.0"\n');
    expect(error.location).toEqual({ file: 'app/yarn.lock', line: 6, column: 14 });
  });

  it.each([
    ['3', 2, 3],
    ['9', 3, 3],
  ])('refuses Berry metadata version %s, pointing at the version key', (version, line, column) => {
    const text = version === '3' ? `__metadata:\n  version: 3\n\n` : `__metadata:\n  cacheKey: 10\n  version: 9\n`;
    const error = errorOf(text);
    expect(error.code).toBe('SBOM_UNSUPPORTED_LOCKFILE_VERSION');
    expect(error.category).toBe('bad-input');
    expect(error.location).toEqual({ file: 'app/yarn.lock', line, column });
  });

  it('refuses a Berry lockfile whose metadata has no version, pointing at __metadata', () => {
    const error = errorOf('# comment\n__metadata:\n  cacheKey: 10\n');
    expect(error.code).toBe('SBOM_UNSUPPORTED_LOCKFILE_VERSION');
    expect(error.location).toEqual({ file: 'app/yarn.lock', line: 2, column: 1 });
  });
});
