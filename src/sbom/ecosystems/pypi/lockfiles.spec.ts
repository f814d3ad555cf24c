import { describe, expect, it } from '@jest/globals';
import type { DependencyGraph } from '../../model/graph.js';
import type { TextFile } from '../types.js';
import { parsePythonProject } from './parse-project.js';
import { errorOf } from '../../../../test/support/errors.js';

const SHA = (c: string): string => c.repeat(64);

function parse(lockfile: TextFile, ...manifests: TextFile[]): DependencyGraph {
  return parsePythonProject({ lockfile, manifests });
}


const targets = (graph: DependencyGraph, ref: string): string[] => [...(graph.edges.get(ref) ?? [])].sort();
const node = (graph: DependencyGraph, ref: string) => {
  const found = graph.components.get(ref);
  if (!found) throw new Error(`${ref} not in ${[...graph.components.keys()].join(', ')}`);
  return found;
};

const PYPROJECT_POETRY = {
  path: 'app/pyproject.toml',
  text: ['[tool.poetry]', 'name = "app"', 'version = "0.1.0"', 'license = "Apache-2.0"', '', '[tool.poetry.dependencies]', 'python = "^3.9"', 'web = { version = "^1.0", extras = ["fast"] }', '', '[tool.poetry.group.test.dependencies]', 'checker = "*"', ''].join('\n'),
};

describe('poetry.lock', () => {
  const lock20 = [
    '[[package]]',
    'name = "web"',
    'version = "1.2.0"',
    'description = ""',
    'optional = false',
    'python-versions = ">=3.8"',
    'files = [{file = "web-1.2.0.tar.gz", hash = "sha256:' + SHA('a') + '"}]',
    '',
    '[package.dependencies]',
    'speedups = {version = ">=1", optional = true}',
    'unused-opt = {version = ">=1", optional = true}',
    'util = [{version = "<2", python = "<3.10"}, {version = ">=2", python = ">=3.10"}]',
    '',
    '[package.extras]',
    'fast = ["speedups (>=1)"]',
    'other = ["unused-opt (>=1)"]',
    '',
    '[[package]]',
    'name = "speedups"',
    'version = "1.0.0"',
    'description = ""',
    'optional = true',
    'python-versions = "*"',
    'files = []',
    '',
    '[[package]]',
    'name = "util"',
    'version = "1.9.0"',
    'description = ""',
    'optional = false',
    'python-versions = "*"',
    'files = []',
    '',
    '[[package]]',
    'name = "util"',
    'version = "2.1.0"',
    'description = ""',
    'optional = false',
    'python-versions = "*"',
    'files = []',
    '',
    '[[package]]',
    'name = "checker"',
    'version = "3.0.0"',
    'description = ""',
    'optional = false',
    'python-versions = "*"',
    'files = []',
    '',
    '[[package]]',
    'name = "private"',
    'version = "0.5.0"',
    'description = ""',
    'optional = false',
    'python-versions = "*"',
    'files = []',
    '',
    '[package.source]',
    'type = "legacy"',
    'url = "https://user:pw@pypi.corp.example/simple"',
    'reference = "corp"',
    '',
    '[metadata]',
    'lock-version = "2.0"',
    'python-versions = "^3.9"',
    'content-hash = "0"',
    '',
  ].join('\n');

  it('lock-version 2.0 (no category, no groups): flags from the graph, requested extras only, versions chosen by constraint', () => {
    const graph = parse({ path: 'app/poetry.lock', text: lock20 }, PYPROJECT_POETRY);
    expect(graph.roots).toEqual(['pkg:pypi/app@0.1.0']);
    expect(node(graph, 'pkg:pypi/app@0.1.0')).toMatchObject({ sourceFile: 'app/pyproject.toml', licenses: [{ kind: 'expression', expression: 'Apache-2.0', source: 'manifest' }] });
    expect(targets(graph, 'pkg:pypi/app@0.1.0')).toEqual(['pkg:pypi/checker@3.0.0', 'pkg:pypi/web@1.2.0']);
    // `fast` is requested, `other` is not: only speedups gets an edge. `util` has two locked versions, one per constraint.
    expect(targets(graph, 'pkg:pypi/web@1.2.0')).toEqual(['pkg:pypi/speedups@1.0.0', 'pkg:pypi/util@1.9.0', 'pkg:pypi/util@2.1.0']);
    expect(node(graph, 'pkg:pypi/checker@3.0.0')).toMatchObject({ development: true, scope: 'optional', direct: true });
    expect(node(graph, 'pkg:pypi/speedups@1.0.0')).toMatchObject({ development: false, scope: 'required', direct: false });
    expect(node(graph, 'pkg:pypi/web@1.2.0').hashes).toEqual([{ alg: 'SHA-256', content: SHA('a') }]);
    // A private index is a purl qualifier, without its credentials.
    expect(graph.components.has('pkg:pypi/private@0.5.0?repository_url=https%3A%2F%2Fpypi.corp.example%2Fsimple')).toBe(true);
    expect(graph.warnings.map((w) => w.message)).toEqual(["1 locked package(s) not reachable from the project's declared dependencies: private@0.5.0"]);
  });

  it('lock-version 1.0: [metadata.hashes]; without pyproject.toml the packages nothing depends on are direct', () => {
    const text = [
      '[[package]]',
      'name = "top"',
      'version = "1.0"',
      'category = "main"',
      'optional = false',
      'python-versions = "*"',
      '',
      '[package.dependencies]',
      'leaf = "*"',
      '',
      '[[package]]',
      'name = "leaf"',
      'version = "2.0"',
      'category = "dev"',
      'optional = false',
      'python-versions = "*"',
      '',
      '[metadata]',
      'lock-version = "1.0"',
      'content-hash = "0"',
      'python-versions = "*"',
      '',
      '[metadata.hashes]',
      `top = ["${SHA('b')}"]`,
      'leaf = []',
    ].join('\n');
    const graph = parse({ path: 'poetry.lock', text });
    expect(graph.roots).toEqual(['pkg:pypi/project']);
    expect(targets(graph, 'pkg:pypi/project')).toEqual(['pkg:pypi/top@1.0']);
    expect(node(graph, 'pkg:pypi/top@1.0').hashes).toEqual([{ alg: 'SHA-256', content: SHA('b') }]);
    // The lockfile's own word on development use wins.
    expect(node(graph, 'pkg:pypi/leaf@2.0').development).toBe(true);
    expect(graph.warnings[0].message).toMatch(/^pyproject.toml is missing beside poetry.lock/);
  });

  it('refuses an unknown lock-version and malformed TOML with file, line and column', () => {
    const unsupported = errorOf(() => parse({ path: 'poetry.lock', text: '[metadata]\nlock-version = "3.0"\n' }));
    expect(unsupported.code).toBe('SBOM_UNSUPPORTED_LOCKFILE_VERSION');
    expect(unsupported.describe()).toBe('poetry.lock:2:1: poetry.lock lock-version 3.0 is not supported (1.x and 2.x are)');
    const truncated = errorOf(() => parse({ path: 'poetry.lock', text: lock20.slice(0, lock20.indexOf('files = [') + 30) }));
    expect(truncated.code).toBe('SBOM_MALFORMED_FILE');
    expect(truncated.category).toBe('bad-input');
    expect(truncated.describe()).toMatch(/^poetry\.lock:7:\d+: malformed poetry\.lock: /);
    expect(errorOf(() => parse({ path: 'poetry.lock', text: '[[package]]\nversion = "1"\n[metadata]\nlock-version = "2.0"\n' })).describe()).toBe(
      'poetry.lock:1:1: [[package]] number 1 has no name or version',
    );
  });
});

