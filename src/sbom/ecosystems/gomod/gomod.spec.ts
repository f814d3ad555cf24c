import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { PackageURL } from 'packageurl-js';
import type { DependencyGraph } from '../../model/graph.js';
import type { TextFile } from '../types.js';
import { goPurl } from './build-go-graph.js';
import { gomod } from './index.js';
import { parseGoProject } from './parse-project.js';

const FIXTURES = new URL('../../../../test/fixtures/gomod/', import.meta.url);
const read = (name: string, file: string): TextFile => ({ path: file, text: readFileSync(new URL(`${name}/${file}`, FIXTURES), 'utf8') });

/** Independent reading of go.mod: the `path version` lines of require blocks and single-line requires. */
function requireLines(text: string): Array<{ path: string; version: string; indirect: boolean }> {
  const result: Array<{ path: string; version: string; indirect: boolean }> = [];
  let inBlock = false;
  for (const line of text.split('\n')) {
    if (/^require \($/.test(line)) inBlock = true;
    else if (inBlock && line === ')') inBlock = false;
    const match = inBlock ? /^\t(\S+) (\S+)( \/\/ indirect)?$/.exec(line) : /^require (\S+) (\S+)( \/\/ indirect)?$/.exec(line);
    if (match) result.push({ path: match[1], version: match[2], indirect: match[3] !== undefined });
  }
  return result;
}

const libraries = (graph: DependencyGraph) => [...graph.components.values()].filter((c) => c.type === 'library');
const property = (graph: DependencyGraph, ref: string, name: string) => graph.components.get(ref)?.properties[name];

describe('gomod on real go.mod + go.sum files (cli/cli)', () => {
  it.each([
    ['gh-cli-2023', 81, 42, 'golang.org/x/crypto@v0.12.0', 'github.com/cli/crypto', 'v0.0.0-20210929142629-6be313f59b03'],
    ['gh-cli-2024', 158, 47, 'github.com/rogpeppe/go-internal@v1.13.1', 'github.com/cli/go-internal', 'v0.0.0-20241024130215-fa3c22e38b9b'],
  ])('%s: one component per requirement, the replaced one swapped for its replacement', (name, count, direct, replaced, newPath, newVersion) => {
    const goMod = read(name, 'go.mod');
    const graph = parseGoProject({ lockfile: goMod, manifests: [read(name, 'go.sum')] });
    const expected = requireLines(goMod.text);
    expect(expected).toHaveLength(count);
    expect(libraries(graph)).toHaveLength(count);
    expect(libraries(graph).filter((c) => c.direct)).toHaveLength(direct);
    expect(expected.filter((r) => !r.indirect)).toHaveLength(direct);
    expect(graph.warnings).toEqual([]);

    // Every requirement is a component with its exact version, except the replaced one.
    const [replacedPath] = replaced.split('@');
    for (const requirement of expected.filter((r) => r.path !== replacedPath)) {
      expect(graph.components.get(goPurl(requirement.path, requirement.version))).toMatchObject({ name: requirement.path, version: requirement.version, direct: !requirement.indirect });
    }
    const replacement = goPurl(newPath, newVersion);
    expect(graph.components.get(replacement)).toMatchObject({ name: newPath, version: newVersion, type: 'library', scope: 'required', development: false });
    expect(property(graph, replacement, 'chainward:go:replaces')).toBe(replaced);

    // The root is the main module, without a version; it depends on every requirement (go.mod records no other edges).
    const root = 'pkg:golang/github.com/cli/cli/v2';
    expect(graph.roots).toEqual([root]);
    expect(graph.components.get(root)).toMatchObject({ type: 'application', name: 'github.com/cli/cli/v2', version: '', purl: root });
    expect(graph.edges.get(root)?.size).toBe(count);
    expect(graph.edges.size).toBe(1);
    expect(graph.sources).toEqual(['go.mod', 'go.sum']);
  });

  it('records the go directive, the toolchain and both go.sum hashes', () => {
    const graph = parseGoProject({ lockfile: read('gh-cli-2024', 'go.mod'), manifests: [read('gh-cli-2024', 'go.sum')] });
    expect(graph.components.get('pkg:golang/github.com/cli/cli/v2')?.properties).toEqual({ 'chainward:go:version': '1.22.5', 'chainward:go:toolchain': 'go1.22.6' });
    const twoGo = read('gh-cli-2023', 'go.mod');
    const survey = parseGoProject({ lockfile: twoGo, manifests: [read('gh-cli-2023', 'go.sum')] }).components.get('pkg:golang/github.com/AlecAivazis/survey/v2@v2.3.7');
    expect(survey?.properties).toEqual({
      'chainward:go:sum': 'h1:6I/u8FvytdGsgonrYsVn2t8t4QiRnh6QSTqkkhIiSjQ=',
      'chainward:go:sum-go-mod': 'h1:xUTIdE4KCOIjsBAE1JYsUPoCqYdZ1reCfTwbto0Fduo=',
    });
    // h1: is a hash of the module's file tree, not of one file: it is no CycloneDX hash.
    expect(survey?.hashes).toEqual([]);
  });

  it('plans the go.sum beside go.mod only', () => {
    expect(gomod.plan('svc/go.mod', ['go.sum', 'svc/go.mod', 'svc/go.sum'])).toEqual({ lockfile: 'svc/go.mod', manifests: ['svc/go.sum'] });
    expect(gomod.plan('go.mod', ['go.mod', 'svc/go.sum'])).toEqual({ lockfile: 'go.mod', manifests: [] });
  });
});

describe('gomod graph rules', () => {
  const zip = 'h1:6I/u8FvytdGsgonrYsVn2t8t4QiRnh6QSTqkkhIiSjQ=';
  const parse = (mod: string, sum?: string) =>
    parseGoProject({ lockfile: { path: 'go.mod', text: mod }, manifests: sum === undefined ? [] : [{ path: 'go.sum', text: sum }] });

  it('gives a directory replacement no version, and a version-specific replace precedence over a path-wide one', () => {
    const graph = parse(
      `module example.com/app
go 1.21
require (
	example.com/local v1.0.0
	example.com/pinned v1.2.0 // indirect
)
replace example.com/local => ../local
replace example.com/pinned => example.com/fork v9.0.0
replace example.com/pinned v1.2.0 => example.com/pinned-fork v1.2.1
`,
      `example.com/pinned-fork v1.2.1 ${zip}\n`,
    );
    expect(graph.components.get('pkg:golang/example.com/local')).toMatchObject({
      version: '',
      direct: true,
      properties: { 'chainward:go:replace-path': '../local', 'chainward:go:replaces': 'example.com/local@v1.0.0' },
    });
    expect(graph.components.get('pkg:golang/example.com/pinned-fork@v1.2.1')).toMatchObject({
      direct: false,
      properties: { 'chainward:go:replaces': 'example.com/pinned@v1.2.0', 'chainward:go:sum': zip },
    });
    expect(graph.components.has('pkg:golang/example.com/fork@v9.0.0')).toBe(false);
    expect(graph.warnings).toEqual([]);
  });

  it('leaves out an excluded version, keeps the highest of two requirements, and warns about both', () => {
    const graph = parse(`module m
go 1.21
require (
	a.b/c v1.0.0
	a.b/c v1.10.0 // indirect
	d.e/f v0.3.0
)
exclude d.e/f v0.3.0
`);
    expect(libraries(graph).map((c) => c.purl)).toEqual(['pkg:golang/a.b/c@v1.10.0']);
    expect(graph.components.get('pkg:golang/a.b/c@v1.10.0')?.direct).toBe(true);
    expect(graph.warnings.map((w) => w.message)).toEqual([
      'no go.sum beside go.mod: module checksums are not recorded',
      'line 5: a.b/c is required at v1.0.0 and v1.10.0; v1.10.0 is used',
      'line 6: d.e/f v0.3.0 is excluded by an exclude directive and left out (the go command would pick a later version, which go.mod does not name)',
    ]);
  });

  it('warns that a go < 1.17 module lists only part of its build list, and about a requirement go.sum lacks', () => {
    const graph = parse('module m\ngo 1.16\nrequire a.b/c v1.0.0\n', `x.y/z v1.0.0 ${zip}\n`);
    expect(graph.warnings.map((w) => w.message)).toEqual([
      'go 1.16 predates module graph pruning (1.17): go.mod lists only part of the build list, so modules it omits are missing',
      'a.b/c v1.0.0 has no go.sum line: the go command would stop with "missing go.sum entry"',
    ]);
  });

  it('writes purls as purl-spec and packageurl-js do: namespace and name split at the last slash, the v kept, + left as is', () => {
    expect(goPurl('github.com/cli/cli', 'v2.40.0')).toBe('pkg:golang/github.com/cli/cli@v2.40.0');
    expect(goPurl('github.com/docker/docker', 'v24.0.7+incompatible')).toBe('pkg:golang/github.com/docker/docker@v24.0.7+incompatible');
    expect(goPurl('gopkg.in/yaml.v3', 'v3.0.1')).toBe('pkg:golang/gopkg.in/yaml.v3@v3.0.1');
    expect(goPurl('rsc.io', 'v1.0.0')).toBe('pkg:golang/rsc.io@v1.0.0');
    expect(goPurl('github.com/BurntSushi/toml', '')).toBe('pkg:golang/github.com/BurntSushi/toml');
    expect(goPurl('example.com/a b/ü', 'v1.0.0')).toBe('pkg:golang/example.com/a%20b/%C3%BC@v1.0.0');
  });

  it('builds the same purl as packageurl-js for every module of the fixtures and for odd paths', () => {
    const modules = ['gh-cli-2023', 'gh-cli-2024'].flatMap((name) => [...read(name, 'go.sum').text.matchAll(/^(\S+) (v[^/\s]+)/gm)].map((m) => [m[1], m[2]]));
    modules.push(['example.com/~user/x_y', 'v0.0.0-20200101000000-abcdef012345+incompatible'], ['a/./b', 'v1.0.0'], ['a:b/c', 'v1.0.0'], ['x.y/z', '']);
    expect(modules.length).toBeGreaterThan(400);
    for (const [path, version] of modules) {
      const slash = path.lastIndexOf('/');
      const expected = new PackageURL('golang', slash > 0 ? path.slice(0, slash) : undefined, path.slice(slash + 1), version || undefined, undefined, undefined).toString();
      expect(goPurl(path, version)).toBe(expected);
    }
  });
});
