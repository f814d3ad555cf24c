import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { PackageURL } from 'packageurl-js';
import { ChainwardError } from '../../../common/errors.js';
import type { DependencyGraph } from '../../model/graph.js';
import type { TextFile } from '../types.js';
import { satisfiesCargoRequirement } from './build-cargo-graph.js';
import { cargoPurl, parseCargoSource } from './cargo-source.js';
import { cargo } from './index.js';
import { parseCargoProject } from './parse-project.js';

const CRATES_IO = 'registry+https://github.com/rust-lang/crates.io-index';
const H = (c: string) => c.repeat(64);

const registry = (name: string, version: string, checksum: string, deps: string[] = []) =>
  `[[package]]\nname = "${name}"\nversion = "${version}"\nsource = "${CRATES_IO}"\nchecksum = "${checksum}"\ndependencies = [${deps.map((d) => JSON.stringify(d)).join(', ')}]\n`;
const local = (name: string, version: string, deps: string[] = []) =>
  `[[package]]\nname = "${name}"\nversion = "${version}"\ndependencies = [${deps.map((d) => JSON.stringify(d)).join(', ')}]\n`;

function parse(files: Record<string, string>): DependencyGraph {
  const text = (path: string): TextFile => ({ path, text: files[path] });
  const lockfile = Object.keys(files).find((p) => p.endsWith('Cargo.lock')) as string;
  const plan = cargo.plan(lockfile, Object.keys(files));
  return parseCargoProject({ lockfile: text(lockfile), manifests: plan.manifests.map(text) });
}

const node = (graph: DependencyGraph, ref: string) => graph.components.get(ref);
const targets = (graph: DependencyGraph, ref: string) => [...(graph.edges.get(ref) ?? [])].sort();

describe('cargo: a workspace with its member manifests', () => {
  const graph = parse({
    'Cargo.toml': `[package]
name = "app"
version = "1.0.0"
license = "MIT OR Apache-2.0"

[workspace]
members = ["crates/*"]
exclude = ["crates/experimental"]

[workspace.package]
version = "0.3.0"
license = "MIT"

[workspace.dependencies]
json = { package = "serde_json", version = "1" }

[dependencies]
core = { path = "crates/core", version = "0.3", package = "app-core" }
rand = "0.8"
cli = { package = "clap", version = "4", optional = true }

[target.'cfg(windows)'.dependencies]
winapi = "0.3"

[dev-dependencies]
rand = "0.7"
proptest = "1"

[build-dependencies]
cc = "1"
`,
    'crates/core/Cargo.toml': `[package]
name = "app-core"
version.workspace = true
license.workspace = true

[dependencies]
json.workspace = true
`,
    'crates/experimental/Cargo.toml': '[package]\nname = "exp"\nversion = "0.0.1"\n',
    'Cargo.lock': [
      'version = 4\n',
      local('app', '1.0.0', ['app-core', 'cc', 'clap', 'proptest', 'rand 0.7.3', 'rand 0.8.5', 'winapi']),
      local('app-core', '0.3.0', ['serde_json']),
      registry('cc', '1.0.0', H('1')),
      registry('clap', '4.5.0', H('2')),
      registry('proptest', '1.4.0', H('3'), ['rand 0.8.5']),
      registry('rand', '0.7.3', H('4')),
      registry('rand', '0.8.5', H('5')),
      registry('serde_json', '1.0.0', H('6')),
      registry('winapi', '0.3.9', H('7')),
    ].join('\n'),
  });

  it('makes the root package and each member selected by the globs (minus excludes) a root', () => {
    expect(graph.roots).toEqual(['pkg:cargo/app-core@0.3.0', 'pkg:cargo/app@1.0.0']);
    expect(node(graph, 'pkg:cargo/app@1.0.0')).toMatchObject({
      type: 'application',
      sourceFile: 'Cargo.toml',
      licenses: [{ kind: 'expression', expression: 'MIT OR Apache-2.0', source: 'manifest' }],
    });
    // Version and licence inherited from [workspace.package].
    expect(node(graph, 'pkg:cargo/app-core@0.3.0')).toMatchObject({
      type: 'application',
      sourceFile: 'crates/core/Cargo.toml',
      licenses: [{ kind: 'expression', expression: 'MIT', source: 'manifest' }],
    });
    expect(graph.sources).toEqual(['Cargo.lock', 'Cargo.toml', 'crates/core/Cargo.toml']);
    expect(graph.warnings).toEqual([]);
  });

  it('types the root edges from the manifest: normal, optional, target-specific, dev and build, renames resolved', () => {
    expect(targets(graph, 'pkg:cargo/app@1.0.0')).toEqual([
      'pkg:cargo/app-core@0.3.0',
      'pkg:cargo/cc@1.0.0',
      'pkg:cargo/clap@4.5.0',
      'pkg:cargo/proptest@1.4.0',
      'pkg:cargo/rand@0.7.3',
      'pkg:cargo/rand@0.8.5',
      'pkg:cargo/winapi@0.3.9',
    ]);
    expect(node(graph, 'pkg:cargo/proptest@1.4.0')).toMatchObject({ development: true, scope: 'optional', direct: true, properties: { 'chainward:cargo:dependency-kind': 'dev' } });
    // Two versions of rand: the requirement tells the dev one (0.7) from the normal one (0.8), which proptest also uses.
    expect(node(graph, 'pkg:cargo/rand@0.7.3')).toMatchObject({ development: true, properties: { 'chainward:cargo:dependency-kind': 'dev' } });
    expect(node(graph, 'pkg:cargo/rand@0.8.5')).toMatchObject({ development: false, scope: 'required', properties: { 'chainward:cargo:dependency-kind': 'normal' } });
    expect(node(graph, 'pkg:cargo/clap@4.5.0')).toMatchObject({ development: false, scope: 'optional', direct: true });
    expect(node(graph, 'pkg:cargo/cc@1.0.0')).toMatchObject({ development: false, scope: 'required', properties: { 'chainward:cargo:dependency-kind': 'build' } });
    expect(node(graph, 'pkg:cargo/winapi@0.3.9')?.properties).toEqual({ 'chainward:cargo:dependency-kind': 'normal', 'chainward:cargo:target': "cfg(windows)" });
    // A member's workspace-inherited, renamed dependency.
    expect(targets(graph, 'pkg:cargo/app-core@0.3.0')).toEqual(['pkg:cargo/serde_json@1.0.0']);
    expect(node(graph, 'pkg:cargo/serde_json@1.0.0')).toMatchObject({ direct: true, hashes: [{ alg: 'SHA-256', content: H('6') }] });
  });
});

