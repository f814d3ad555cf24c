import { describe, expect, it } from '@jest/globals';
import type { DependencyGraph } from '../../model/graph.js';
import type { TextFile } from '../types.js';
import { parsePackageLock } from './parse-package-lock.js';
import { errorOf } from '../../../../test/support/errors.js';

const EMPTY_SHA512 = 'sha512-z4PhNX7vuL3xVChQ1m2AB9Yg5AULVxXcg/SpIdNs6c5H0NE8XYXysP+DGNKHfuwvY7kxvUdBeoGlODJ6+SfaPg==';
const EMPTY_SHA512_HEX =
  'cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e';
const EMPTY_SHA1 = 'sha1-2jmj7l5rSw0yVb/vlWAYkK/YBwk=';
const EMPTY_SHA1_HEX = 'da39a3ee5e6b4b0d3255bfef95601890afd80709';

function file(path: string, content: unknown): TextFile {
  return { path, text: typeof content === 'string' ? content : JSON.stringify(content, null, 2) };
}

function parse(lock: unknown, manifest: unknown, directory = 'app'): DependencyGraph {
  return parsePackageLock(file(`${directory}/package-lock.json`, lock), file(`${directory}/package.json`, manifest));
}

function edgesOf(graph: DependencyGraph): string[] {
  const out: string[] = [];
  for (const [from, targets] of graph.edges) for (const to of targets) out.push(`${from} -> ${to}`);
  return out.sort();
}

function node(graph: DependencyGraph, ref: string) {
  const found = graph.components.get(ref);
  if (!found) throw new Error(`no component ${ref}; have ${[...graph.components.keys()].join(', ')}`);
  return found;
}


/** A v3 workspace: the same checked by hand against `npm ls --all --package-lock-only`. */
const monorepoManifest = {
  name: 'mono',
  version: '1.0.0',
  license: 'Apache-2.0',
  workspaces: ['packages/*'],
  dependencies: { a: '^1.0.0', 'lodash-old': 'npm:lodash@3.10.1', g: 'github:x/g' },
  devDependencies: { d: '^1.0.0' },
  optionalDependencies: { o: '^1.0.0' },
};
const monorepoLock = {
  name: 'mono',
  version: '1.0.0',
  lockfileVersion: 3,
  requires: true,
  packages: {
    '': { name: 'mono', version: '1.0.0', dependencies: { a: '^1.0.0' } },
    'node_modules/@scope/util': { resolved: 'packages/util', link: true },
    'node_modules/@scope/web': { resolved: 'packages/web', link: true },
    'node_modules/a': {
      version: '1.0.0',
      integrity: EMPTY_SHA512,
      license: 'MIT',
      dependencies: { b: '^2.0.0', bun: '^1.0.0' },
      peerDependencies: { p: '*', q: '*' },
      peerDependenciesMeta: { q: { optional: true } },
    },
    'node_modules/a/node_modules/bun': { version: '1.0.0', inBundle: true },
    'node_modules/b': { version: '2.0.0' },
    'node_modules/c': { version: '1.0.0', dependencies: { b: '^1.0.0' } },
    'node_modules/c/node_modules/b': { version: '1.0.0' },
    'node_modules/d': { version: '1.0.0', dev: true, dependencies: { do: '^1.0.0' } },
    'node_modules/do': { version: '1.0.0', devOptional: true },
    'node_modules/g': { version: '2.1.0', resolved: 'git+ssh://git@github.com/x/g.git#0123abc' },
    'node_modules/lodash-old': { name: 'lodash', version: '3.10.1', license: 'MIT', resolved: 'https://registry.npmjs.org/lodash/-/lodash-3.10.1.tgz' },
    'node_modules/o': { version: '1.0.0', optional: true, optionalDependencies: { do: '^1.0.0' } },
    'node_modules/p': { version: '1.0.0', peer: true },
    'packages/util': { name: '@scope/util', version: '0.2.0', dependencies: { b: '^2.0.0' } },
    'packages/web': { name: '@scope/web', version: '0.1.0', license: 'MIT', dependencies: { '@scope/util': '*', b: '^3.0.0', c: '^1.0.0' } },
    'packages/web/node_modules/b': { version: '3.0.0' },
  },
};

