import { describe, expect, it } from '@jest/globals';
import type { DependencyGraph } from '../../model/graph.js';
import type { TextFile } from '../types.js';
import { parseRequirementsProject } from './parse-requirements.js';
import { errorOf } from '../../../../test/support/errors.js';

const SHA_A = 'a'.repeat(64);
const SHA_B = 'b'.repeat(64);

function parse(main: string, others: Record<string, string> = {}, path = 'requirements.txt'): DependencyGraph {
  const manifests: TextFile[] = Object.entries(others).map(([file, text]) => ({ path: file, text }));
  return parseRequirementsProject({ lockfile: { path, text: main }, manifests });
}

const library = (graph: DependencyGraph, ref: string) => {
  const node = graph.components.get(ref);
  if (!node) throw new Error(`${ref} not in the graph: ${[...graph.components.keys()].join(', ')}`);
  return node;
};
const targets = (graph: DependencyGraph, ref: string): string[] => [...(graph.edges.get(ref) ?? [])].sort();
const ROOT = 'pkg:pypi/project?manifest=requirements.txt';


describe('requirements files', () => {
  it('reads pins, hashes on continuation lines, extras, markers and comments', () => {
    const graph = parse(
      [
        '# a comment line',
        '--index-url https://pypi.example/simple',
        'Requests[socks,security]==2.31.0 \\',
        `    --hash=sha256:${SHA_A} \\`,
        `    --hash=sha256:${SHA_B}`,
        'zope.interface == 6.0 ; python_version >= "3.8"  # trailing comment',
        '',
      ].join('\n'),
    );
    expect(graph.roots).toEqual([ROOT]);
    expect(library(graph, ROOT)).toMatchObject({ type: 'application', name: 'project', purl: 'pkg:pypi/project', version: '' });
    expect(library(graph, 'pkg:pypi/requests@2.31.0')).toMatchObject({
      name: 'Requests',
      version: '2.31.0',
      direct: true,
      development: false,
      scope: 'required',
      hashes: [
        { alg: 'SHA-256', content: SHA_A },
        { alg: 'SHA-256', content: SHA_B },
      ],
      properties: { 'chainward:pypi:extras': 'security,socks' },
    });
    // PEP 503: dots, underscores and case fold into the purl name.
    expect(library(graph, 'pkg:pypi/zope-interface@6.0').properties).toEqual({ 'chainward:pypi:marker': 'python_version >= "3.8"' });
    expect(targets(graph, ROOT)).toEqual(['pkg:pypi/requests@2.31.0', 'pkg:pypi/zope-interface@6.0']);
    expect(graph.warnings).toEqual([]);
  });

  it('marks an unpinned or ranged requirement declared-only, with no version', () => {
    const graph = parse('flask\ndjango>=4.2,<5\nnumpy==1.26.*\n');
    expect(library(graph, 'pkg:pypi/flask')).toMatchObject({
      version: '',
      properties: { 'chainward:declared-only': 'true', 'chainward:unpinned': 'true' },
    });
    expect(library(graph, 'pkg:pypi/django').properties).toEqual({
      'chainward:declared-only': 'true',
      'chainward:unpinned': 'true',
      'chainward:version-constraint': '>=4.2,<5',
    });
    expect(library(graph, 'pkg:pypi/numpy').properties['chainward:version-constraint']).toBe('==1.26.*');
  });

  it('follows -r and -c relative to the including file, and a constraint pins an unpinned requirement', () => {
    const graph = parse(
      '-r requirements/base.txt\n--constraint=constraints.txt\nflask\n',
      {
        'requirements/base.txt': '-r ../common/shared.txt\nclick==8.1.7\n',
        'common/shared.txt': 'attrs==23.1.0\n',
        'constraints.txt': `flask==3.0.0 --hash=sha256:${SHA_A}\nunused==1.0\n`,
      },
    );
    expect([...graph.components.keys()].sort()).toEqual([
      'pkg:pypi/attrs@23.1.0',
      'pkg:pypi/click@8.1.7',
      'pkg:pypi/flask@3.0.0',
      'pkg:pypi/project?manifest=requirements.txt',
    ]);
    expect(library(graph, 'pkg:pypi/flask@3.0.0')).toMatchObject({
      hashes: [{ alg: 'SHA-256', content: SHA_A }],
      properties: { 'chainward:pypi:pinned-by': 'constraints.txt' },
    });
    expect(library(graph, 'pkg:pypi/attrs@23.1.0').sourceFile).toBe('common/shared.txt');
    expect(graph.sources).toEqual(['requirements.txt', 'requirements/base.txt', 'common/shared.txt', 'constraints.txt']);
  });

  it('warns about a missing include and stops an include cycle', () => {
    const graph = parse('-r a.txt\n-r missing.txt\n', { 'a.txt': '-r b.txt\nsix==1.16.0\n', 'b.txt': '-r a.txt\n' });
    expect([...graph.components.keys()]).toContain('pkg:pypi/six@1.16.0');
    expect(graph.warnings.map((w) => w.message)).toEqual([
      'b.txt:1: a.txt includes itself (requirements.txt -> a.txt -> b.txt -> a.txt); the cycle is not followed',
      'requirements.txt:2: included file missing.txt not found',
    ]);
  });

  it('keeps URL and VCS requirements without inventing a version', () => {
    const graph = parse(
      [
        'mylib @ https://token:secret@files.example/mylib.zip',
        '-e git+https://github.com/org/tool.git@main#egg=tool',
        'pinned @ git+https://github.com/org/pinned.git@0123456789abcdef0123456789abcdef01234567',
        'https://files.example/wheels/six-1.16.0-py2.py3-none-any.whl',
        '-e .',
      ].join('\n'),
    );
    expect(library(graph, 'pkg:pypi/mylib?download_url=https%3A%2F%2Ffiles.example%2Fmylib.zip')).toMatchObject({
      version: '',
      properties: {
        'chainward:declared-only': 'true',
        'chainward:pypi:source': 'url',
        'chainward:pypi:source-url': 'https://files.example/mylib.zip',
      },
    });
    const tool = [...graph.components.values()].find((c) => c.name === 'tool');
    expect(tool).toMatchObject({
      version: '',
      purl: 'pkg:pypi/tool?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Forg%2Ftool.git%40main',
      properties: { 'chainward:unpinned': 'true', 'chainward:pypi:editable': 'true', 'chainward:pypi:source': 'vcs' },
    });
    const pinned = [...graph.components.values()].find((c) => c.name === 'pinned');
    expect(pinned?.properties['chainward:unpinned']).toBeUndefined();
    expect(pinned?.properties['chainward:declared-only']).toBe('true');
    // A wheel's file name states its version.
    expect(library(graph, 'pkg:pypi/six@1.16.0?download_url=https%3A%2F%2Ffiles.example%2Fwheels%2Fsix-1.16.0-py2.py3-none-any.whl').version).toBe('1.16.0');
    // `-e .` is the project itself.
    expect(graph.components.size).toBe(5);
    expect(graph.warnings).toEqual([]);
  });

  it('keeps a file name that is not valid percent-encoding as written (found by fuzzing)', () => {
    const graph = parse('./dist/odd%-1.0-py3-none-any.whl\n\\%alembic==1.0\n');
    expect(graph.warnings.map((w) => w.message)).toEqual([
      'requirements.txt:1: local project dist/odd%-1.0-py3-none-any.whl has no name in the requirement; not listed',
      'requirements.txt:2: local project \\%alembic==1.0 has no name in the requirement; not listed',
    ]);
  });

  it('turns pip-compile "# via" annotations into edges and keeps direct requirements on the root', () => {
    const graph = parse(
      [
        'celery[redis]==5.3.0',
        '    # via -r requirements.in',
        'kombu==5.3.1',
        '    # via',
        '    #   celery',
        '    #   other-tool',
        'vine==5.0.0',
        '    # via',
        '    #   celery',
        '    #   kombu',
        'pyjwt[crypto]==2.8.0  # via pyjwt, myproject (pyproject.toml)',
      ].join('\n'),
    );
    expect(targets(graph, ROOT)).toEqual(['pkg:pypi/celery@5.3.0', 'pkg:pypi/kombu@5.3.1', 'pkg:pypi/pyjwt@2.8.0']);
    expect(targets(graph, 'pkg:pypi/celery@5.3.0')).toEqual(['pkg:pypi/kombu@5.3.1', 'pkg:pypi/vine@5.0.0']);
    expect(targets(graph, 'pkg:pypi/kombu@5.3.1')).toEqual(['pkg:pypi/vine@5.0.0']);
    expect(library(graph, 'pkg:pypi/vine@5.0.0').direct).toBe(false);
    expect(library(graph, 'pkg:pypi/kombu@5.3.1').direct).toBe(true);
  });

  it('treats a file named for development as development dependencies', () => {
    const graph = parse('pytest==8.0.0\n', {}, 'requirements-dev.txt');
    expect(library(graph, 'pkg:pypi/pytest@8.0.0')).toMatchObject({ development: true, scope: 'optional', properties: { 'chainward:pypi:development': 'true' } });
  });

  it('names the root after the pyproject.toml of the project', () => {
    const graph = parse('six==1.16.0\n', { 'pyproject.toml': '[project]\nname = "My_App"\nversion = "1.2.0"\nlicense = "MIT"\n' }, 'requirements/prod.txt');
    const root = library(graph, 'pkg:pypi/my-app@1.2.0?manifest=requirements%2Fprod.txt');
    expect(root).toMatchObject({ name: 'My_App', purl: 'pkg:pypi/my-app@1.2.0', licenses: [{ kind: 'expression', expression: 'MIT', source: 'manifest' }] });
  });

  it('keeps the first of two different pins of one name and says so', () => {
    const graph = parse('six==1.16.0\nsix==1.15.0\n');
    expect([...graph.components.keys()]).toContain('pkg:pypi/six@1.16.0');
    expect([...graph.components.keys()]).not.toContain('pkg:pypi/six@1.15.0');
    expect(graph.warnings[0].message).toBe('six is pinned twice (1.16.0 at requirements.txt:1, 1.15.0 at requirements.txt:2); the first is listed');
  });

  it('reports an invalid requirement with its file, line and column', () => {
    const error = errorOf(() => parse('six==1.16.0\n\nflask >= 2.0 \\\n  ,, 3\n'));
    expect(error.category).toBe('bad-input');
    expect(error.describe()).toBe('requirements.txt:3:7: invalid requirement "flask >= 2.0   ,, 3": invalid version specifier ">= 2.0   ,, 3"');
    expect(errorOf(() => parse('-r\n')).describe()).toBe('requirements.txt:1:1: -r needs a file name');
    expect(errorOf(() => parse('ok==1\n[bad]\n')).describe()).toBe('requirements.txt:2:1: invalid requirement "[bad]": expected a package name');
  });

  it('warns about options pip does not accept, malformed hashes and environment variables, and goes on', () => {
    const graph = parse('--bogus\nsix==1.16.0 --hash=md5:zz --no-binary six\nlib==${VERSION}\n');
    expect(graph.warnings.map((w) => w.message)).toEqual([
      'requirements.txt:1:1: option --bogus is not one pip accepts in a requirements file; ignored',
      'requirements.txt:2:13: "md5:zz" is not a hash of the form sha256:<hex>; ignored',
      'requirements.txt:2:27: option --no-binary is not one pip accepts after a requirement; ignored',
      'requirements.txt:2:39: unexpected "six" among the options of a requirement; ignored',
      'requirements.txt:3:1: "lib==${VERSION}" uses an environment variable, which is only known when pip runs; line skipped',
    ]);
    expect([...graph.components.keys()]).toEqual([ROOT, 'pkg:pypi/six@1.16.0']);
  });
});
