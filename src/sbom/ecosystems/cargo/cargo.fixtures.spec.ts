import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import type { DependencyGraph } from '../../model/graph.js';
import type { TextFile } from '../types.js';
import { parseCargoProject } from './parse-project.js';

const FIXTURES = new URL('../../../../test/fixtures/cargo/', import.meta.url);
const read = (name: string, file: string): TextFile => ({ path: file, text: readFileSync(new URL(`${name}/${file}`, FIXTURES), 'utf8') });
const parseFixture = (name: string) => {
  const lockfile = read(name, 'Cargo.lock');
  return { lockfile, graph: parseCargoProject({ lockfile, manifests: [read(name, 'Cargo.toml')] }) };
};

/** Independent reading of a lockfile: name@version of each [[package]] block, which have no source, and the number of dependency entries. */
function lockfileFacts(text: string): { pairs: string[]; local: string[]; entries: number } {
  const blocks = text.split(/^\[\[package\]\]$/m).slice(1);
  const field = (block: string, key: string) => new RegExp(`^${key} = "([^"]+)"$`, 'm').exec(block)?.[1];
  const pairs = blocks.map((b) => `${field(b, 'name')}@${field(b, 'version')}`);
  const local = blocks.filter((b) => field(b, 'source') === undefined).map((b) => `${field(b, 'name')}@${field(b, 'version')}`);
  const entries = blocks.reduce((n, b) => n + (/^dependencies = \[\n((?: "[^"]+",\n)*)\]$/m.exec(b)?.[1].split('\n').length ?? 1) - 1, 0);
  return { pairs, local, entries };
}

const edgeCount = (graph: DependencyGraph) => [...graph.edges.values()].reduce((n, targets) => n + targets.size, 0);
const pairsOf = (graph: DependencyGraph) => [...graph.components.values()].map((c) => `${c.name}@${c.version}`).sort();
const MISSING_MEMBERS = (members: string) =>
  `workspace members without a Cargo.toml in the scanned tree: ${members}; their crates are listed from Cargo.lock as local crates, with every dependency taken as a normal one`;

describe('cargo on real Cargo.lock files (ripgrep)', () => {
  it.each([
    ['ripgrep-cargo-lock-v1', 65, 10, 144, 55, 'ripgrep@12.1.1'],
    ['ripgrep-cargo-lock-v3', 68, 10, 143, 58, 'ripgrep@14.1.1'],
    ['ripgrep-cargo-lock-v4', 63, 11, 145, 52, 'ripgrep@15.2.0'],
  ])('%s: every locked package once, every dependency entry an edge', (name, packages, locals, entries, checksums, root) => {
    const { lockfile, graph } = parseFixture(name);
    const facts = lockfileFacts(lockfile.text);
    expect(facts.pairs).toHaveLength(packages);
    expect(facts.local).toHaveLength(locals);
    expect(facts.entries).toBe(entries);

    expect(graph.components.size).toBe(packages);
    expect(pairsOf(graph)).toEqual([...facts.pairs].sort());
    expect(edgeCount(graph)).toBe(entries);
    expect([...graph.components.values()].filter((c) => c.hashes.length === 1 && c.hashes[0].alg === 'SHA-256')).toHaveLength(checksums);
    expect(checksums).toBe(packages - locals);

    // The root package is the only root: the members' manifests are not in the fixture, so their crates are local libraries.
    expect(graph.roots).toEqual([`pkg:cargo/${root}`]);
    expect(graph.components.get(`pkg:cargo/${root}`)).toMatchObject({ type: 'application', sourceFile: 'Cargo.toml', licenses: [{ kind: 'expression', expression: 'Unlicense OR MIT', source: 'manifest' }] });
    const localLibraries = [...graph.components.values()].filter((c) => c.properties['chainward:cargo:local'] === 'true');
    expect(localLibraries.map((c) => `${c.name}@${c.version}`).sort()).toEqual(facts.local.filter((p) => p !== root).sort());
    expect(graph.warnings).toHaveLength(1);
    expect(graph.warnings[0].file).toBe('Cargo.toml');
  });

  it('v1: resolves `name version (source)` entries and [metadata] checksums; build and dev declarations', () => {
    const { graph } = parseFixture('ripgrep-cargo-lock-v1');
    expect(graph.warnings[0].message).toBe(MISSING_MEMBERS('crates/globset, crates/grep, crates/cli, crates/matcher, crates/pcre2, crates/printer, crates/regex, crates/searcher, crates/ignore'));
    expect(graph.components.get('pkg:cargo/regex@1.3.9')).toMatchObject({
      hashes: [{ alg: 'SHA-256', content: '9c3780fcf44b193bc4d09f36d2a3c87b251da4a046c87795a0d35f4f927ad8e6' }],
      direct: true,
      scope: 'required',
    });
    expect([...(graph.edges.get('pkg:cargo/grep-cli@0.1.5') ?? [])].sort()).toEqual([
      'pkg:cargo/atty@0.2.14',
      'pkg:cargo/bstr@0.2.13',
      'pkg:cargo/globset@0.4.5',
      'pkg:cargo/lazy_static@1.4.0',
      'pkg:cargo/log@0.4.8',
      'pkg:cargo/regex@1.3.9',
      'pkg:cargo/same-file@1.0.6',
      'pkg:cargo/termcolor@1.1.0',
      'pkg:cargo/winapi-util@0.1.5',
    ]);
    // clap and lazy_static are both [dependencies] and [build-dependencies]; serde is a dev-dependency that serde_json also needs.
    expect(graph.components.get('pkg:cargo/clap@2.33.1')?.properties['chainward:cargo:dependency-kind']).toBe('build,normal');
    expect(graph.components.get('pkg:cargo/serde@1.0.110')).toMatchObject({ direct: true, development: false, properties: { 'chainward:cargo:dependency-kind': 'dev' } });
    expect(graph.components.get('pkg:cargo/jemallocator@0.3.2')?.properties['chainward:cargo:target']).toBe('cfg(all(target_env = "musl", target_pointer_width = "64"))');
  });

  it('v4: two versions of syn, each reached through its own `name version` entry; optional path dependency', () => {
    const { graph } = parseFixture('ripgrep-cargo-lock-v4');
    expect(graph.edges.get('pkg:cargo/derive_arbitrary@1.4.2')?.has('pkg:cargo/syn@2.0.119')).toBe(true);
    expect(graph.edges.get('pkg:cargo/serde_derive@1.0.229')?.has('pkg:cargo/syn@3.0.3')).toBe(true);
    expect(graph.components.get('pkg:cargo/syn@3.0.3')?.hashes).toEqual([{ alg: 'SHA-256', content: '53e9bae58849f64dfa4f5d5ae372c8341f7305f82a3868709269343628b659a3' }]);
    // grep-index is `optional = true` in [dependencies]: it and what only it pulls in are optional.
    expect(graph.components.get('pkg:cargo/grep-index@0.0.1')).toMatchObject({ type: 'library', scope: 'optional', direct: true, properties: { 'chainward:cargo:local': 'true' } });
    expect(graph.components.get('pkg:cargo/redb@4.1.0')).toMatchObject({ scope: 'optional', direct: false });
    expect(graph.components.get('pkg:cargo/anyhow@1.0.104')).toMatchObject({ scope: 'required', direct: true, development: false });
    expect([...(graph.edges.get('pkg:cargo/ripgrep@15.2.0') ?? [])].sort()).toEqual([
      'pkg:cargo/anyhow@1.0.104',
      'pkg:cargo/bstr@1.13.0',
      'pkg:cargo/grep-index@0.0.1',
      'pkg:cargo/grep@0.4.1',
      'pkg:cargo/ignore@0.4.33',
      'pkg:cargo/lexopt@0.3.2',
      'pkg:cargo/log@0.4.33',
      'pkg:cargo/serde@1.0.229',
      'pkg:cargo/serde_derive@1.0.229',
      'pkg:cargo/serde_json@1.0.151',
      'pkg:cargo/termcolor@1.4.1',
      'pkg:cargo/textwrap@0.16.2',
      'pkg:cargo/tikv-jemallocator@0.7.0',
      'pkg:cargo/walkdir@2.5.0',
    ]);
  });
});
