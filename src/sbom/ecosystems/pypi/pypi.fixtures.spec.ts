import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import type { ComponentNode, DependencyGraph } from '../../model/graph.js';
import type { TextFile } from '../types.js';
import { parsePythonProject } from './parse-project.js';

const FIXTURES = new URL('../../../../test/fixtures/pypi/', import.meta.url);

const read = (fixture: string, file: string): TextFile => ({ path: file, text: readFileSync(new URL(`${fixture}/${file}`, FIXTURES), 'utf8') });

function parseFixture(fixture: string, lockfile: string, manifests: string[], transform: (text: string) => string = (t) => t): DependencyGraph {
  const present = manifests.filter((file) => existsSync(new URL(`${fixture}/${file}`, FIXTURES)));
  const lock = read(fixture, lockfile);
  return parsePythonProject({ lockfile: { ...lock, text: transform(lock.text) }, manifests: present.map((file) => read(fixture, file)) });
}

const norm = (name: string): string => name.replace(/[-_.]+/g, '-').toLowerCase();
const libraries = (graph: DependencyGraph): ComponentNode[] => [...graph.components.values()].filter((n) => n.type === 'library');
const pairs = (graph: DependencyGraph): Set<string> => new Set(libraries(graph).map((n) => `${norm(n.name)}@${n.version}`));
const edgeCount = (graph: DependencyGraph): number => [...graph.edges.values()].reduce((sum, targets) => sum + targets.size, 0);
const targets = (graph: DependencyGraph, ref: string): string[] => [...(graph.edges.get(ref) ?? [])].sort();
const devNames = (graph: DependencyGraph): string[] => libraries(graph).filter((n) => n.development).map((n) => norm(n.name)).sort();

function get(graph: DependencyGraph, ref: string): ComponentNode {
  const node = graph.components.get(ref);
  if (!node) throw new Error(`${ref} is not in the graph`);
  return node;
}

function expectEdgeTargetsExist(graph: DependencyGraph): void {
  for (const [from, to] of graph.edges) {
    expect(graph.components.has(from)).toBe(true);
    for (const target of to) expect(graph.components.has(target)).toBe(true);
  }
}

/** Independent reading of `[[package]]` blocks: name and (optional) version, as poetry.lock and uv.lock write them. */
function lockedPairs(text: string): Set<string> {
  const result = new Set<string>();
  for (const block of text.split(/^\[\[package\]\]$/m).slice(1)) {
    const name = /^name = "([^"]+)"$/m.exec(block)?.[1] as string;
    const version = /^version = "([^"]+)"$/m.exec(block)?.[1] ?? '';
    result.add(`${norm(name)}@${version}`);
  }
  return result;
}

