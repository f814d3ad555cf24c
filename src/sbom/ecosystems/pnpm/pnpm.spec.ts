import { describe, expect, it } from '@jest/globals';
import type { DependencyGraph } from '../../model/graph.js';
import type { TextFile } from '../types.js';
import { pnpm } from './index.js';
import { parsePnpmProject } from './parse-project.js';

const json = (path: string, value: unknown): TextFile => ({ path, text: JSON.stringify(value) });
const targets = (graph: DependencyGraph, ref: string): string[] => [...(graph.edges.get(ref) ?? [])].sort();
const libraries = (graph: DependencyGraph): string[] => [...graph.components.values()].filter((n) => n.type === 'library').map((n) => n.ref);

const V9_WORKSPACE = `lockfileVersion: '9.0'

settings:
  autoInstallPeers: true
  excludeLinksFromLockfile: false

catalogs:
  default:
    react:
      specifier: ^18.2.0
      version: 18.2.0

patchedDependencies:
  left-pad@1.3.0:
    hash: abc123
    path: patches/left-pad@1.3.0.patch

importers:

  .:
    devDependencies:
      typescript:
        specifier: ^5.4.0
        version: 5.4.5

  packages/app:
    dependencies:
      lib:
        specifier: workspace:*
        version: link:../lib
      react:
        specifier: 'catalog:'
        version: 18.2.0
      react-dom:
        specifier: ^18.2.0
        version: 18.2.0(react@18.2.0)
    optionalDependencies:
      fsevents:
        specifier: ^2.3.3
        version: 2.3.3

  packages/lib:
    dependencies:
      left-pad:
        specifier: ^1.3.0
        version: 1.3.0(patch_hash=abc123)
      react:
        specifier: 18.3.1
        version: 18.3.1
      react-dom:
        specifier: ^18.2.0
        version: 18.2.0(react@18.3.1)

packages:

  dev-only@1.0.0:
    resolution: {integrity: sha512-3q2+7w==}

  fsevents@2.3.3:
    resolution: {integrity: sha512-3q2+7w==}
    os: [darwin]

  js-tokens@4.0.0:
    resolution: {integrity: sha512-3q2+7w==}

  left-pad@1.3.0:
    resolution: {integrity: sha512-3q2+7w==}

  loose-envify@1.4.0:
    resolution: {integrity: sha512-3q2+7w==}
    hasBin: true

  react-dom@18.2.0:
    resolution: {integrity: sha512-3q2+7w==}
    peerDependencies:
      react: ^18.2.0

  react@18.2.0:
    resolution: {integrity: sha512-3q2+7w==}

  react@18.3.1:
    resolution: {integrity: sha512-3q2+7w==}

  typescript@5.4.5:
    resolution: {integrity: sha512-3q2+7w==}
    hasBin: true

snapshots:

  dev-only@1.0.0: {}

  fsevents@2.3.3:
    optional: true

  js-tokens@4.0.0: {}

  left-pad@1.3.0(patch_hash=abc123): {}

  loose-envify@1.4.0:
    dependencies:
      js-tokens: 4.0.0

  react-dom@18.2.0(react@18.2.0):
    dependencies:
      loose-envify: 1.4.0
      react: 18.2.0

  react-dom@18.2.0(react@18.3.1):
    dependencies:
      loose-envify: 1.4.0
      react: 18.3.1

  react@18.2.0:
    dependencies:
      loose-envify: 1.4.0

  react@18.3.1:
    dependencies:
      loose-envify: 1.4.0

  typescript@5.4.5:
    dependencies:
      dev-only: 1.0.0
`;

describe('pnpm.plan', () => {
  it('asks for the root package.json (required), pnpm-workspace.yaml and the package.json files below the lockfile', () => {
    const discovered = ['pnpm-lock.yaml', 'package.json', 'pnpm-workspace.yaml', 'packages/a/package.json', 'packages/a/src/index.ts'];
    expect(pnpm.plan('pnpm-lock.yaml', discovered)).toEqual({
      lockfile: 'pnpm-lock.yaml',
      manifests: ['package.json', 'pnpm-workspace.yaml', 'packages/a/package.json'],
      requiredManifest: 'package.json',
    });
  });
});

