import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import type { ComponentNode, DependencyGraph } from '../../model/graph.js';
import { parseRubyGemsProject } from './parse-project.js';

const FIXTURES = new URL('../../../../test/fixtures/rubygems/', import.meta.url);
const read = (name: string, file: string): string => readFileSync(new URL(`${name}/${file}`, FIXTURES), 'utf8');

function parseFixture(name: string): { graph: DependencyGraph; lockText: string } {
  const lockText = read(name, 'Gemfile.lock');
  const graph = parseRubyGemsProject({
    lockfile: { path: `${name}/Gemfile.lock`, text: lockText },
    manifests: [{ path: `${name}/Gemfile`, text: read(name, 'Gemfile') }],
  });
  return { graph, lockText };
}

/**
 * Independent reading of a Gemfile.lock: every four-space `name (version[-platform])` line is a spec,
 * every six-space line under it a dependency; platforms of one name+version count once.
 */
function independentReading(text: string): { pairs: Set<string>; edges: Set<string>; direct: string[] } {
  const pairs = new Set<string>();
  const edges = new Set<string>();
  let current: string | undefined;
  const names = new Map<string, string>();
  const rawEdges: Array<[string, string]> = [];
  for (const line of text.split('\n')) {
    const spec = /^ {4}(\S+) \(([^-)]+)(?:-[^)]+)?\)$/.exec(line);
    if (spec) {
      current = `${spec[1]}@${spec[2]}`;
      pairs.add(current);
      names.set(spec[1] as string, current);
      continue;
    }
    const dependency = /^ {6}(\S+)/.exec(line);
    if (dependency && current) rawEdges.push([current, dependency[1] as string]);
    else if (!line.startsWith('    ')) current = undefined;
  }
  for (const [from, name] of rawEdges) if (names.has(name)) edges.add(`${from} -> ${names.get(name)}`);
  const section = /\nDEPENDENCIES\n((?: {2}.*\n)+)/.exec(text)?.[1] ?? '';
  const direct = section.trim().split('\n').map((line) => /^\s*([^\s!(]+)/.exec(line)?.[1] as string);
  return { pairs, edges, direct };
}

const libraries = (graph: DependencyGraph): ComponentNode[] => [...graph.components.values()].filter((n) => n.type === 'library');
const nameAt = (graph: DependencyGraph, ref: string): string => {
  const node = graph.components.get(ref) as ComponentNode;
  return `${node.name}@${node.version}`;
};
const libraryEdges = (graph: DependencyGraph): Set<string> => {
  const edges = new Set<string>();
  for (const [from, targets] of graph.edges) {
    if (graph.roots.includes(from)) continue;
    for (const to of targets) edges.add(`${nameAt(graph, from)} -> ${nameAt(graph, to)}`);
  }
  return edges;
};