describe('poetry.lock (real lockfiles)', () => {
  it('lock-version 1.1: every package, hashes from [metadata.files], dev flags from category', () => {
    const graph = parseFixture('poetry-lock-1.1', 'poetry.lock', ['pyproject.toml']);
    const lock = read('poetry-lock-1.1', 'poetry.lock').text;
    expect(pairs(graph)).toEqual(lockedPairs(lock));
    expect(pairs(graph).size).toBe(83);
    expect(graph.roots).toEqual(['pkg:pypi/poetry@1.3.0.dev0']);
    expect(get(graph, 'pkg:pypi/poetry@1.3.0.dev0')).toMatchObject({ type: 'application', sourceFile: 'pyproject.toml', licenses: [{ kind: 'expression', expression: 'MIT', source: 'manifest' }] });
    // 25 run-time dependencies + 1 dev + 10 test + 5 typing + 1 github-actions, all locked.
    expect(targets(graph, 'pkg:pypi/poetry@1.3.0.dev0')).toHaveLength(42);
    // 42 from the root, 74 unconditional package dependencies, 3 reached through requested extras.
    expect(edgeCount(graph)).toBe(119);
    expectEdgeTargetsExist(graph);
    expect(graph.warnings).toEqual([]);

    const expectedDev = [...lock.matchAll(/^name = "([^"]+)"\nversion = "[^"]+"\ndescription = .*\ncategory = "dev"$/gm)].map((m) => norm(m[1])).sort();
    expect(expectedDev).toHaveLength(33);
    expect(devNames(graph)).toEqual(expectedDev);

    expect(get(graph, 'pkg:pypi/backports-cached-property@1.0.2')).toMatchObject({ name: 'backports.cached-property', direct: true, development: false });
    expect(get(graph, 'pkg:pypi/requests@2.28.1')).toMatchObject({ scope: 'required', direct: true, sourceFile: 'poetry.lock' });
    expect(get(graph, 'pkg:pypi/attrs@22.1.0').hashes).toEqual([
      { alg: 'SHA-256', content: '86efa402f67bf2df34f51a335487cf46b1ec130d02b8d39fd248abfd30da551c' },
      { alg: 'SHA-256', content: '29adc2665447e5191d0e7c568fde78b21f9672d344281d0c6e1ab085429b22b6' },
    ]);
    // cachecontrol = { extras = ["filecache"] } activates CacheControl's optional `lockfile` dependency.
    expect(targets(graph, 'pkg:pypi/cachecontrol@0.12.11')).toEqual(['pkg:pypi/lockfile@0.12.2', 'pkg:pypi/msgpack@1.0.4', 'pkg:pypi/requests@2.28.1']);
    expect(get(graph, 'pkg:pypi/pytest@7.1.3')).toMatchObject({ development: true, scope: 'optional', properties: { 'chainward:pypi:development': 'true' } });
  });

  it('computes from the graph the same development set the lockfile states', () => {
    for (const fixture of ['poetry-lock-1.1', 'poetry-lock-2.1']) {
      const stated = parseFixture(fixture, 'poetry.lock', ['pyproject.toml']);
      const computed = parseFixture(fixture, 'poetry.lock', ['pyproject.toml'], (text) => text.replace(/^(category|groups) = .*\n/gm, ''));
      expect(devNames(computed)).toEqual(devNames(stated));
      expect(devNames(stated).length).toBeGreaterThan(20);
    }
  });

  it('lock-version 2.1: groups, per-package files and a git source', () => {
    const graph = parseFixture('poetry-lock-2.1', 'poetry.lock', ['pyproject.toml']);
    const lock = read('poetry-lock-2.1', 'poetry.lock').text;
    expect(pairs(graph)).toEqual(lockedPairs(lock));
    expect(pairs(graph).size).toBe(78);
    expect(graph.roots).toEqual(['pkg:pypi/poetry@2.5.0.dev0']);
    expect(targets(graph, 'pkg:pypi/poetry@2.5.0.dev0')).toHaveLength(35);
    expect(edgeCount(graph)).toBe(122);
    expectEdgeTargetsExist(graph);
    expect(graph.warnings).toEqual([]);
    const notMain = [...lock.matchAll(/^name = "([^"]+)"\n(?:.*\n){1,4}?groups = \[([^\]]*)\]$/gm)].filter((m) => !m[2].includes('"main"')).map((m) => norm(m[1]));
    expect(devNames(graph)).toEqual(notMain.sort());
    expect(notMain).toHaveLength(25);

    const core = libraries(graph).find((n) => n.name === 'poetry-core');
    expect(core).toMatchObject({
      version: '2.4.1',
      purl: 'pkg:pypi/poetry-core@2.4.1?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fpython-poetry%2Fpoetry-core.git%40e3998b0e111dc03e4aa721fd054c48e5c7de6fc5',
      direct: true,
      hashes: [],
      properties: { 'chainward:pypi:source': 'vcs', 'chainward:pypi:groups': 'main' },
    });
    expect(get(graph, 'pkg:pypi/backports-tarfile@1.2.0').properties['chainward:pypi:marker']).toBe('python_version < "3.12"');
    // dulwich is both a run-time and a test dependency: run time wins.
    expect(libraries(graph).find((n) => n.name === 'dulwich')).toMatchObject({ development: false, direct: true });
  });
});

