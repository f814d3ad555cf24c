import { describe, expect, it } from '@jest/globals';
import type { DependencyGraph } from '../../model/graph.js';
import type { TextFile } from '../types.js';
import { yarn } from './index.js';
import { parseYarnProject } from './parse-project.js';

const json = (path: string, value: unknown): TextFile => ({ path, text: JSON.stringify(value) });
const targets = (graph: DependencyGraph, ref: string): string[] => [...(graph.edges.get(ref) ?? [])].sort();

describe('yarn.plan', () => {
  it('asks for the root package.json (required), .yarnrc.yml and the package.json files below the lockfile', () => {
    const discovered = ['web/yarn.lock', 'web/package.json', 'web/.yarnrc.yml', 'web/packages/a/package.json', 'other/package.json', 'package.json'];
    expect(yarn.plan('web/yarn.lock', discovered)).toEqual({
      lockfile: 'web/yarn.lock',
      manifests: ['web/package.json', 'web/.yarnrc.yml', 'web/packages/a/package.json'],
      requiredManifest: 'web/package.json',
    });
  });
});

describe('yarn 1 projects', () => {
  const lockfile: TextFile = {
    path: 'yarn.lock',
    text: `# yarn lockfile v1


dev-tool@^2.0.0:
  version "2.1.0"
  resolved "https://registry.yarnpkg.com/dev-tool/-/dev-tool-2.1.0.tgz#0123456789abcdef0123456789abcdef01234567"
  dependencies:
    is-number "^6.0.0"

is-number@^6.0.0, is-number@^6.0.1:
  version "6.0.0"
  integrity sha1-3q2+7w==

is-odd@^3.0.0:
  version "3.0.1"
  dependencies:
    is-number "^6.0.1"
  optionalDependencies:
    not-installed "^1.0.0"

"my-pad@npm:left-pad@^1.3.0", left-pad@^1.3.0:
  version "1.3.0"
  integrity sha512-3q2+7w==
`,
  };
  const manifests = [
    json('package.json', { name: 'mono', version: '1.0.0', workspaces: ['packages/*'], devDependencies: { 'dev-tool': '^2.0.0' } }),
    json('packages/app/package.json', { name: 'app', version: '0.1.0', dependencies: { lib: '^1.0.0', 'my-pad': 'npm:left-pad@^1.3.0' } }),
    json('packages/lib/package.json', { name: 'lib', version: '1.0.0', dependencies: { 'is-odd': '^3.0.0' } }),
    json('examples/demo/package.json', { name: 'demo', version: '0.0.0', dependencies: { 'left-pad': '^1.3.0' } }),
  ];

  it('makes each workspace selected by the globs a root with its own edges, a workspace dependency an edge to its root', () => {
    const graph = parseYarnProject({ lockfile, manifests });
    expect(graph.roots).toEqual(['pkg:npm/app@0.1.0', 'pkg:npm/lib@1.0.0', 'pkg:npm/mono@1.0.0']);
    expect(graph.components.get('pkg:npm/app@0.1.0')).toMatchObject({ type: 'application', sourceFile: 'packages/app/package.json', ecosystem: 'yarn' });
    expect(targets(graph, 'pkg:npm/app@0.1.0')).toEqual(['pkg:npm/left-pad@1.3.0', 'pkg:npm/lib@1.0.0']);
    expect(targets(graph, 'pkg:npm/lib@1.0.0')).toEqual(['pkg:npm/is-odd@3.0.1']);
    expect(targets(graph, 'pkg:npm/mono@1.0.0')).toEqual(['pkg:npm/dev-tool@2.1.0']);
    // The alias key and the plain key are one entry: one component.
    expect([...graph.components.keys()].filter((ref) => ref.includes('left-pad'))).toEqual(['pkg:npm/left-pad@1.3.0']);
    expect(graph.sources).toEqual(['yarn.lock', 'package.json', 'packages/app/package.json', 'packages/lib/package.json']);
    // An optional dependency Yarn 1 did not install is not an error; nothing else is missing.
    expect(graph.warnings).toEqual([]);
  });

  it('classifies by reachability: what only devDependencies reach is development, a package shared with a workspace is not', () => {
    const graph = parseYarnProject({ lockfile, manifests });
    expect(graph.components.get('pkg:npm/dev-tool@2.1.0')).toMatchObject({
      development: true,
      scope: 'optional',
      direct: true,
      properties: { 'cdx:npm:package:development': 'true', 'chainward:npm:install-path': 'node_modules/dev-tool' },
    });
    expect(graph.components.get('pkg:npm/is-number@6.0.0')).toMatchObject({ development: false, scope: 'required', direct: false, properties: {} });
    // A workspace's direct dependency is direct, but its install location is not known without the hoisting result.
    expect(graph.components.get('pkg:npm/is-odd@3.0.1')).toMatchObject({ development: false, direct: true, properties: {} });
  });

  it('takes hashes from integrity, else the SHA-1 after # in resolved', () => {
    const graph = parseYarnProject({ lockfile, manifests });
    expect(graph.components.get('pkg:npm/dev-tool@2.1.0')?.hashes).toEqual([{ alg: 'SHA-1', content: '0123456789abcdef0123456789abcdef01234567' }]);
    expect(graph.components.get('pkg:npm/left-pad@1.3.0')?.hashes).toEqual([{ alg: 'SHA-512', content: 'deadbeef' }]);
    expect(graph.components.get('pkg:npm/is-odd@3.0.1')?.hashes).toEqual([]);
  });

  it('reads only the workspaces\' package.json files: a broken one elsewhere is no error, a broken workspace manifest is', () => {
    const broken = (path: string): TextFile => ({ path, text: '{\n  "name": "broken",\n  oops\n}' });
    expect(parseYarnProject({ lockfile, manifests: [...manifests, broken('test/fixtures/bad/package.json')] }).roots).toHaveLength(3);
    expect(() => parseYarnProject({ lockfile, manifests: [...manifests, broken('packages/broken/package.json')] })).toThrow(
      expect.objectContaining({ code: 'SBOM_MALFORMED_FILE', category: 'bad-input', location: { file: 'packages/broken/package.json', line: 3, column: 3 } }),
    );
  });

  it('warns about a dependency with no lockfile entry instead of failing (a link: folder has none by design)', () => {
    const graph = parseYarnProject({
      lockfile,
      manifests: [json('package.json', { name: 'solo', version: '1.0.0', dependencies: { missing: '^1.0.0', local: 'link:../local' } })],
    });
    expect(graph.warnings).toEqual([{ file: 'yarn.lock', message: 'package.json: no lockfile entry for missing@^1.0.0' }]);
    expect(graph.edges.get('pkg:npm/solo@1.0.0')).toBeUndefined();
  });
});

