import { describe, expect, it } from '@jest/globals';
import { ChainwardError } from '../../../common/errors.js';
import { npm } from './index.js';

const lock = JSON.stringify({ lockfileVersion: 3, packages: { '': {}, 'node_modules/a': { version: '1.0.0' } } });

describe('npm ecosystem', () => {
  it('reads both lockfile names and prefers the shrinkwrap, as npm does', () => {
    expect(npm.id).toBe('npm');
    expect(npm.lockfileNames).toEqual(['package-lock.json', 'npm-shrinkwrap.json']);
    // The scanner keeps, in each directory, the first name of this list that is present.
    expect(npm.precedence).toEqual(['npm-shrinkwrap.json', 'package-lock.json']);
  });

  it('plans the package.json beside the lockfile as a required manifest', () => {
    expect(npm.plan('package-lock.json', ['package-lock.json'])).toEqual({
      lockfile: 'package-lock.json',
      manifests: ['package.json'],
      requiredManifest: 'package.json',
    });
    expect(npm.plan('apps/web/npm-shrinkwrap.json', ['apps/web/npm-shrinkwrap.json', 'apps/web/package.json'])).toEqual({
      lockfile: 'apps/web/npm-shrinkwrap.json',
      manifests: ['apps/web/package.json'],
      requiredManifest: 'apps/web/package.json',
    });
  });

  it('parses with the planned manifest and refuses to guess without it', async () => {
    const graph = await npm.parse({
      lockfile: { path: 'apps/web/package-lock.json', text: lock },
      manifests: [{ path: 'apps/web/package.json', text: JSON.stringify({ name: 'web', dependencies: { a: '^1.0.0' } }) }],
    });
    expect(graph.roots).toEqual(['pkg:npm/web']);
    expect([...(graph.edges.get('pkg:npm/web') ?? [])]).toEqual(['pkg:npm/a@1.0.0']);

    let error: unknown;
    try {
      // A package.json elsewhere is not the project's.
      await npm.parse({ lockfile: { path: 'apps/web/package-lock.json', text: lock }, manifests: [{ path: 'package.json', text: '{}' }] });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ChainwardError);
    expect(error).toMatchObject({ code: 'SBOM_MANIFEST_MISSING', category: 'bad-input', location: { file: 'apps/web/package-lock.json' } });
    expect((error as Error).message).toBe("apps/web/package.json is missing: npm needs it beside the lockfile to know the project's own dependencies");
  });
});