describe('uv.lock (real lockfiles)', () => {
  it('version 1 without revision: the editable project is the root, extras optional, groups development', () => {
    const graph = parseFixture('pydantic-uv-2025-01', 'uv.lock', ['pyproject.toml']);
    const lock = read('pydantic-uv-2025-01', 'uv.lock').text;
    const locked = lockedPairs(lock);
    locked.delete('pydantic@2.10.5');
    expect(pairs(graph)).toEqual(locked);
    expect(pairs(graph).size).toBe(111);
    expect(graph.roots).toEqual(['pkg:pypi/pydantic@2.10.5']);
    expect(get(graph, 'pkg:pypi/pydantic@2.10.5')).toMatchObject({ type: 'application', sourceFile: 'pyproject.toml', licenses: [{ kind: 'expression', expression: 'MIT', source: 'manifest' }] });
    // Every dependency list of the lockfile is followed: 202 edges.
    expect(edgeCount(graph)).toBe(202);
    expectEdgeTargetsExist(graph);
    expect(graph.warnings).toEqual([]);
    expect(get(graph, 'pkg:pypi/pydantic-core@2.27.2')).toMatchObject({ scope: 'required', development: false, direct: true });
    expect(get(graph, 'pkg:pypi/email-validator@2.2.0')).toMatchObject({ scope: 'optional', development: false, direct: true });
    expect(get(graph, 'pkg:pypi/pytest@8.3.3')).toMatchObject({ scope: 'optional', development: true, direct: true });
    expect(get(graph, 'pkg:pypi/annotated-types@0.7.0').hashes).toHaveLength(2);
    const extraTypes = libraries(graph).find((n) => n.name === 'pydantic-extra-types');
    expect(extraTypes?.purl).toBe(
      'pkg:pypi/pydantic-extra-types@2.10.0?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fpydantic%2Fpydantic-extra-types.git%40f27a1325de5112ccd86b192645bfbb6b633ffcae',
    );
  });

  it('revision 3 workspace: both members are roots, a member without a version, two numpy versions', () => {
    const graph = parseFixture('pydantic-uv-rev3', 'uv.lock', ['pyproject.toml']);
    const lock = read('pydantic-uv-rev3', 'uv.lock').text;
    const locked = lockedPairs(lock);
    locked.delete('pydantic@');
    locked.delete('pydantic-core@');
    expect(pairs(graph)).toEqual(locked);
    expect(pairs(graph).size).toBe(174);
    expect(graph.roots).toEqual(['pkg:pypi/pydantic', 'pkg:pypi/pydantic-core']);
    expect(get(graph, 'pkg:pypi/pydantic')).toMatchObject({ type: 'application', version: '', sourceFile: 'pyproject.toml' });
    expect(get(graph, 'pkg:pypi/pydantic-core')).toMatchObject({ type: 'application', version: '', sourceFile: 'uv.lock' });
    expect(targets(graph, 'pkg:pypi/pydantic')).toContain('pkg:pypi/pydantic-core');
    expect(edgeCount(graph)).toBe(361);
    expectEdgeTargetsExist(graph);
    expect(graph.warnings).toEqual([]);
    expect(get(graph, 'pkg:pypi/numpy@2.2.6').hashes).toHaveLength(30);
    expect(get(graph, 'pkg:pypi/numpy@2.3.4').hashes).toHaveLength(35);
    expect(targets(graph, 'pkg:pypi/pydantic-core')).toEqual(expect.arrayContaining(['pkg:pypi/numpy@2.2.6', 'pkg:pypi/numpy@2.3.4']));
    expect(devNames(graph)).toHaveLength(167);
  });
});

