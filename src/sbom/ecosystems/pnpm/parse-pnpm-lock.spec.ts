import { describe, expect, it } from '@jest/globals';
import { parsePnpmLock } from './parse-pnpm-lock.js';
import { errorOf as errorOfRun } from '../../../../test/support/errors.js';

const lock = (text: string) => ({ path: 'apps/web/pnpm-lock.yaml', text });

const errorOf = (text: string) => errorOfRun(() => parsePnpmLock(lock(text)));

describe('parsePnpmLock', () => {
  it('reads 9.x metadata from packages and dependencies from snapshots, one instance per peer variant', () => {
    const parsed = parsePnpmLock(
      lock(`lockfileVersion: '9.0'

packages:

  a@1.0.0:
    resolution: {integrity: sha512-AAAA}
    peerDependencies:
      b: ^2

  b@2.0.0:
    resolution: {integrity: sha512-BBBB}

  b@2.1.0:
    resolution: {integrity: sha512-CCCC}

snapshots:

  a@1.0.0(b@2.0.0):
    dependencies:
      b: 2.0.0

  a@1.0.0(b@2.1.0):
    dependencies:
      b: 2.1.0

  b@2.0.0: {}
`),
    );
    expect(parsed.generation).toBe(9);
    expect([...parsed.packages.keys()]).toEqual(['a@1.0.0(b@2.0.0)', 'a@1.0.0(b@2.1.0)', 'b@2.0.0', 'b@2.1.0']);
    expect(parsed.packages.get('a@1.0.0(b@2.1.0)')).toEqual({
      key: 'a@1.0.0(b@2.1.0)',
      name: 'a',
      version: '1.0.0',
      integrity: 'sha512-AAAA',
      dependencies: [['b', '2.1.0']],
      optionalDependencies: [],
      peerNames: new Set(['b']),
      patched: false,
      recorded: {},
    });
    // A package with no snapshot is kept, without dependencies.
    expect(parsed.packages.get('b@2.1.0')).toMatchObject({ integrity: 'sha512-CCCC', dependencies: [] });
  });

  it('keeps 6.x dev/optional flags as recorded and reads versions as strings (1.10 stays 1.10)', () => {
    const parsed = parsePnpmLock(lock(`lockfileVersion: '6.1'\n\npackages:\n\n  /x@1.10:\n    resolution: {integrity: sha512-AAAA}\n    dev: true\n    optional: true\n`));
    expect(parsed).toMatchObject({ lockfileVersion: '6.1', generation: 6 });
    expect(parsed.packages.get('/x@1.10')).toMatchObject({ name: 'x', version: '1.10', recorded: { dev: true, optional: true } });
  });

  it('reports a truncated lockfile by line and column', () => {
    const error = errorOf("lockfileVersion: '9.0'\n\nimporters:\n\n  .:\n    dependencies:\n      foo:\n        specifier: ^1.0.0\n        version: '1.0");
    expect(error.code).toBe('SBOM_MALFORMED_FILE');
    expect(error.category).toBe('bad-input');
    expect(error.location).toEqual({ file: 'apps/web/pnpm-lock.yaml', line: 9, column: 22 });
    expect(error.message).toBe("malformed pnpm-lock.yaml: Missing closing 'quote");
  });

  it('reports an unclosed flow mapping where the parser notices it', () => {
    const error = errorOf("lockfileVersion: '9.0'\npackages:\n  a@1.0.0: {resolution: {integrity: sha512-x}\n  b@1.0.0: {}\n");
    expect(error.code).toBe('SBOM_MALFORMED_FILE');
    expect(error.location).toEqual({ file: 'apps/web/pnpm-lock.yaml', line: 4, column: 3 });
  });

  it.each(["'7.0'", "'10.0'", "'5.x'", '4.0'])('refuses lockfileVersion %s, pointing at the key', (version) => {
    const error = errorOf(`# generated\n\nlockfileVersion: ${version}\nimporters: {}\n`);
    expect(error.code).toBe('SBOM_UNSUPPORTED_LOCKFILE_VERSION');
    expect(error.category).toBe('bad-input');
    expect(error.location).toEqual({ file: 'apps/web/pnpm-lock.yaml', line: 3, column: 1 });
  });

  it('refuses a lockfile without lockfileVersion, and a document that is not a mapping', () => {
    expect(errorOf('importers: {}\n')).toMatchObject({ code: 'SBOM_UNSUPPORTED_LOCKFILE_VERSION', location: { file: 'apps/web/pnpm-lock.yaml' } });
    expect(errorOf('- just\n- a list\n')).toMatchObject({ code: 'SBOM_MALFORMED_FILE', location: { line: 1, column: 1 } });
  });

  it('refuses alias expansion beyond the limit instead of building a huge document', () => {
    const bomb = ['lockfileVersion: &v "9.0"', 'a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let level = 1; level < 6; level++) bomb.push(`l${level}: &l${level} [${Array(10).fill(level === 1 ? '*a' : `*l${level - 1}`).join(', ')}]`);
    const error = errorOf(bomb.join('\n'));
    expect(error.code).toBe('SBOM_MALFORMED_FILE');
    expect(error.message).toMatch(/alias/i);
  });
});