describe('parsePackageLock, lockfileVersion 2/3', () => {
  const graph = parse(monorepoLock, monorepoManifest);

  it('resolves each dependency the way node does: nested, then hoisted, then through links', () => {
    expect(edgesOf(graph)).toEqual([
      'pkg:npm/%40scope/util@0.2.0 -> pkg:npm/b@2.0.0',
      'pkg:npm/%40scope/web@0.1.0 -> pkg:npm/%40scope/util@0.2.0',
      'pkg:npm/%40scope/web@0.1.0 -> pkg:npm/b@3.0.0',
      'pkg:npm/%40scope/web@0.1.0 -> pkg:npm/c@1.0.0',
      'pkg:npm/a@1.0.0 -> pkg:npm/b@2.0.0',
      'pkg:npm/a@1.0.0 -> pkg:npm/bun@1.0.0',
      'pkg:npm/a@1.0.0 -> pkg:npm/p@1.0.0',
      'pkg:npm/c@1.0.0 -> pkg:npm/b@1.0.0',
      'pkg:npm/d@1.0.0 -> pkg:npm/do@1.0.0',
      'pkg:npm/mono@1.0.0 -> pkg:npm/a@1.0.0',
      'pkg:npm/mono@1.0.0 -> pkg:npm/d@1.0.0',
      'pkg:npm/mono@1.0.0 -> pkg:npm/g@2.1.0',
      'pkg:npm/mono@1.0.0 -> pkg:npm/lodash@3.10.1',
      'pkg:npm/mono@1.0.0 -> pkg:npm/o@1.0.0',
      'pkg:npm/o@1.0.0 -> pkg:npm/do@1.0.0',
    ]);
    // The optional peer q is not installed: no edge, no warning.
    expect(graph.warnings).toEqual([]);
  });

  it('makes the project and every workspace package a root of type application', () => {
    expect(graph.roots).toEqual(['pkg:npm/%40scope/util@0.2.0', 'pkg:npm/%40scope/web@0.1.0', 'pkg:npm/mono@1.0.0']);
    const project = node(graph, 'pkg:npm/mono@1.0.0');
    expect(project).toMatchObject({ type: 'application', name: 'mono', version: '1.0.0', sourceFile: 'app/package.json', scope: 'required' });
    expect(project.licenses).toEqual([{ kind: 'expression', expression: 'Apache-2.0', source: 'manifest' }]);
    const web = node(graph, 'pkg:npm/%40scope/web@0.1.0');
    expect(web).toMatchObject({ type: 'application', group: '@scope', name: 'web', sourceFile: 'app/package-lock.json' });
    expect(web.properties['chainward:npm:install-path']).toBe('app/packages/web');
    // Links are not components of their own: 12 libraries and 3 roots.
    expect([...graph.components.values()].filter((n) => n.type === 'library')).toHaveLength(12);
    expect(graph.components.size).toBe(15);
    expect(graph.sources).toEqual(['app/package-lock.json', 'app/package.json']);
  });

  it('names an aliased package by the package it installs', () => {
    const lodash = node(graph, 'pkg:npm/lodash@3.10.1');
    expect(lodash).toMatchObject({ name: 'lodash', version: '3.10.1', direct: true });
    expect(lodash.licenses).toEqual([{ kind: 'expression', expression: 'MIT', source: 'lockfile' }]);
    expect(lodash.properties['chainward:npm:install-path']).toBe('app/node_modules/lodash-old');
    expect(lodash.properties['chainward:resolved']).toBeUndefined();
  });

  it('maps dev, optional, devOptional and peer flags to development and scope', () => {
    const flags = (ref: string) => {
      const { scope, development, direct } = node(graph, ref);
      return { scope, development, direct, dev: node(graph, ref).properties['cdx:npm:package:development'] };
    };
    expect(flags('pkg:npm/a@1.0.0')).toEqual({ scope: 'required', development: false, direct: true, dev: undefined });
    expect(flags('pkg:npm/b@2.0.0')).toEqual({ scope: 'required', development: false, direct: true, dev: undefined });
    expect(flags('pkg:npm/b@1.0.0')).toEqual({ scope: 'required', development: false, direct: false, dev: undefined });
    expect(flags('pkg:npm/d@1.0.0')).toEqual({ scope: 'optional', development: true, direct: true, dev: 'true' });
    expect(flags('pkg:npm/do@1.0.0')).toEqual({ scope: 'optional', development: true, direct: false, dev: 'true' });
    expect(flags('pkg:npm/o@1.0.0')).toEqual({ scope: 'optional', development: false, direct: true, dev: undefined });
    expect(flags('pkg:npm/p@1.0.0')).toEqual({ scope: 'required', development: false, direct: false, dev: undefined });
  });

  it('reads hashes, licences, bundling and non-registry sources', () => {
    const a = node(graph, 'pkg:npm/a@1.0.0');
    expect(a.hashes).toEqual([{ alg: 'SHA-512', content: EMPTY_SHA512_HEX }]);
    expect(a.licenses).toEqual([{ kind: 'expression', expression: 'MIT', source: 'lockfile' }]);
    expect(node(graph, 'pkg:npm/bun@1.0.0').properties).toEqual({
      'chainward:npm:install-path': 'app/node_modules/a/node_modules/bun',
      'cdx:npm:package:bundled': 'true',
    });
    expect(node(graph, 'pkg:npm/g@2.1.0').properties['chainward:resolved']).toBe('git+ssh://git@github.com/x/g.git#0123abc');
  });
});