describe('cargo: sources and entries', () => {
  const git = 'git+https://github.com/o/fork.git?branch=feature%2Fx#0123456789abcdef0123456789abcdef01234567';
  const graph = parse({
    'svc/Cargo.toml': '[package]\nname = "svc"\nversion = "0.1.0"\n\n[dependencies]\nfork = { git = "https://github.com/o/fork.git", branch = "feature/x" }\nlog = "0.4"\ninternal = { version = "2", registry = "corp" }\n',
    'svc/Cargo.lock': [
      'version = 4\n',
      local('svc', '0.1.0', ['fork', 'internal', `log 0.4.20 (${CRATES_IO})`, 'missing']),
      `[[package]]\nname = "fork"\nversion = "1.2.0"\nsource = "${git}"\n`,
      `[[package]]\nname = "internal"\nversion = "2.0.0"\nsource = "sparse+https://crates.corp.example/index/"\nchecksum = "${H('8')}"\n`,
      registry('log', '0.4.20', H('9')),
    ].join('\n'),
  });

  it('records git URL, commit and reference, and another registry, in purl qualifiers and properties', () => {
    const fork = 'pkg:cargo/fork@1.2.0?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fo%2Ffork.git%400123456789abcdef0123456789abcdef01234567';
    expect(node(graph, fork)).toMatchObject({
      hashes: [],
      properties: {
        'chainward:cargo:git-url': 'https://github.com/o/fork.git',
        'chainward:cargo:git-commit': '0123456789abcdef0123456789abcdef01234567',
        'chainward:cargo:git-reference': 'branch=feature/x',
        'chainward:cargo:dependency-kind': 'normal',
      },
    });
    const internal = 'pkg:cargo/internal@2.0.0?repository_url=https%3A%2F%2Fcrates.corp.example%2Findex%2F';
    expect(node(graph, internal)?.properties['chainward:cargo:registry']).toBe('https://crates.corp.example/index/');
    expect(targets(graph, 'pkg:cargo/svc@0.1.0')).toEqual([fork, internal, 'pkg:cargo/log@0.4.20'].sort());
  });

  it('warns about an entry that names no package, instead of failing', () => {
    expect(graph.warnings).toEqual([{ file: 'svc/Cargo.lock', message: 'svc 0.1.0 (line 3): dependency "missing" names no package of the lockfile' }]);
  });

  it('plans the Cargo.toml beside the lockfile and the ones below it', () => {
    expect(cargo.plan('svc/Cargo.lock', ['Cargo.toml', 'svc/Cargo.lock', 'svc/Cargo.toml', 'svc/crates/a/Cargo.toml', 'svc/crates/a/src/lib.rs'])).toEqual({
      lockfile: 'svc/Cargo.lock',
      manifests: ['svc/Cargo.toml', 'svc/crates/a/Cargo.toml'],
    });
  });
});

