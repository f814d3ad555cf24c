import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import type { ComponentNode, DependencyGraph } from '../../model/graph.js';
import type { TextFile } from '../types.js';
import { parseYarnProject } from './parse-project.js';

const FIXTURES = new URL('../../../../test/fixtures/yarn/', import.meta.url);

/** Parses a fixture directory as if it were the scanned repository. */
function parseFixture(name: string): { graph: DependencyGraph; lockText: string; milliseconds: number } {
  const read = (file: string): TextFile => ({ path: file, text: readFileSync(new URL(`${name}/${file}`, FIXTURES), 'utf8') });
  const manifests = ['package.json', '.yarnrc.yml'].filter((f) => existsSync(new URL(`${name}/${f}`, FIXTURES))).map(read);
  const lockfile = read('yarn.lock');
  const started = performance.now();
  const graph = parseYarnProject({ lockfile, manifests });
  return { graph, lockText: lockfile.text, milliseconds: performance.now() - started };
}

const fullName = (node: ComponentNode): string => (node.group ? `${node.group}/${node.name}` : node.name);
const libraryPairs = (graph: DependencyGraph): Set<string> =>
  new Set([...graph.components.values()].filter((n) => n.type === 'library').map((n) => `${fullName(n)}@${n.version}`));

/** Independent reading of a Yarn 1 lockfile: each block's first key gives the name, its `version` line the version. */
function classicPairs(text: string): Set<string> {
  const pairs = new Set<string>();
  for (const block of text.split(/\n\s*\n/)) {
    const lines = block.split('\n').filter((l) => l !== '' && !l.startsWith('#'));
    if (lines.length === 0) continue;
    const firstKey = lines[0].split(',')[0].replace(/"/g, '').replace(/:$/, '');
    const at = firstKey.indexOf('@', 1);
    const range = firstKey.slice(at + 1);
    const name = range.startsWith('npm:') ? range.slice(4, range.indexOf('@', 5)) : firstKey.slice(0, at);
    const version = /^ {2}version "([^"]+)"/m.exec(block)?.[1];
    if (version) pairs.add(`${name}@${version}`);
  }
  return pairs;
}

/** Independent reading of a Berry lockfile: `resolution` gives the name, `version` the version; workspaces and links left out. */
function berryPairs(text: string): Set<string> {
  const pairs = new Set<string>();
  for (const block of text.split(/\n\s*\n/)) {
    const resolution = /^ {2}resolution: "([^"]+)"/m.exec(block)?.[1];
    const version = /^ {2}version: (\S+)/m.exec(block)?.[1];
    if (!resolution || !version || /@(workspace|link|portal):/.test(resolution)) continue;
    pairs.add(`${resolution.slice(0, resolution.indexOf('@', 1))}@${version}`);
  }
  return pairs;
}

function expectEdgeTargetsExist(graph: DependencyGraph): void {
  for (const [from, targets] of graph.edges) {
    expect(graph.components.has(from)).toBe(true);
    for (const to of targets) expect(graph.components.has(to)).toBe(true);
  }
}