describe('parsePackageLock, one purl at several install paths', () => {
  const lock = {
    lockfileVersion: 2,
    packages: {
      '': {},
      'node_modules/x': { version: '1.0.0', dev: true, integrity: EMPTY_SHA1 },
      'node_modules/y': { version: '1.0.0', dependencies: { x: '^1.0.0' } },
      'node_modules/y/node_modules/x': { version: '1.0.0', integrity: EMPTY_SHA512 },
      'node_modules/z': { version: '1.0.0', dev: true, dependencies: { x: '^1.0.0' } },
      'node_modules/z/node_modules/x': { version: '1.0.0', dev: true },
    },
  };
  const graph = parse(lock, { name: 'p', version: '0.0.1', dependencies: { y: '*' }, devDependencies: { x: '*', z: '*' } });

  it('is required and not development when any location is, and keeps its first path and every hash', () => {
    const x = node(graph, 'pkg:npm/x@1.0.0');
    expect(x).toMatchObject({ scope: 'required', development: false, direct: true });
    expect(x.properties['chainward:npm:install-path']).toBe('app/node_modules/x');
    expect(x.hashes).toEqual([
      { alg: 'SHA-1', content: EMPTY_SHA1_HEX },
      { alg: 'SHA-512', content: EMPTY_SHA512_HEX },
    ]);
    expect(edgesOf(graph)).toEqual([
      'pkg:npm/p@0.0.1 -> pkg:npm/x@1.0.0',
      'pkg:npm/p@0.0.1 -> pkg:npm/y@1.0.0',
      'pkg:npm/p@0.0.1 -> pkg:npm/z@1.0.0',
      'pkg:npm/y@1.0.0 -> pkg:npm/x@1.0.0',
      'pkg:npm/z@1.0.0 -> pkg:npm/x@1.0.0',
    ]);
  });
});