describe('rubygems fixtures (real Gemfile.lock files)', () => {
  it('rubygems.org 2023 (Bundler 2.4): 242 gems, the spec dependencies as edges, DEPENDENCIES as direct', () => {
    const { graph, lockText } = parseFixture('rubygems-org-2023');
    const expected = independentReading(lockText);
    const pairs = new Set(libraries(graph).map((n) => `${n.name}@${n.version}`));
    expect(pairs).toEqual(expected.pairs);
    expect(pairs.size).toBe(242);
    expect(libraryEdges(graph)).toEqual(expected.edges);
    expect(expected.edges.size).toBe(362);

    expect(graph.roots).toEqual(['pkg:gem/rubygems-org-2023']);
    const root = graph.components.get('pkg:gem/rubygems-org-2023');
    expect(root).toMatchObject({ type: 'application', sourceFile: 'rubygems-org-2023/Gemfile', properties: { 'chainward:gem:bundled-with': '2.4.12', 'chainward:gem:lock-platforms': 'ruby' } });
    const rootEdges = [...(graph.edges.get('pkg:gem/rubygems-org-2023') ?? [])].map((ref) => graph.components.get(ref)?.name).sort();
    expect(rootEdges).toEqual([...expected.direct].sort());
    expect(rootEdges).toHaveLength(84);

    // rack 2.2.7: direct, runtime; actionpack depends on it.
    expect(graph.components.get('pkg:gem/rack@2.2.7')).toMatchObject({ direct: true, development: false, scope: 'required', ecosystem: 'rubygems', sourceFile: 'rubygems-org-2023/Gemfile.lock' });
    expect(graph.edges.get('pkg:gem/actionpack@7.0.5')?.has('pkg:gem/rack@2.2.7')).toBe(true);
    // rubocop is in `group :development, :test`; its parser only through it; byebug only through pry-byebug.
    expect(graph.components.get('pkg:gem/rubocop@1.48.0')).toMatchObject({ direct: true, development: true, scope: 'optional', properties: expect.objectContaining({ 'chainward:gem:groups': 'development,test' }) });
    expect(graph.components.get('pkg:gem/byebug@11.1.3')).toMatchObject({ direct: false, development: true });
    // minitest is in `group :test` but activesupport needs it at run time.
    expect(graph.components.get('pkg:gem/minitest@5.18.0')).toMatchObject({ direct: true, development: false, scope: 'required' });
    // sassc-rails is in `group :assets`: not a development group.
    expect(graph.components.get('pkg:gem/sassc-rails@2.1.2')).toMatchObject({ direct: true, development: false });
    // No CHECKSUMS section before Bundler 2.5: no hashes.
    expect(libraries(graph).every((n) => n.hashes.length === 0)).toBe(true);
    expect(graph.warnings).toEqual([]);
  });

  it('rubygems.org 2026 (Bundler 4): platform gems are one component each, CHECKSUMS become hashes, a second GEM source', () => {
    const { graph, lockText } = parseFixture('rubygems-org-2026');
    const expected = independentReading(lockText);
    const pairs = new Set(libraries(graph).map((n) => `${n.name}@${n.version}`));
    expect(pairs).toEqual(expected.pairs);
    expect(pairs.size).toBe(298);
    expect(libraryEdges(graph)).toEqual(expected.edges);
    expect((graph.edges.get('pkg:gem/rubygems-org-2026')?.size)).toBe(120);

    // nokogiri 1.19.4 is locked for eight platforms: one component listing them, no single hash, one checksum per platform.
    const nokogiri = graph.components.get('pkg:gem/nokogiri@1.19.4') as ComponentNode;
    expect(nokogiri.properties['chainward:gem:platforms']).toBe('aarch64-linux-gnu,arm-linux-gnu,arm-linux-musl,arm64-darwin,ruby,x86_64-darwin,x86_64-linux-gnu,x86_64-linux-musl');
    expect(nokogiri.hashes).toEqual([]);
    expect(Object.keys(nokogiri.properties).filter((k) => k.startsWith('chainward:gem:checksum:'))).toHaveLength(8);
    // Only the ruby variant of nokogiri needs mini_portile2 (to compile); the edge is kept.
    expect(graph.edges.get('pkg:gem/nokogiri@1.19.4')?.has('pkg:gem/mini_portile2@2.8.9')).toBe(true);
    // A pure-Ruby gem has its CHECKSUMS digest as its hash.
    expect(graph.components.get('pkg:gem/actioncable@8.1.3.1')?.hashes).toEqual([{ alg: 'SHA-256', content: 'e318528295c878a3efdfe25f0f2267c80cb7a76eba41bb5f64d44aa380a3d91b' }]);

    // avo-advanced comes from a second GEM remote, pinned with `!`, in `group :avo, optional: true`.
    expect(graph.components.get('pkg:gem/avo-advanced@3.32.4')).toMatchObject({
      direct: true,
      development: false,
      scope: 'optional',
      properties: expect.objectContaining({ 'chainward:gem:remote': 'https://packager.dev/avo-hq/', 'chainward:gem:groups': 'avo' }),
    });
    expect(graph.components.get('pkg:gem/avo-pro@3.32.4')).toMatchObject({ direct: false, scope: 'optional' });
    expect(graph.components.get('pkg:gem/avo@3.32.4')).toMatchObject({ direct: true, scope: 'required' });
    // `gem "avo_upgrade", ..., group: :development` at the end of the Gemfile.
    expect(graph.components.get('pkg:gem/avo_upgrade@0.1.1')).toMatchObject({ direct: true, development: true });
    // `group :assets, :development`: needed outside development too.
    expect(graph.components.get('pkg:gem/tailwindcss-rails@4.6.0')).toMatchObject({ development: false });

    expect(graph.components.get('pkg:gem/rubygems-org-2026')?.properties).toEqual({
      'chainward:gem:lock-platforms': 'aarch64-linux,arm-linux,arm-linux-gnu,arm-linux-musl,arm64-darwin,arm64-linux,ruby,x86_64-darwin,x86_64-linux,x86_64-linux-musl',
      'chainward:gem:ruby-version': 'ruby 4.0.6',
      'chainward:gem:bundled-with': '4.0.16',
    });
    expect(graph.warnings).toEqual([]);
  });

  it('reads the lockfile alone when there is no Gemfile: every DEPENDENCIES entry is a runtime dependency', () => {
    const lockText = read('rubygems-org-2023', 'Gemfile.lock');
    const graph = parseRubyGemsProject({ lockfile: { path: 'Gemfile.lock', text: lockText }, manifests: [] });
    expect(graph.roots).toEqual(['pkg:gem/project']);
    expect(graph.components.get('pkg:gem/rubocop@1.48.0')).toMatchObject({ direct: true, development: false });
    expect(graph.sources).toEqual(['Gemfile.lock']);
  });
});
