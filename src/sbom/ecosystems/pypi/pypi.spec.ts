import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { scanRepository } from '../../scan-repository.js';
import { pypi } from './index.js';

describe('pypi ecosystem: which files, and what each needs', () => {
  it('claims requirements files by name and by a requirements/ directory', () => {
    const claims = (file: string): boolean => pypi.matches?.(path.posix.basename(file), file) === true;
    for (const file of ['requirements.txt', 'requirements-dev.txt', 'requirements_test.txt', 'test-requirements.txt', 'svc/requirements.txt', 'requirements/base.txt', 'app/requirements/prod.txt']) {
      expect([file, claims(file)]).toEqual([file, true]);
    }
    for (const file of ['README.txt', 'requirements.in', 'requirements/README.md', 'docs/requirements-notes.md', 'constraints.txt']) {
      expect([file, claims(file)]).toEqual([file, false]);
    }
  });

  it('plans each lockfile with the manifests beside it', () => {
    const discovered = ['app/pyproject.toml', 'app/poetry.lock', 'Pipfile', 'Pipfile.lock', 'uv.lock', 'libs/core/pyproject.toml'];
    expect(pypi.plan('app/poetry.lock', discovered)).toEqual({ lockfile: 'app/poetry.lock', manifests: ['app/pyproject.toml'] });
    expect(pypi.plan('Pipfile.lock', discovered)).toEqual({ lockfile: 'Pipfile.lock', manifests: ['Pipfile'] });
    // A pyproject.toml below a uv workspace gets the workspace's lockfile, to tell whether it is a member.
    expect(pypi.plan('libs/core/pyproject.toml', discovered)).toEqual({ lockfile: 'libs/core/pyproject.toml', manifests: ['uv.lock'] });
  });

  it('plans a requirements file with the files it may include and its project pyproject.toml', () => {
    const discovered = [
      'pyproject.toml',
      'constraints.txt',
      'docs/notes.txt',
      'requirements/base.txt',
      'requirements/dev.txt',
      'requirements/dev.in',
      'services/api/requirements.txt',
      'services/api/data/words.txt',
    ];
    expect(pypi.plan('requirements/dev.txt', discovered)).toEqual({
      lockfile: 'requirements/dev.txt',
      // Its own directory, the one above, and files named for requirements below that; not docs/notes.txt.
      manifests: ['constraints.txt', 'requirements/base.txt', 'requirements/dev.in', 'services/api/requirements.txt', 'pyproject.toml'],
    });
    expect(pypi.plan('services/api/requirements.txt', discovered).manifests).toEqual([]);
  });
});

describe('scanning a Python repository', () => {
  let root: string;
  const write = async (file: string, text: string): Promise<void> => {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await writeFile(path.join(root, file), text);
  };

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'chainward-pypi-'));
    await write('pyproject.toml', '[project]\nname = "shop"\nversion = "1.0.0"\ndependencies = ["flask"]\n');
    await write('uv.lock', ['version = 1', '', '[[package]]', 'name = "shop"', 'version = "1.0.0"', 'source = { editable = "." }', 'dependencies = [{ name = "flask" }]', '', '[[package]]', 'name = "flask"', 'version = "3.0.3"', 'source = { registry = "https://pypi.org/simple" }', ''].join('\n'));
    await write('poetry.lock', '[metadata]\nlock-version = "2.0"\n');
    await write('requirements-docs.txt', '-r requirements.txt\nsphinx==7.3.7\n');
    await write('requirements.txt', 'flask==3.0.3\n');
    await write('tools/pyproject.toml', '[project]\nname = "tools"\ndependencies = ["click>=8"]\n');
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('parses poetry.lock before uv.lock, keeps the pyproject.toml beside them as a manifest, and reads requirements files too', async () => {
    const scan = await scanRepository(root);
    // poetry.lock wins over uv.lock in one directory; pyproject.toml beside a lockfile is no project of its own.
    expect(scan.lockfiles).toEqual(['poetry.lock', 'requirements-docs.txt', 'requirements.txt', 'tools/pyproject.toml']);
    expect(scan.graph.roots).toEqual([
      'pkg:pypi/shop@1.0.0',
      'pkg:pypi/shop@1.0.0?manifest=requirements-docs.txt',
      'pkg:pypi/shop@1.0.0?manifest=requirements.txt',
      'pkg:pypi/tools',
    ]);
    // flask is a run-time requirement of requirements.txt, so the docs file including it does not make it development-only.
    expect(scan.graph.components.get('pkg:pypi/flask@3.0.3')).toMatchObject({ development: false, direct: true });
    expect(scan.graph.components.get('pkg:pypi/sphinx@7.3.7')).toMatchObject({ development: true });
    expect(scan.graph.components.get('pkg:pypi/click')).toMatchObject({ version: '', properties: { 'chainward:declared-only': 'true', 'chainward:unpinned': 'true', 'chainward:version-constraint': '>=8' } });
  });
});