describe('parsePackageLock, unresolved and unreachable entries', () => {
  it('warns about a required dependency that is not installed, not about an absent optional one', () => {
    const lock = {
      lockfileVersion: 3,
      packages: {
        '': {},
        'node_modules/a': { version: '1.0.0', dependencies: { ghost: '*' }, optionalDependencies: { fsevents: '*' } },
        'node_modules/@x/tool': { resolved: 'tools/missing', link: true },
        'node_modules/stray': { version: '0.1.0' },
      },
    };
    const graph = parse(lock, { name: 'p', dependencies: { a: '*', absent: '*' }, optionalDependencies: { maybe: '*' } });
    expect(graph.warnings).toEqual([
      { file: 'app/package-lock.json', message: 'link node_modules/@x/tool points to tools/missing, which the lockfile does not list' },
      { file: 'app/package-lock.json', message: 'app/package.json depends on absent, which the lockfile does not install' },
      { file: 'app/package-lock.json', message: 'node_modules/a depends on ghost, which the lockfile does not install' },
    ]);
    expect(edgesOf(graph)).toEqual(['pkg:npm/p -> pkg:npm/a@1.0.0']);
    expect(node(graph, 'pkg:npm/stray@0.1.0').properties['cdx:npm:package:extraneous']).toBe('true');
    expect(node(graph, 'pkg:npm/a@1.0.0').properties['cdx:npm:package:extraneous']).toBeUndefined();
  });

  it('resolves a package linked from outside the project only inside its own folder', () => {
    const lock = {
      lockfileVersion: 3,
      packages: {
        '': {},
        '../lib': { name: 'lib', version: '2.0.0', dependencies: { b: '*', c: '*' } },
        '../lib/node_modules/b': { version: '1.0.0' },
        'node_modules/c': { version: '1.0.0' },
        'node_modules/lib': { resolved: '../lib', link: true },
      },
    };
    const graph = parse(lock, { name: 'p', dependencies: { lib: 'file:../lib', c: '*' } });
    expect(edgesOf(graph)).toEqual(['pkg:npm/lib@2.0.0 -> pkg:npm/b@1.0.0', 'pkg:npm/p -> pkg:npm/c@1.0.0', 'pkg:npm/p -> pkg:npm/lib@2.0.0']);
    expect(graph.warnings.map((w) => w.message)).toEqual(['../lib depends on c, which the lockfile does not install']);
  });
});

describe('parsePackageLock, names and refs', () => {
  it('gives a root whose purl a library holds a ref qualified with its folder', () => {
    const lock = {
      lockfileVersion: 3,
      packages: {
        '': {},
        'node_modules/tool': { version: '1.0.0' },
        'node_modules/tool-src': { resolved: 'tool', link: true },
        tool: { name: 'tool', version: '1.0.0', dependencies: { dep: '*' } },
        'node_modules/dep': { version: '2.0.0' },
      },
    };
    const graph = parse(lock, { name: 'p', dependencies: { tool: '*', 'tool-src': '*' } });
    expect(graph.roots).toEqual(['pkg:npm/p', 'pkg:npm/tool@1.0.0?workspace=app%2Ftool']);
    expect(node(graph, 'pkg:npm/tool@1.0.0?workspace=app%2Ftool')).toMatchObject({ type: 'application', purl: 'pkg:npm/tool@1.0.0' });
    expect(node(graph, 'pkg:npm/tool@1.0.0')).toMatchObject({ type: 'library', direct: true });
    expect(edgesOf(graph)).toEqual([
      'pkg:npm/p -> pkg:npm/tool@1.0.0',
      'pkg:npm/p -> pkg:npm/tool@1.0.0?workspace=app%2Ftool',
      'pkg:npm/tool@1.0.0?workspace=app%2Ftool -> pkg:npm/dep@2.0.0',
    ]);
  });

  it('skips an entry whose name a purl cannot hold, with a warning', () => {
    const lock = { lockfileVersion: 3, packages: { '': {}, 'node_modules/@scope/': { version: '1.0.0' }, 'node_modules/ok': { version: '1.0.0' } } };
    const graph = parse(lock, { name: '@scope/', dependencies: { ok: '*' } });
    expect([...graph.components.keys()]).toEqual(['pkg:npm/app', 'pkg:npm/ok@1.0.0']);
    expect(graph.warnings.map((w) => w.message)).toEqual(['packages["node_modules/@scope/"] has no valid package name; entry skipped']);
  });

  it('names the project from package.json, else the lockfile name, the folder, then "project"', () => {
    const lock = { lockfileVersion: 3, packages: { '': {} } };
    expect(parse({ ...lock, name: 'from-lock' }, {}).roots).toEqual(['pkg:npm/from-lock']);
    expect(parse(lock, {}, 'services/api').roots).toEqual(['pkg:npm/api']);
    expect(parsePackageLock(file('package-lock.json', lock), file('package.json', {})).roots).toEqual(['pkg:npm/project']);
    expect(parse(lock, { name: '@org/site', version: '3.0.0' }).roots).toEqual(['pkg:npm/%40org/site@3.0.0']);
  });
});