describe('yarn fixtures (real lockfiles)', () => {
  it('vue-core, Yarn 1 workspace monorepo: one component per resolved name+version, root edges typed by package.json', () => {
    const { graph, lockText, milliseconds } = parseFixture('vue-core-classic-v1');
    console.info(`yarn classic vue-core: parsed in ${milliseconds.toFixed(1)} ms`);
    const pairs = libraryPairs(graph);
    expect(pairs).toEqual(classicPairs(lockText));
    expect(pairs.size).toBe(912);
    expectEdgeTargetsExist(graph);

    // The root package.json has no name; version 3.2.19; only devDependencies.
    expect(graph.roots).toEqual(['pkg:npm/project@3.2.19']);
    const root = graph.components.get('pkg:npm/project@3.2.19');
    expect(root).toMatchObject({ type: 'application', sourceFile: 'package.json', ecosystem: 'yarn' });
    expect(graph.edges.get('pkg:npm/project@3.2.19')?.size).toBe(39);
    expect(graph.edges.get('pkg:npm/project@3.2.19')?.has('pkg:npm/typescript@4.4.3')).toBe(true);

    // "@babel/code-frame@^7.0.0", ... (5 keys) -> 7.15.8, which depends on "@babel/highlight" "^7.14.5" -> 7.14.5.
    const codeFrame = graph.components.get('pkg:npm/%40babel/code-frame@7.15.8');
    expect(codeFrame).toMatchObject({ group: '@babel', name: 'code-frame', version: '7.15.8', type: 'library', development: true, scope: 'optional' });
    expect(codeFrame?.hashes).toEqual([
      {
        alg: 'SHA-512',
        content: 'd880279a7f336ef0bf8ca621ab92a2f48f83c2396bb4c3d4087fc2a47bea23874d9e5c07c2cc6822195cf167186392d26249d742d025158b877ea0050af4385a',
      },
    ]);
    expect([...(graph.edges.get('pkg:npm/%40babel/code-frame@7.15.8') ?? [])]).toEqual(['pkg:npm/%40babel/highlight@7.14.5']);
    expect(graph.components.has('pkg:npm/%40babel/code-frame@7.12.11')).toBe(true);

    // A direct devDependency: development, installed at the top of node_modules.
    expect(graph.components.get('pkg:npm/typescript@4.4.3')).toMatchObject({
      direct: true,
      development: true,
      scope: 'optional',
      properties: { 'chainward:npm:install-path': 'node_modules/typescript', 'cdx:npm:package:development': 'true' },
    });
    // The workspaces' manifests are not in the fixture: their dependencies stay reachable from no root and are kept as required.
    expect(graph.warnings.map((w) => w.message)).toEqual([
      "workspaces packages/* matched no package.json; the workspaces' own dependencies are listed without a root",
    ]);
  });

  it('redux, Berry lockfile version 6: ranges without npm:, resolutions, builtin patches', () => {
    const { graph, lockText, milliseconds } = parseFixture('redux-berry-v6');
    console.info(`yarn berry v6 redux: parsed in ${milliseconds.toFixed(1)} ms`);
    const pairs = libraryPairs(graph);
    expect(pairs).toEqual(berryPairs(lockText));
    expect(pairs.size).toBe(661);
    expectEdgeTargetsExist(graph);
    expect(graph.warnings).toEqual([]);
    expect(graph.roots).toEqual(['pkg:npm/redux@5.0.1']);
    // package.json resolutions pin esbuild to 0.19.7: tsup asks for ^0.18.2 and gets the pinned one.
    expect(graph.edges.get('pkg:npm/tsup@7.0.0')?.has('pkg:npm/esbuild@0.19.7')).toBe(true);
    expect(graph.edges.get('pkg:npm/redux@5.0.1')?.has('pkg:npm/%40typescript-eslint/eslint-plugin@6.12.0')).toBe(true);
  });

  it('redux, Berry lockfile version 8: patches, checksums kept as properties, everything development-only', () => {
    const { graph, lockText, milliseconds } = parseFixture('redux-berry-v8');
    console.info(`yarn berry v8 redux: parsed in ${milliseconds.toFixed(1)} ms`);
    const pairs = libraryPairs(graph);
    expect(pairs).toEqual(berryPairs(lockText));
    expect(pairs.size).toBe(811);
    expectEdgeTargetsExist(graph);
    expect(graph.warnings).toEqual([]);

    expect(graph.roots).toEqual(['pkg:npm/redux@5.0.1']);
    expect(graph.components.get('pkg:npm/redux@5.0.1')?.licenses).toEqual([{ kind: 'expression', expression: 'MIT', source: 'manifest' }]);
    const directs = graph.edges.get('pkg:npm/redux@5.0.1') ?? new Set();
    expect(directs.size).toBe(24);
    // redux has devDependencies only, so every package is development-only.
    const libraries = [...graph.components.values()].filter((n) => n.type === 'library');
    expect(libraries.every((n) => n.development && n.scope === 'optional')).toBe(true);

    // "@ampproject/remapping@npm:^2.2.0, ...@npm:^2.2.1" -> 2.3.0, depending on gen-mapping ^0.3.5 (0.3.8) and trace-mapping ^0.3.24 (0.3.31).
    expect([...(graph.edges.get('pkg:npm/%40ampproject/remapping@2.3.0') ?? [])].sort()).toEqual([
      'pkg:npm/%40jridgewell/gen-mapping@0.3.8',
      'pkg:npm/%40jridgewell/trace-mapping@0.3.31',
    ]);
    const remapping = graph.components.get('pkg:npm/%40ampproject/remapping@2.3.0');
    expect(remapping?.hashes).toEqual([]);
    expect(remapping?.properties['chainward:yarn:checksum']).toBe(
      '10/f3451525379c68a73eb0a1e65247fbf28c0cccd126d93af21c75fceff77773d43c0d4a2d51978fb131aff25b5f2cb41a9fe48cc296e61ae65e679c4f6918b0ab',
    );
    // typescript ^5.8.2 is in the lockfile both plain and through Yarn's builtin compat patch: one component, marked patched.
    expect(graph.components.get('pkg:npm/typescript@5.8.2')).toMatchObject({
      direct: true,
      properties: { 'chainward:patched': 'true', 'chainward:yarn:patch': 'optional!builtin<compat/typescript>', 'chainward:npm:install-path': 'node_modules/typescript' },
    });
    // "string-width-cjs@npm:string-width@^4.2.0" is an alias of string-width 4.2.3, not a package of its own.
    expect(pairs.has('string-width@4.2.3')).toBe(true);
    expect([...pairs].some((p) => p.startsWith('string-width-cjs@'))).toBe(false);
  });
});
