import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import type { ComponentNode, DependencyGraph } from '../../model/graph.js';
import { parseComposerProject } from './parse-project.js';

const FIXTURES = new URL('../../../../test/fixtures/composer/', import.meta.url);
const read = (name: string, file: string): string => readFileSync(new URL(`${name}/${file}`, FIXTURES), 'utf8');

function parseFixture(name: string): DependencyGraph {
  return parseComposerProject({
    lockfile: { path: `${name}/composer.lock`, text: read(name, 'composer.lock') },
    manifests: [{ path: `${name}/composer.json`, text: read(name, 'composer.json') }],
  });
}

interface LockedEntry {
  name: string;
  version: string;
  require?: Record<string, string>;
  replace?: Record<string, string>;
  provide?: Record<string, string>;
}

/**
 * Independent reading of composer.lock and composer.json: every entry is a package; a requirement is an edge
 * to the package of that name or, failing that, to one that replaces or provides it; platform names are not edges.
 */
function independentReading(name: string): { packages: Set<string>; dev: Set<string>; edges: Set<string>; direct: Set<string> } {
  const lock = JSON.parse(read(name, 'composer.lock')) as { packages: LockedEntry[]; 'packages-dev': LockedEntry[] };
  const manifest = JSON.parse(read(name, 'composer.json')) as { require?: Record<string, string>; 'require-dev'?: Record<string, string> };
  const all = [...lock.packages, ...lock['packages-dev']];
  const byName = new Map(all.map((p) => [p.name.toLowerCase(), `${p.name}@${p.version}`]));
  const standIn = new Map<string, string>();
  for (const p of all) for (const n of [...Object.keys(p.replace ?? {}), ...Object.keys(p.provide ?? {})]) if (!standIn.has(n)) standIn.set(n, `${p.name}@${p.version}`);
  const platform = (n: string): boolean => n === 'php' || n.startsWith('ext-') || n.startsWith('lib-') || n.startsWith('composer-');
  const target = (n: string): string | undefined => byName.get(n.toLowerCase()) ?? standIn.get(n.toLowerCase());
  const edges = new Set<string>();
  for (const p of all) for (const n of Object.keys(p.require ?? {})) if (!platform(n) && target(n)) edges.add(`${p.name}@${p.version} -> ${target(n)}`);
  const direct = new Set([...Object.keys(manifest.require ?? {}), ...Object.keys(manifest['require-dev'] ?? {})].filter((n) => !platform(n)).map((n) => target(n) as string));
  return { packages: new Set(all.map((p) => `${p.name}@${p.version}`)), dev: new Set(lock['packages-dev'].map((p) => `${p.name}@${p.version}`)), edges, direct };
}

const label = (node: ComponentNode): string => `${node.group ? `${node.group}/` : ''}${node.name}@${node.version}`;

function graphReading(graph: DependencyGraph): { packages: Set<string>; dev: Set<string>; edges: Set<string>; direct: Set<string> } {
  const libraries = [...graph.components.values()].filter((n) => n.type === 'library');
  const edges = new Set<string>();
  for (const [from, targets] of graph.edges) {
    if (graph.roots.includes(from)) continue;
    for (const to of targets) edges.add(`${label(graph.components.get(from) as ComponentNode)} -> ${label(graph.components.get(to) as ComponentNode)}`);
  }
  return {
    packages: new Set(libraries.map(label)),
    dev: new Set(libraries.filter((n) => n.development).map(label)),
    edges,
    direct: new Set(libraries.filter((n) => n.direct).map(label)),
  };
}

describe('composer fixtures (real composer.lock files)', () => {
  it.each([
    ['bookstack-2022', 157, 54, 250, 34],
    ['bookstack-2024', 147, 37, 219, 32],
    ['composer', 36, 6, 28, 27],
  ])('%s: every locked package, packages-dev as development, require edges, composer.json as direct', (name, packages, dev, edges, direct) => {
    const graph = parseFixture(name);
    const expected = independentReading(name);
    const actual = graphReading(graph);
    expect(actual).toEqual(expected);
    expect([actual.packages.size, actual.dev.size, actual.edges.size, actual.direct.size]).toEqual([packages, dev, edges, direct]);
    expect(graph.warnings).toEqual([]);
  });

  it('bookstack 2022: purls, licences from the lockfile, SHA-1-less dists, replace edges, the root from composer.json', () => {
    const graph = parseFixture('bookstack-2022');
    expect(graph.roots).toEqual(['pkg:composer/bookstackapp/bookstack']);
    expect(graph.components.get('pkg:composer/bookstackapp/bookstack')).toMatchObject({
      type: 'application',
      group: 'bookstackapp',
      name: 'bookstack',
      version: '',
      sourceFile: 'bookstack-2022/composer.json',
      licenses: [{ kind: 'expression', expression: 'MIT', source: 'manifest' }],
      properties: { 'chainward:composer:platform': 'php ^7.4|^8.0, ext-curl *, ext-dom *, ext-fileinfo *, ext-gd *, ext-json *, ext-mbstring *, ext-xml *' },
    });
    // The version is kept as composer.lock writes it, `v` and all.
    const kernel = graph.components.get('pkg:composer/symfony/http-kernel@v5.4.15');
    expect(kernel).toMatchObject({ group: 'symfony', name: 'http-kernel', version: 'v5.4.15', direct: false, development: false, scope: 'required', hashes: [] });
    expect(kernel?.licenses).toEqual([{ kind: 'expression', expression: 'MIT', source: 'lockfile' }]);
    expect(kernel?.properties).toMatchObject({ 'cdx:composer:package:type': 'library', 'cdx:composer:package:distReference': expect.stringMatching(/^fc63c8c3e103/) });
    expect(graph.components.get('pkg:composer/dompdf/dompdf@v2.0.1')?.licenses).toEqual([{ kind: 'expression', expression: 'LGPL-2.1-only', original: 'LGPL-2.1', source: 'lockfile' }]);
    // laravel/tinker requires illuminate/support, which laravel/framework replaces.
    expect(graph.edges.get('pkg:composer/laravel/tinker@v2.7.3')?.has('pkg:composer/laravel/framework@v8.83.26')).toBe(true);
    expect(graph.components.get('pkg:composer/phpunit/phpunit@9.5.26')).toMatchObject({
      direct: true,
      development: true,
      scope: 'optional',
      properties: expect.objectContaining({ 'cdx:composer:package:isDevRequirement': 'true' }),
    });
    expect(graph.components.get('pkg:composer/swiftmailer/swiftmailer@v6.3.0')?.properties['chainward:composer:abandoned']).toBe('replaced by symfony/mailer');
  });

  it('bookstack 2024: a licence array is one disjunctive expression', () => {
    const graph = parseFixture('bookstack-2024');
    expect(graph.components.get('pkg:composer/nette/utils@v4.0.5')?.licenses).toEqual([
      { kind: 'expression', expression: '(BSD-3-Clause OR GPL-2.0-only OR GPL-3.0-only)', source: 'lockfile' },
    ]);
  });
});