describe('Pipfile.lock (real lockfiles)', () => {
  const lockedNames = (fixture: string): Set<string> => {
    const lock = JSON.parse(read(fixture, 'Pipfile.lock').text) as Record<string, Record<string, { version?: string; path?: string }>>;
    const result = new Set<string>();
    for (const section of ['default', 'develop']) {
      for (const [name, entry] of Object.entries(lock[section])) if (entry.path !== '.') result.add(`${norm(name)}@${(entry.version ?? '').replace(/^==/, '')}`);
    }
    return result;
  };

  it('2023: the project itself (path ".") names the root; the Pipfile says which are direct', () => {
    const graph = parseFixture('pipenv-pipfile-2023', 'Pipfile.lock', ['Pipfile']);
    expect(pairs(graph)).toEqual(lockedNames('pipenv-pipfile-2023'));
    expect(pairs(graph).size).toBe(81);
    expect(graph.roots).toEqual(['pkg:pypi/pipenv']);
    // 20 dev-packages besides the project itself, and pytz.
    expect(targets(graph, 'pkg:pypi/pipenv')).toHaveLength(21);
    expect(edgeCount(graph)).toBe(21);
    expect(get(graph, 'pkg:pypi/pytz@2022.7.1')).toMatchObject({ development: false, scope: 'required', direct: true, hashes: [expect.objectContaining({ alg: 'SHA-256' }), expect.objectContaining({ alg: 'SHA-256' })] });
    expect(get(graph, 'pkg:pypi/requests@2.28.2')).toMatchObject({ development: true, scope: 'optional', direct: false });
    expect(get(graph, 'pkg:pypi/atomicwrites@1.4.1')).toMatchObject({ direct: true, properties: { 'chainward:pypi:marker': "sys_platform == 'win32'", 'chainward:pypi:development': 'true' } });
    expect(devNames(graph)).toHaveLength(80);
    expect(graph.warnings).toEqual([]);
  });

  it('2026: sections locked apart (one name at two versions); without the Pipfile every package is direct', () => {
    const graph = parseFixture('pipenv-pipfile-2026', 'Pipfile.lock', ['Pipfile']);
    expect(pairs(graph)).toEqual(lockedNames('pipenv-pipfile-2026'));
    // 10 default + 100 develop entries; 5 of the 9 names in both sections are locked at the same version.
    expect(pairs(graph).size).toBe(105);
    expect(graph.roots).toEqual(['pkg:pypi/project']);
    expect(libraries(graph).filter((n) => !n.development)).toHaveLength(10);
    expect(get(graph, 'pkg:pypi/pytest@9.0.3')).toMatchObject({ development: false, direct: false });
    // Pipfile: exceptiongroup = "==1.1.0" under [dev-packages] is the develop section's version.
    expect(get(graph, 'pkg:pypi/exceptiongroup@1.1.0')).toMatchObject({ development: true, direct: true });
    expect(get(graph, 'pkg:pypi/exceptiongroup@1.3.1')).toMatchObject({ development: false, direct: false });
    // The Pipfile declares 26 dev-packages and pytz.
    expect(libraries(graph).filter((n) => n.direct)).toHaveLength(27);
    expect(graph.warnings).toEqual([]);

    const withoutPipfile = parseFixture('pipenv-pipfile-2026', 'Pipfile.lock', []);
    expect(libraries(withoutPipfile).filter((n) => n.direct)).toHaveLength(105);
  });
});

describe('requirements files (real pip-compile output)', () => {
  const pinned = (text: string): Set<string> => new Set([...text.matchAll(/^([A-Za-z0-9][\w.-]*)(?:\[[^\]]*\])?==(\S+)/gm)].map((m) => `${norm(m[1])}@${m[2]}`));
  const inputLines = (text: string): number => text.split('\n').filter((line) => line.trim() !== '' && !line.trim().startsWith('#')).length;

  it.each([
    // The 2026 file also says pyjwt is "via pyjwt" (its own extra): that self-reference is not an edge.
    ['warehouse-requirements-2023', 150, 259],
    ['warehouse-requirements-2026', 184, 338],
  ])('%s: every pin with its hashes; "# via" gives %i components and %i edges', (fixture, components, edges) => {
    const graph = parseFixture(fixture, 'requirements/main.txt', ['requirements/main.in']);
    const text = read(fixture, 'requirements/main.txt').text;
    expect(pairs(graph)).toEqual(pinned(text));
    expect(pairs(graph).size).toBe(components);
    expect(edgeCount(graph)).toBe(edges);
    expectEdgeTargetsExist(graph);
    expect(graph.warnings).toEqual([]);
    const root = 'pkg:pypi/project?manifest=requirements%2Fmain.txt';
    expect(graph.roots).toEqual([root]);
    // Direct: exactly the packages of requirements/main.in, which pip-compile writes as "via -r requirements/main.in".
    expect(targets(graph, root)).toHaveLength(inputLines(read(fixture, 'requirements/main.in').text));
    expect(libraries(graph).every((n) => n.hashes.length > 0 && n.hashes.every((h) => h.alg === 'SHA-256'))).toBe(true);
    expect(libraries(graph).every((n) => !n.development && n.scope === 'required')).toBe(true);
  });

  it('2023: named packages, extras and edges from the annotations', () => {
    const graph = parseFixture('warehouse-requirements-2023', 'requirements/main.txt', []);
    expect(get(graph, 'pkg:pypi/celery@5.2.7')).toMatchObject({ direct: true, properties: { 'chainward:pypi:extras': 'sqs' } });
    expect(get(graph, 'pkg:pypi/amqp@5.1.1').direct).toBe(false);
    expect(targets(graph, 'pkg:pypi/kombu@5.2.4')).toContain('pkg:pypi/amqp@5.1.1');
    expect(targets(graph, 'pkg:pypi/argon2-cffi@21.3.0')).toEqual(['pkg:pypi/argon2-cffi-bindings@21.2.0']);
    expect(get(graph, 'pkg:pypi/argon2-cffi-bindings@21.2.0').hashes).toHaveLength(21);
  });
});