describe('parsePackageLock, lockfileVersion 1', () => {
  const lock = {
    name: 'old',
    version: '1.0.0',
    lockfileVersion: 1,
    requires: true,
    dependencies: {
      a: { version: '1.0.0', integrity: EMPTY_SHA1, requires: { c: '^2.0.0' } },
      b: { version: '2.0.0', dev: true },
      c: {
        version: '2.0.0',
        requires: { b: '^1.0.0', e: '^1.0.0' },
        dependencies: {
          b: { version: '1.0.0', bundled: true },
          e: { version: '1.0.0', requires: { a: '^1.0.0', b: '^1.0.0' } },
        },
      },
      'old-lodash': { version: 'npm:lodash@3.10.1' },
      'node-uuid': { version: 'https://registry.npmjs.org/node-uuid/-/node-uuid-1.4.7.tgz' },
      g: { version: 'git+https://github.com/x/g.git#0123abc', from: 'git+https://github.com/x/g.git' },
      opt: { version: '1.0.0', optional: true },
    },
  };
  const graph = parse(lock, { name: 'old', version: '1.0.0', dependencies: { a: '*', 'old-lodash': '*', g: '*' }, devDependencies: { b: '*' }, optionalDependencies: { opt: '*' } });

  it('walks up the nested tree to resolve `requires`', () => {
    expect(edgesOf(graph)).toEqual([
      'pkg:npm/a@1.0.0 -> pkg:npm/c@2.0.0',
      'pkg:npm/c@2.0.0 -> pkg:npm/b@1.0.0',
      'pkg:npm/c@2.0.0 -> pkg:npm/e@1.0.0',
      'pkg:npm/e@1.0.0 -> pkg:npm/a@1.0.0',
      'pkg:npm/e@1.0.0 -> pkg:npm/b@1.0.0',
      'pkg:npm/old@1.0.0 -> pkg:npm/a@1.0.0',
      'pkg:npm/old@1.0.0 -> pkg:npm/b@2.0.0',
      'pkg:npm/old@1.0.0 -> pkg:npm/g@0123abc',
      'pkg:npm/old@1.0.0 -> pkg:npm/lodash@3.10.1',
      'pkg:npm/old@1.0.0 -> pkg:npm/opt@1.0.0',
    ]);
    expect(node(graph, 'pkg:npm/e@1.0.0').properties['chainward:npm:install-path']).toBe('app/node_modules/c/node_modules/e');
    expect(graph.warnings).toEqual([]);
  });

  it('reads aliases, tarball versions, git sources and flags', () => {
    expect(node(graph, 'pkg:npm/lodash@3.10.1').properties['chainward:npm:install-path']).toBe('app/node_modules/old-lodash');
    expect(node(graph, 'pkg:npm/node-uuid@1.4.7').properties['chainward:resolved']).toBeUndefined();
    expect(node(graph, 'pkg:npm/g@0123abc').properties['chainward:resolved']).toBe('git+https://github.com/x/g.git#0123abc');
    expect(node(graph, 'pkg:npm/b@2.0.0')).toMatchObject({ development: true, scope: 'optional', direct: true });
    expect(node(graph, 'pkg:npm/b@1.0.0').properties['cdx:npm:package:bundled']).toBe('true');
    expect(node(graph, 'pkg:npm/opt@1.0.0')).toMatchObject({ development: false, scope: 'optional' });
    expect(node(graph, 'pkg:npm/a@1.0.0').hashes).toEqual([{ alg: 'SHA-1', content: EMPTY_SHA1_HEX }]);
    // Nothing requires node-uuid: extraneous, as npm ls would say.
    expect(node(graph, 'pkg:npm/node-uuid@1.4.7').properties['cdx:npm:package:extraneous']).toBe('true');
  });

  function nestedTree(levels: number): unknown {
    // Built inside out, each level requiring the next one down.
    let tree: Record<string, unknown> = { [`p${levels}`]: { version: '1.0.0' } };
    for (let level = levels - 1; level >= 1; level--) {
      tree = { [`p${level}`]: { version: '1.0.0', requires: { [`p${level + 1}`]: '*' }, dependencies: tree } };
    }
    return { lockfileVersion: 1, dependencies: tree };
  }

  it('reads 1,000 levels of nesting and refuses 1,001 without overflowing the stack', () => {
    const deep = parse(nestedTree(1000), { name: 'deep', dependencies: { p1: '*' } });
    expect(deep.components.size).toBe(1001);
    expect(deep.edges.get('pkg:npm/p999@1.0.0')).toEqual(new Set(['pkg:npm/p1000@1.0.0']));
    const error = errorOf(() => parse(nestedTree(1001), { name: 'deep' }));
    expect(error).toMatchObject({ code: 'SBOM_MALFORMED_FILE', category: 'bad-input', location: { file: 'app/package-lock.json' } });
    expect(error.message).toBe('"dependencies" is nested more than 1000 levels deep');
  });
});