describe('yarn Berry projects', () => {
  const lockfile: TextFile = {
    path: 'yarn.lock',
    text: `__metadata:
  version: 8
  cacheKey: 10

"left-pad@npm:^1.3.0":
  version: 1.3.0
  resolution: "left-pad@npm:1.3.0"
  checksum: 10/aaaa
  languageName: node
  linkType: hard

"left-pad@patch:left-pad@npm%3A^1.3.0#./.yarn/patches/left-pad.patch::locator=mono%40workspace%3A.":
  version: 1.3.0
  resolution: "left-pad@patch:left-pad@npm%3A1.3.0#./.yarn/patches/left-pad.patch::version=1.3.0&hash=abc123&locator=mono%40workspace%3A."
  checksum: 10/bbbb
  languageName: node
  linkType: hard

"lib@workspace:^, lib@workspace:packages/lib":
  version: 0.0.0-use.local
  resolution: "lib@workspace:packages/lib"
  dependencies:
    left-pad: "patch:left-pad@npm%3A^1.3.0#./.yarn/patches/left-pad.patch::locator=mono%40workspace%3A."
    local-tool: "link:../../tools/local-tool::locator=lib%40workspace%3Apackages%2Flib"
    fsevents: "npm:^2.3.0"
  dependenciesMeta:
    fsevents:
      optional: true
  languageName: unknown
  linkType: soft

"local-tool@link:../../tools/local-tool::locator=lib%40workspace%3Apackages%2Flib":
  version: 0.0.0-use.local
  resolution: "local-tool@link:../../tools/local-tool::locator=lib%40workspace%3Apackages%2Flib"
  languageName: node
  linkType: soft

"fsevents@npm:^2.3.0":
  version: 2.3.3
  resolution: "fsevents@npm:2.3.3"
  languageName: node
  linkType: hard

"mono@workspace:.":
  version: 0.0.0-use.local
  resolution: "mono@workspace:."
  dependencies:
    lib: "workspace:^"
    typescript: "npm:^5.0.0"
  languageName: unknown
  linkType: soft

"typescript@npm:^5.0.0":
  version: 5.4.5
  resolution: "typescript@npm:5.4.5"
  languageName: node
  linkType: hard
`,
  };
  const rootManifest = json('package.json', { name: 'mono', version: '2.0.0', workspaces: ['packages/*'], dependencies: { lib: 'workspace:^' }, devDependencies: { typescript: '^5.0.0' } });
  const libManifest = json('packages/lib/package.json', { name: 'lib', version: '0.3.0' });

  it('makes workspace: entries roots, resolves workspace: descriptors to them, and leaves linked folders out', () => {
    const graph = parseYarnProject({ lockfile, manifests: [rootManifest, libManifest] });
    expect(graph.roots).toEqual(['pkg:npm/lib@0.3.0', 'pkg:npm/mono@2.0.0']);
    expect(targets(graph, 'pkg:npm/mono@2.0.0')).toEqual(['pkg:npm/lib@0.3.0', 'pkg:npm/typescript@5.4.5']);
    expect(targets(graph, 'pkg:npm/lib@0.3.0')).toEqual(['pkg:npm/fsevents@2.3.3', 'pkg:npm/left-pad@1.3.0']);
    expect([...graph.components.keys()].sort()).toEqual([
      'pkg:npm/fsevents@2.3.3',
      'pkg:npm/left-pad@1.3.0',
      'pkg:npm/lib@0.3.0',
      'pkg:npm/mono@2.0.0',
      'pkg:npm/typescript@5.4.5',
    ]);
    expect(graph.warnings.map((w) => w.message)).toEqual(['local-tool@link:../../tools/local-tool::locator=lib%40workspace%3Apackages%2Flib: a linked folder, not a package; left out']);
  });

  it('names a workspace from the lockfile when its package.json is absent (no version: Berry writes a placeholder)', () => {
    const graph = parseYarnProject({ lockfile, manifests: [rootManifest] });
    expect(graph.roots).toEqual(['pkg:npm/lib', 'pkg:npm/mono@2.0.0']);
    expect(graph.components.get('pkg:npm/lib')).toMatchObject({ type: 'application', version: '', sourceFile: 'yarn.lock' });
  });

  it('reads a patch: locator as the package it patches, marked patched, with the checksum as a property only', () => {
    const graph = parseYarnProject({ lockfile, manifests: [rootManifest, libManifest] });
    expect(graph.components.get('pkg:npm/left-pad@1.3.0')).toMatchObject({
      hashes: [],
      properties: { 'chainward:patched': 'true', 'chainward:yarn:patch': './.yarn/patches/left-pad.patch', 'chainward:yarn:checksum': '10/aaaa' },
    });
  });

  it('types root edges from package.json and optional ones from dependenciesMeta', () => {
    const graph = parseYarnProject({ lockfile, manifests: [rootManifest, libManifest] });
    expect(graph.components.get('pkg:npm/typescript@5.4.5')).toMatchObject({ development: true, scope: 'optional', direct: true });
    expect(graph.components.get('pkg:npm/fsevents@2.3.3')).toMatchObject({ development: false, scope: 'optional', direct: true });
    expect(graph.components.get('pkg:npm/left-pad@1.3.0')).toMatchObject({ development: false, scope: 'required', direct: true });
  });

  it('gives install paths only with the node-modules linker, and only for the project root’s own dependencies', () => {
    const pnp = parseYarnProject({ lockfile, manifests: [rootManifest, libManifest] });
    expect([...pnp.components.values()].some((n) => n.properties['chainward:npm:install-path'])).toBe(false);
    const hoisted = parseYarnProject({ lockfile, manifests: [rootManifest, libManifest, { path: '.yarnrc.yml', text: 'nodeLinker: node-modules\n' }] });
    const withPath = [...hoisted.components.values()].filter((n) => n.properties['chainward:npm:install-path']).map((n) => [n.ref, n.properties['chainward:npm:install-path']]);
    expect(withPath).toEqual([['pkg:npm/typescript@5.4.5', 'node_modules/typescript']]);
  });

  it('warns when a workspace on disk is missing from the lockfile', () => {
    const extra = json('packages/new/package.json', { name: 'new', version: '1.0.0' });
    const graph = parseYarnProject({ lockfile, manifests: [rootManifest, libManifest, extra] });
    expect(graph.warnings.map((w) => w.message)).toContain('workspace packages/new is not in yarn.lock; run yarn install to update the lockfile');
  });

  it('reports a malformed package.json as bad input', () => {
    expect(() => parseYarnProject({ lockfile, manifests: [{ path: 'package.json', text: '{"name": ' }] })).toThrow(
      expect.objectContaining({ code: 'SBOM_MALFORMED_FILE', location: expect.objectContaining({ file: 'package.json', line: 1 }) }),
    );
  });
});