describe('pnpm 9 workspaces', () => {
  const lockfile: TextFile = { path: 'web/pnpm-lock.yaml', text: V9_WORKSPACE };
  const manifests = [
    json('web/package.json', { name: 'mono', version: '1.0.0' }),
    json('web/packages/app/package.json', { name: 'app', version: '2.0.0', license: 'Apache-2.0' }),
  ];
  const graph = parsePnpmProject({ lockfile, manifests });

  it('makes every importer a root, named by its package.json or else by the links to it', () => {
    expect(graph.roots).toEqual(['pkg:npm/app@2.0.0', 'pkg:npm/lib', 'pkg:npm/mono@1.0.0']);
    expect(graph.components.get('pkg:npm/app@2.0.0')).toMatchObject({
      type: 'application',
      ecosystem: 'pnpm',
      sourceFile: 'web/packages/app/package.json',
      licenses: [{ kind: 'expression', expression: 'Apache-2.0', source: 'manifest' }],
    });
    expect(graph.components.get('pkg:npm/mono@1.0.0')?.licenses).toEqual([]);
    expect(graph.components.get('pkg:npm/lib')).toMatchObject({ type: 'application', version: '', sourceFile: 'web/pnpm-lock.yaml' });
    expect(targets(graph, 'pkg:npm/app@2.0.0')).toEqual(['pkg:npm/fsevents@2.3.3', 'pkg:npm/lib', 'pkg:npm/react-dom@18.2.0', 'pkg:npm/react@18.2.0']);
    expect(targets(graph, 'pkg:npm/mono@1.0.0')).toEqual(['pkg:npm/typescript@5.4.5']);
    expect(graph.sources).toEqual(['web/pnpm-lock.yaml', 'web/package.json', 'web/packages/app/package.json']);
    expect(graph.warnings).toEqual([]);
  });

  it('joins the peer variants of one name+version into one component with the union of their edges', () => {
    expect(libraries(graph).filter((ref) => ref.includes('react-dom'))).toEqual(['pkg:npm/react-dom@18.2.0']);
    expect(targets(graph, 'pkg:npm/react-dom@18.2.0')).toEqual(['pkg:npm/loose-envify@1.4.0', 'pkg:npm/react@18.2.0', 'pkg:npm/react@18.3.1']);
    expect(libraries(graph)).toHaveLength(9);
  });

  it('classifies from importer sections and package edges: dev-only, optional, required', () => {
    expect(graph.components.get('pkg:npm/typescript@5.4.5')).toMatchObject({ development: true, scope: 'optional', direct: true });
    expect(graph.components.get('pkg:npm/dev-only@1.0.0')).toMatchObject({
      development: true,
      scope: 'optional',
      direct: false,
      properties: { 'cdx:npm:package:development': 'true', 'chainward:npm:install-path': 'web/node_modules/.pnpm/dev-only@1.0.0/node_modules/dev-only' },
    });
    expect(graph.components.get('pkg:npm/fsevents@2.3.3')).toMatchObject({ development: false, scope: 'optional', direct: true });
    expect(graph.components.get('pkg:npm/react@18.3.1')).toMatchObject({ development: false, scope: 'required', direct: true });
    expect(graph.components.get('pkg:npm/js-tokens@4.0.0')).toMatchObject({ development: false, scope: 'required', direct: false });
  });

  it('marks patched packages and claims no store path for them or for peer variants', () => {
    expect(graph.components.get('pkg:npm/left-pad@1.3.0')?.properties).toEqual({ 'chainward:patched': 'true' });
    expect(graph.components.get('pkg:npm/react-dom@18.2.0')?.properties).toEqual({});
    expect(graph.components.get('pkg:npm/react@18.2.0')?.properties['chainward:npm:install-path']).toBe('web/node_modules/.pnpm/react@18.2.0/node_modules/react');
    expect(graph.components.get('pkg:npm/loose-envify@1.4.0')?.hashes).toEqual([{ alg: 'SHA-512', content: 'deadbeef' }]);
  });

  it('warns when pnpm-workspace.yaml selects a project the lockfile does not know', () => {
    const withWorkspace = parsePnpmProject({
      lockfile,
      manifests: [...manifests, { path: 'web/pnpm-workspace.yaml', text: "packages:\n  - 'packages/*'\n  - '!packages/ignored'\n" }, json('web/packages/new/package.json', { name: 'new' }), json('web/packages/ignored/package.json', { name: 'ignored' })],
    });
    expect(withWorkspace.warnings.map((w) => w.message)).toEqual(['workspace project packages/new is not in pnpm-lock.yaml; run pnpm install to update the lockfile']);
  });
});