describe('parsePackageLock, bad input', () => {
  const manifest = file('app/package.json', { name: 'p' });

  it('reports a truncated lockfile at its end', () => {
    const text = '{\n  "lockfileVersion": 3,\n  "packages": {\n    "": {}';
    const error = errorOf(() => parsePackageLock(file('app/package-lock.json', text), manifest));
    expect(error).toMatchObject({ code: 'SBOM_MALFORMED_FILE', category: 'bad-input', location: { file: 'app/package-lock.json', line: 4, column: 11 } });
  });

  it('refuses lockfileVersion 7, pointing at the key', () => {
    const text = '{\n  "name": "p",\n  "lockfileVersion": 7,\n  "packages": {}\n}';
    const error = errorOf(() => parsePackageLock(file('app/package-lock.json', text), manifest));
    expect(error).toMatchObject({ code: 'SBOM_UNSUPPORTED_LOCKFILE_VERSION', category: 'bad-input', location: { file: 'app/package-lock.json', line: 3, column: 3 } });
    expect(error.message).toBe('package-lock.json has lockfileVersion 7; supported lockfile versions are 1, 2 and 3');
  });

  it('refuses a file with neither lockfileVersion nor dependencies', () => {
    const error = errorOf(() => parsePackageLock(file('app/npm-shrinkwrap.json', { name: 'p' }), manifest));
    expect(error).toMatchObject({ code: 'SBOM_UNSUPPORTED_LOCKFILE_VERSION', location: { file: 'app/npm-shrinkwrap.json' } });
    expect(error.message).toBe('npm-shrinkwrap.json has no lockfileVersion; supported lockfile versions are 1, 2 and 3');
  });

  it('reads a shrinkwrap from before lockfileVersion existed as v1', () => {
    const graph = parsePackageLock(file('app/npm-shrinkwrap.json', { dependencies: { a: { version: '1.0.0' } } }), file('app/package.json', { name: 'p', dependencies: { a: '*' } }));
    expect(edgesOf(graph)).toEqual(['pkg:npm/p -> pkg:npm/a@1.0.0']);
  });

  it('names the field and line of structurally wrong content', () => {
    const packagesArray = '{\n  "lockfileVersion": 3,\n  "packages": []\n}';
    const error = errorOf(() => parsePackageLock(file('app/package-lock.json', packagesArray), manifest));
    expect(error).toMatchObject({ code: 'SBOM_MALFORMED_FILE', category: 'bad-input', location: { file: 'app/package-lock.json', line: 3, column: 3 } });
    expect(error.message).toMatch(/^package-lock\.json, field packages: .*expected record, received array/);

    const badEntry = { lockfileVersion: 3, packages: { '': {}, 'node_modules/a': { version: 1 } } };
    const entryError = errorOf(() => parse(badEntry, { name: 'p' }));
    expect(entryError).toMatchObject({ code: 'SBOM_MALFORMED_FILE', location: { file: 'app/package-lock.json', line: 6, column: 7 } });
    expect(entryError.message).toMatch(/^packages\["node_modules\/a"\], field version: .*expected string/);

    const manifestError = errorOf(() => parse({ lockfileVersion: 3, packages: {} }, { name: 'p', dependencies: ['a'] }));
    expect(manifestError).toMatchObject({ code: 'SBOM_MALFORMED_FILE', location: { file: 'app/package.json', line: 3, column: 3 } });
    expect(manifestError.message).toMatch(/^package\.json, field dependencies: .*expected record, received array/);
  });
});
