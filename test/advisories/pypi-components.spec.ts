/**
 * PyPI components as the scanner writes them (PEP 503 names in pkg:pypi purls) against the real
 * OSV advisories: the matcher must find the advisories of the versions the real lockfiles pin.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { matchComponents } from '../../src/advisories/index.js';
import { parsePythonProject } from '../../src/sbom/ecosystems/pypi/parse-project.js';
import { realOsvIndex } from '../support/osv-fixtures.js';

const PYPI = new URL('../fixtures/pypi/', import.meta.url);

function findings(fixture: string, lockfile: string, manifests: string[]): string[] {
  const read = (file: string) => ({ path: file, text: readFileSync(new URL(`${fixture}/${file}`, PYPI), 'utf8') });
  const graph = parsePythonProject({ lockfile: read(lockfile), manifests: manifests.map(read) });
  const components = [...graph.components.values()].map((node) => ({ ref: node.ref, purl: node.purl }));
  return matchComponents(realOsvIndex(), components).map((finding) => `${finding.purl} ${finding.advisoryId} fixed in ${finding.fixedVersions.join('|') || '-'}`);
}

describe('PyPI components against real OSV advisories', () => {
  it('poetry.lock 1.1: requests 2.28.1 and its neighbours', () => {
    expect(findings('poetry-lock-1.1', 'poetry.lock', ['pyproject.toml'])).toEqual([
      'pkg:pypi/certifi@2022.9.24 GHSA-xqr8-7jwr-rhp7 fixed in 2023.07.22',
      'pkg:pypi/idna@3.4 GHSA-jjg7-2v4v-x38h fixed in 3.7',
      'pkg:pypi/py@1.11.0 GHSA-w596-4wvx-j9j6 fixed in -',
      'pkg:pypi/requests@2.28.1 GHSA-j8r2-6x86-q33q fixed in 2.31.0',
      'pkg:pypi/requests@2.28.1 PYSEC-2023-74 fixed in 2.31.0',
      'pkg:pypi/urllib3@1.26.12 GHSA-v845-jxx5-vc9f fixed in 1.26.17|2.0.6',
    ]);
  });

  it('Pipfile.lock 2023: run-time and develop sections alike', () => {
    expect(findings('pipenv-pipfile-2023', 'Pipfile.lock', ['Pipfile'])).toEqual([
      'pkg:pypi/black@23.1.0 GHSA-fj7x-q9j7-g6q6 fixed in 24.3.0',
      'pkg:pypi/certifi@2022.12.7 GHSA-xqr8-7jwr-rhp7 fixed in 2023.07.22',
      'pkg:pypi/idna@3.4 GHSA-jjg7-2v4v-x38h fixed in 3.7',
      'pkg:pypi/jinja2@3.1.2 GHSA-h5c8-rqwp-cp95 fixed in 3.1.3',
      'pkg:pypi/requests@2.28.2 GHSA-j8r2-6x86-q33q fixed in 2.31.0',
      'pkg:pypi/requests@2.28.2 PYSEC-2023-74 fixed in 2.31.0',
      'pkg:pypi/urllib3@1.26.14 GHSA-v845-jxx5-vc9f fixed in 1.26.17|2.0.6',
    ]);
  });

  it('pip-compile requirements: requests 2.31.0 is fixed; pip, listed among the "unsafe" packages, is not', () => {
    expect(findings('warehouse-requirements-2023', 'requirements/main.txt', [])).toEqual([
      'pkg:pypi/certifi@2023.5.7 GHSA-xqr8-7jwr-rhp7 fixed in 2023.07.22',
      'pkg:pypi/idna@3.4 GHSA-jjg7-2v4v-x38h fixed in 3.7',
      'pkg:pypi/jinja2@3.1.2 GHSA-h5c8-rqwp-cp95 fixed in 3.1.3',
      'pkg:pypi/pip@23.1.2 GHSA-mq26-g339-26xf fixed in 23.3',
      'pkg:pypi/urllib3@1.26.15 GHSA-v845-jxx5-vc9f fixed in 1.26.17|2.0.6',
    ]);
  });

  it('a declared-only requirement (no version) is not matched on a guessed version', () => {
    const graph = parsePythonProject({ lockfile: { path: 'requirements.txt', text: 'Requests>=2.0\nURLLib3==1.26.12\n' }, manifests: [] });
    const components = [...graph.components.values()].map((node) => ({ ref: node.ref, purl: node.purl }));
    expect(matchComponents(realOsvIndex(), components).map((f) => `${f.purl} ${f.advisoryId}`)).toEqual(['pkg:pypi/urllib3@1.26.12 GHSA-v845-jxx5-vc9f']);
  });
});