describe('pnpm 6 and 5 lockfiles', () => {
  it('reads a single-project 6.0 lockfile (sections at the top, /name@version(peers) keys, scoped names)', () => {
    const text = `lockfileVersion: '6.0'

dependencies:
  '@scope/ui':
    specifier: ^1.0.0
    version: 1.0.0(react@18.2.0)
  react:
    specifier: ^18.2.0
    version: 18.2.0

devDependencies:
  alias-name:
    specifier: npm:real-name@^2.0.0
    version: /real-name@2.0.0

packages:

  /@scope/ui@1.0.0(react@18.2.0):
    resolution: {integrity: sha512-3q2+7w==}
    peerDependencies:
      react: ^18
    dependencies:
      react: 18.2.0
    dev: false

  /react@18.2.0:
    resolution: {integrity: sha512-3q2+7w==}
    dev: false

  /real-name@2.0.0:
    resolution: {integrity: sha512-3q2+7w==}
    dev: true
`;
    const graph = parsePnpmProject({ lockfile: { path: 'pnpm-lock.yaml', text }, manifests: [json('package.json', { name: 'solo', version: '0.1.0' })] });
    expect(graph.roots).toEqual(['pkg:npm/solo@0.1.0']);
    expect(libraries(graph).sort()).toEqual(['pkg:npm/%40scope/ui@1.0.0', 'pkg:npm/react@18.2.0', 'pkg:npm/real-name@2.0.0']);
    expect(targets(graph, 'pkg:npm/solo@0.1.0')).toEqual(['pkg:npm/%40scope/ui@1.0.0', 'pkg:npm/react@18.2.0', 'pkg:npm/real-name@2.0.0']);
    expect(graph.components.get('pkg:npm/real-name@2.0.0')).toMatchObject({
      development: true,
      properties: { 'chainward:npm:install-path': 'node_modules/.pnpm/real-name@2.0.0/node_modules/real-name', 'cdx:npm:package:development': 'true' },
    });
    expect(graph.components.get('pkg:npm/%40scope/ui@1.0.0')).toMatchObject({ group: '@scope', name: 'ui', development: false, direct: true });
    expect(graph.warnings).toEqual([]);
  });

  it('reads a 5.4 lockfile (/name/version_peers keys, names with underscores)', () => {
    const text = `lockfileVersion: 5.4

importers:

  .:
    specifiers:
      plugin: ^1.0.0
      string_decoder: ^1.3.0
    dependencies:
      plugin: 1.0.0_string_decoder@1.3.0
      string_decoder: 1.3.0

packages:

  /plugin/1.0.0_string_decoder@1.3.0:
    resolution: {integrity: sha512-3q2+7w==}
    peerDependencies:
      string_decoder: ^1
    dependencies:
      string_decoder: 1.3.0
    dev: false

  /string_decoder/1.3.0:
    resolution: {integrity: sha512-3q2+7w==}
    dev: false
`;
    const graph = parsePnpmProject({ lockfile: { path: 'pnpm-lock.yaml', text }, manifests: [json('package.json', { name: 'old', version: '1.0.0' })] });
    expect(libraries(graph).sort()).toEqual(['pkg:npm/plugin@1.0.0', 'pkg:npm/string_decoder@1.3.0']);
    expect(targets(graph, 'pkg:npm/plugin@1.0.0')).toEqual(['pkg:npm/string_decoder@1.3.0']);
    expect(graph.components.get('pkg:npm/plugin@1.0.0')?.properties).toEqual({});
    expect(graph.warnings).toEqual([]);
  });

  it('names a tarball package from its metadata and claims no store path for it', () => {
    const text = `lockfileVersion: '9.0'

importers:

  .:
    dependencies:
      tool:
        specifier: https://example.com/tool-1.2.0.tgz
        version: https://example.com/tool-1.2.0.tgz

packages:

  tool@https://example.com/tool-1.2.0.tgz:
    resolution: {integrity: sha512-3q2+7w==, tarball: https://example.com/tool-1.2.0.tgz}
    version: 1.2.0

snapshots:

  tool@https://example.com/tool-1.2.0.tgz: {}
`;
    const graph = parsePnpmProject({ lockfile: { path: 'pnpm-lock.yaml', text }, manifests: [json('package.json', { name: 'x', version: '1.0.0' })] });
    expect(libraries(graph)).toEqual(['pkg:npm/tool@1.2.0']);
    expect(graph.components.get('pkg:npm/tool@1.2.0')).toMatchObject({ direct: true, properties: {} });
    expect(graph.warnings).toEqual([]);
  });

  it('warns about a reference with no package entry instead of failing', () => {
    const text = `lockfileVersion: '9.0'\n\nimporters:\n\n  .:\n    dependencies:\n      ghost:\n        specifier: ^1.0.0\n        version: 1.0.0\n`;
    const graph = parsePnpmProject({ lockfile: { path: 'pnpm-lock.yaml', text }, manifests: [json('package.json', { name: 'x', version: '1.0.0' })] });
    expect(graph.warnings).toEqual([{ file: 'pnpm-lock.yaml', message: 'importer .: no lockfile entry for ghost 1.0.0' }]);
  });
});