describe('uv.lock', () => {
  const uvLock = [
    'version = 1',
    'revision = 2',
    'requires-python = ">=3.10"',
    '',
    '[[package]]',
    'name = "service"',
    'source = { virtual = "." }',
    'dependencies = [{ name = "client", extra = ["async"] }]',
    '',
    '[package.optional-dependencies]',
    'metrics = [{ name = "stats" }]',
    '',
    '[package.dev-dependencies]',
    'dev = [{ name = "tester" }]',
    '',
    '[[package]]',
    'name = "client"',
    'version = "3.1.0"',
    'source = { registry = "https://mirror.example/simple" }',
    `sdist = { url = "https://mirror.example/client-3.1.0.tar.gz", hash = "sha256:${SHA('c')}", size = 1 }`,
    `wheels = [{ url = "https://mirror.example/client-3.1.0-py3-none-any.whl", hash = "sha256:${SHA('d')}", size = 1 }]`,
    '',
    '[package.optional-dependencies]',
    'async = [{ name = "loop" }]',
    '',
    '[[package]]',
    'name = "loop"',
    'version = "1.0.0"',
    'source = { url = "https://files.example/loop-1.0.0.tar.gz" }',
    '',
    '[[package]]',
    'name = "stats"',
    'version = "0.3.0"',
    'source = { registry = "https://pypi.org/simple" }',
    '',
    '[[package]]',
    'name = "tester"',
    'version = "7.0.0"',
    'source = { registry = "https://pypi.org/simple" }',
    '',
  ].join('\n');

  it('the virtual project is the root; extras, groups, mirrors and URL sources', () => {
    const graph = parse({ path: 'svc/uv.lock', text: uvLock });
    expect(graph.roots).toEqual(['pkg:pypi/service']);
    const client = 'pkg:pypi/client@3.1.0?repository_url=https%3A%2F%2Fmirror.example%2Fsimple';
    const loop = 'pkg:pypi/loop@1.0.0?download_url=https%3A%2F%2Ffiles.example%2Floop-1.0.0.tar.gz';
    expect(targets(graph, 'pkg:pypi/service')).toEqual([client, 'pkg:pypi/stats@0.3.0', 'pkg:pypi/tester@7.0.0']);
    expect(targets(graph, client)).toEqual([loop]);
    expect(node(graph, client).hashes.map((h) => h.content)).toEqual([SHA('c'), SHA('d')]);
    expect(node(graph, 'pkg:pypi/stats@0.3.0')).toMatchObject({ scope: 'optional', development: false, direct: true });
    expect(node(graph, 'pkg:pypi/tester@7.0.0')).toMatchObject({ scope: 'optional', development: true, direct: true });
    expect(node(graph, loop)).toMatchObject({ scope: 'required', development: false, direct: false, properties: { 'chainward:pypi:source': 'url' } });
    expect(graph.warnings).toEqual([]);
  });

  it('refuses another lockfile version', () => {
    const error = errorOf(() => parse({ path: 'uv.lock', text: 'version = 2\n' }));
    expect(error.code).toBe('SBOM_UNSUPPORTED_LOCKFILE_VERSION');
    expect(error.describe()).toBe('uv.lock:1:1: uv.lock version 2 is not supported (version 1 is)');
  });
});