describe('cargo: what the manifests leave unsaid', () => {
  it('without Cargo.toml, takes every local crate as a root', () => {
    const graph = parse({ 'Cargo.lock': [local('a', '1.0.0', ['b']), local('b', '0.1.0'), registry('c', '1.0.0', H('1'))].join('\n') });
    expect(graph.roots).toEqual(['pkg:cargo/a@1.0.0', 'pkg:cargo/b@0.1.0']);
    expect(graph.warnings.map((w) => w.message)).toEqual(['no Cargo.toml beside the lockfile: every local crate is taken as a project root, and no dependency is known to be dev-only']);
  });

  it('lists a local crate whose member manifest is missing as a library, with a warning naming the member', () => {
    const graph = parse({
      'Cargo.toml': '[package]\nname = "a"\nversion = "1.0.0"\n[workspace]\nmembers = ["crates/b", "crates/c"]\n[dependencies]\nb = { path = "crates/b" }\nstale = "1"\n',
      'crates/c/Cargo.toml': '[package]\nname = "c"\nversion = "0.2.0"\n',
      'Cargo.lock': [local('a', '1.0.0', ['b']), local('b', '0.1.0'), local('c', '0.2.0')].join('\n'),
    });
    expect(graph.roots).toEqual(['pkg:cargo/a@1.0.0', 'pkg:cargo/c@0.2.0']);
    expect(node(graph, 'pkg:cargo/b@0.1.0')).toMatchObject({ type: 'library', direct: true, properties: { 'chainward:cargo:local': 'true', 'chainward:cargo:dependency-kind': 'normal' } });
    expect(graph.warnings.map((w) => `${w.file}: ${w.message}`)).toEqual([
      'Cargo.toml: workspace members without a Cargo.toml in the scanned tree: crates/b; their crates are listed from Cargo.lock as local crates, with every dependency taken as a normal one',
      'Cargo.lock: a 1.0.0 (line 1): stale is declared in Cargo.toml but Cargo.lock does not lock it (out-of-date lockfile?)',
    ]);
  });

  it('gives a local crate that shares name and version with a crates.io one a ref of its own', () => {
    const graph = parse({ 'Cargo.lock': [local('log', '0.4.0', [`log 0.4.0 (${CRATES_IO})`]), registry('log', '0.4.0', H('1'))].join('\n') });
    expect(graph.roots).toEqual(['pkg:cargo/log@0.4.0?chainward-local']);
    expect(targets(graph, 'pkg:cargo/log@0.4.0?chainward-local')).toEqual(['pkg:cargo/log@0.4.0']);
  });

  it('refuses a Cargo.toml whose dependency is neither a string nor a table, naming the file', () => {
    try {
      parse({ 'Cargo.toml': '[package]\nname = "a"\nversion = "1.0.0"\n[dependencies]\nb = 3\n', 'Cargo.lock': local('a', '1.0.0') });
      throw new Error('expected a ChainwardError');
    } catch (error) {
      expect(error).toBeInstanceOf(ChainwardError);
      expect((error as ChainwardError).describe()).toBe('Cargo.toml: malformed Cargo.toml: dependencies.b must be a version string or a table');
    }
  });
});

describe('cargo helpers', () => {
  it('reads Cargo requirements: bare versions are caret requirements, commas join comparators', () => {
    expect(satisfiesCargoRequirement('0.8.5', '0.8')).toBe(true);
    expect(satisfiesCargoRequirement('0.9.0', '0.8')).toBe(false);
    expect(satisfiesCargoRequirement('1.4.0', '>= 1.2, < 1.5')).toBe(true);
    expect(satisfiesCargoRequirement('1.5.0', '>= 1.2, < 1.5')).toBe(false);
    expect(satisfiesCargoRequirement('2.0.0', '=2.0.0')).toBe(true);
    expect(satisfiesCargoRequirement('2.0.0', 'not a requirement')).toBe(false);
  });

  it('tells crates.io (git index or sparse) from other sources', () => {
    expect(parseCargoSource(CRATES_IO)).toEqual({ kind: 'crates.io' });
    expect(parseCargoSource('sparse+https://index.crates.io/')).toEqual({ kind: 'crates.io' });
    expect(parseCargoSource(undefined)).toEqual({ kind: 'local' });
    expect(cargoPurl('regex', '1.3.9', { kind: 'crates.io' })).toBe('pkg:cargo/regex@1.3.9');
  });

  it('builds the same purl as packageurl-js for every package of the fixtures', () => {
    const lockfiles = ['ripgrep-cargo-lock-v1', 'ripgrep-cargo-lock-v3', 'ripgrep-cargo-lock-v4'].map((name) =>
      readFileSync(new URL(`../../../../test/fixtures/cargo/${name}/Cargo.lock`, import.meta.url), 'utf8'),
    );
    const packages = lockfiles.flatMap((text) => [...text.matchAll(/^name = "([^"]+)"\nversion = "([^"]+)"/gm)].map((m) => [m[1], m[2]]));
    packages.push(['odd name', '1.0.0+build.5'], ['x', '']);
    expect(packages.length).toBeGreaterThan(190);
    for (const [name, version] of packages) {
      expect(cargoPurl(name, version, { kind: 'crates.io' })).toBe(new PackageURL('cargo', undefined, name, version || undefined, undefined, undefined).toString());
    }
  });
});