describe('Pipfile.lock', () => {
  it('reads a git entry without inventing a version, and reports malformed JSON with line and column', () => {
    const text = JSON.stringify(
      {
        _meta: { 'pipfile-spec': 6, sources: [{ name: 'pypi', url: 'https://pypi.org/simple' }] },
        default: { tool: { git: 'https://token@github.com/org/tool.git', ref: '0123456789abcdef0123456789abcdef01234567' } },
        develop: {},
      },
      null,
      2,
    );
    const graph = parse({ path: 'Pipfile.lock', text });
    const tool = [...graph.components.values()].find((c) => c.name === 'tool');
    expect(tool).toMatchObject({
      version: '',
      purl: 'pkg:pypi/tool?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Forg%2Ftool.git%400123456789abcdef0123456789abcdef01234567',
      properties: { 'chainward:declared-only': 'true', 'chainward:pypi:source': 'vcs' },
    });
    const error = errorOf(() => parse({ path: 'Pipfile.lock', text: text.slice(0, 60) }));
    expect(error.code).toBe('SBOM_MALFORMED_FILE');
    expect(error.location).toMatchObject({ file: 'Pipfile.lock', line: expect.any(Number), column: expect.any(Number) });
  });
});

describe('pyproject.toml without a lockfile', () => {
  const pyproject = [
    '[project]',
    'name = "tool"',
    'version = "2.0.0"',
    'license = { text = "BSD-3-Clause" }',
    'dependencies = ["httpx>=0.27", "rich==13.7.1", "vendored @ git+https://github.com/org/vendored.git@v1"]',
    '',
    '[project.optional-dependencies]',
    'yaml = ["pyyaml>=6 ; python_version >= \'3.8\'"]',
    '',
    '[dependency-groups]',
    'test = ["pytest>=8", { include-group = "lint" }]',
    'lint = ["ruff"]',
    '',
  ].join('\n');

  it('declares components with no invented version', () => {
    const graph = parse({ path: 'pyproject.toml', text: pyproject });
    expect(graph.roots).toEqual(['pkg:pypi/tool@2.0.0']);
    expect(node(graph, 'pkg:pypi/tool@2.0.0').licenses).toEqual([{ kind: 'expression', expression: 'BSD-3-Clause', source: 'manifest' }]);
    expect(targets(graph, 'pkg:pypi/tool@2.0.0')).toEqual([
      'pkg:pypi/httpx',
      'pkg:pypi/pytest',
      'pkg:pypi/pyyaml',
      'pkg:pypi/rich@13.7.1',
      'pkg:pypi/ruff',
      'pkg:pypi/vendored?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Forg%2Fvendored.git%40v1',
    ]);
    expect(node(graph, 'pkg:pypi/httpx')).toMatchObject({
      version: '',
      scope: 'required',
      properties: { 'chainward:declared-only': 'true', 'chainward:unpinned': 'true', 'chainward:version-constraint': '>=0.27' },
    });
    expect(node(graph, 'pkg:pypi/rich@13.7.1').properties).toEqual({});
    expect(node(graph, 'pkg:pypi/pyyaml')).toMatchObject({ scope: 'optional', development: false, properties: { 'chainward:pypi:marker': "python_version >= '3.8'" } });
    expect(node(graph, 'pkg:pypi/ruff')).toMatchObject({ development: true, scope: 'optional' });
  });

  it('leaves out a uv workspace member (its workspace lockfile resolves it) and a settings-only file', () => {
    const member = parse({ path: 'libs/core/pyproject.toml', text: pyproject }, { path: 'uv.lock', text: 'source = { editable = "libs/core" }\n' });
    expect(member.components.size).toBe(0);
    expect(member.sources).toEqual(['libs/core/pyproject.toml']);
    const settings = parse({ path: 'pyproject.toml', text: '[tool.black]\nline-length = 100\n' });
    expect(settings.components.size).toBe(0);
  });

  it('reports an invalid dependency with the line it is written on', () => {
    const error = errorOf(() => parse({ path: 'pyproject.toml', text: '[project]\nname = "x"\ndependencies = [\n  "ok",\n  "bad name",\n]\n' }));
    expect(error.describe()).toBe('pyproject.toml:5:4: invalid requirement "bad name" in [project]: invalid version specifier "name"');
  });
});
