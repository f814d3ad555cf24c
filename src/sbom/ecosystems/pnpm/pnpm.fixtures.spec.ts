import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import type { ComponentNode, DependencyGraph } from '../../model/graph.js';
import type { TextFile } from '../types.js';
import { parsePnpmProject } from './parse-project.js';
import { parsePnpmLock } from './parse-pnpm-lock.js';

const FIXTURES = new URL('../../../../test/fixtures/pnpm/', import.meta.url);

function readFixture(name: string, file: string): TextFile {
  return { path: file, text: readFileSync(new URL(`${name}/${file}`, FIXTURES), 'utf8') };
}

/** Parses a fixture directory as if it were the scanned repository. */
function parseFixture(name: string): { graph: DependencyGraph; lockfile: TextFile; milliseconds: number } {
  const lockfile = readFixture(name, 'pnpm-lock.yaml');
  const manifests = [readFixture(name, 'package.json'), readFixture(name, 'pnpm-workspace.yaml')];
  const started = performance.now();
  const graph = parsePnpmProject({ lockfile, manifests });
  return { graph, lockfile, milliseconds: performance.now() - started };
}

const fullName = (node: ComponentNode): string => (node.group ? `${node.group}/${node.name}` : node.name);
const libraryPairs = (graph: DependencyGraph): Set<string> =>
  new Set([...graph.components.values()].filter((n) => n.type === 'library').map((n) => `${fullName(n)}@${n.version}`));
const targets = (graph: DependencyGraph, ref: string): string[] => [...(graph.edges.get(ref) ?? [])].sort();

/** Independent reading: the keys of the top-level `packages:` section, without leading slash and peer suffix. */
function packageKeyPairs(text: string): Set<string> {
  const section = text.split(/^packages:\n/m)[1].split(/^\S/m)[0];
  const pairs = new Set<string>();
  for (const match of section.matchAll(/^ {2}'?([^\s'][^']*?)'?:/gm)) pairs.add(match[1].replace(/^\//, '').replace(/\(.*$/, ''));
  return pairs;
}

function expectEdgeTargetsExist(graph: DependencyGraph): void {
  for (const [from, targetRefs] of graph.edges) {
    expect(graph.components.has(from)).toBe(true);
    for (const to of targetRefs) expect(graph.components.has(to)).toBe(true);
  }
}

describe('pnpm fixtures (real lockfiles)', () => {
  it('vue-core, lockfile 9.0: packages + snapshots, catalogs, links between importers, peer variants joined', () => {
    const { graph, lockfile, milliseconds } = parseFixture('vue-core-v9');
    console.info(`pnpm 9 vue-core: parsed in ${milliseconds.toFixed(1)} ms`);
    const pairs = libraryPairs(graph);
    expect(pairs).toEqual(packageKeyPairs(lockfile.text));
    expect(pairs.size).toBe(620);
    expectEdgeTargetsExist(graph);
    expect(graph.warnings).toEqual([]);

    // 18 importers; only the root package.json is in the fixture, so the others are named by the links to them.
    expect(graph.roots).toHaveLength(18);
    expect(graph.roots).toContain('pkg:npm/project@3.5.41');
    expect(graph.roots).toContain('pkg:npm/%40vue/compiler-core');
    expect(graph.components.get('pkg:npm/%40vue/compiler-core')).toMatchObject({ type: 'application', name: 'compiler-core', group: '@vue', version: '' });

    // packages/compiler-core: '@babel/parser' (catalog: -> 7.29.8), '@vue/shared' link:../shared, '@babel/types' as a devDependency.
    expect(targets(graph, 'pkg:npm/%40vue/compiler-core')).toEqual([
      'pkg:npm/%40babel/parser@7.29.8',
      'pkg:npm/%40babel/types@7.29.8',
      'pkg:npm/%40vue/shared',
      'pkg:npm/entities@7.0.1',
      'pkg:npm/estree-walker@2.0.2',
      'pkg:npm/source-map-js@1.2.1',
    ]);
    expect(graph.components.get('pkg:npm/%40babel/parser@7.29.8')).toMatchObject({
      development: false,
      scope: 'required',
      direct: true,
      hashes: [
        {
          alg: 'SHA-512',
          content: '13c953018341d4a5be147f95189b993358a8031d84ea8565bd0151adfe4ff19666b222576000fdbd3155ef2c84511373821d5d16a319b8eead53070045ba8508',
        },
      ],
      properties: { 'chainward:npm:install-path': 'node_modules/.pnpm/@babel+parser@7.29.8/node_modules/@babel/parser' },
    });
    expect(targets(graph, 'pkg:npm/%40babel/parser@7.29.8')).toEqual(['pkg:npm/%40babel/types@7.29.8']);

    // '@vitejs/plugin-vue@6.0.8(vite@8.2.0)(vue@packages+vue)': peers vite and the workspace's vue (link:packages/vue).
    expect(targets(graph, 'pkg:npm/%40vitejs/plugin-vue@6.0.8')).toEqual(['pkg:npm/%40rolldown/pluginutils@1.0.1', 'pkg:npm/vite@8.2.0', 'pkg:npm/vue']);
    // Only peer variants exist, whose store directories carry the peers: no install path is claimed.
    expect(graph.components.get('pkg:npm/%40vitejs/plugin-vue@6.0.8')?.properties['chainward:npm:install-path']).toBeUndefined();
    // fdir@6.5.0(picomatch@4.0.4) and fdir@6.5.0(picomatch@4.0.5): one component, both edges.
    expect(targets(graph, 'pkg:npm/fdir@6.5.0')).toEqual(['pkg:npm/picomatch@4.0.4', 'pkg:npm/picomatch@4.0.5']);
  });

  it('vue-core, lockfile 6.0: the computed dev and optional flags equal the ones pnpm recorded', () => {
    const { graph, lockfile, milliseconds } = parseFixture('vue-core-v6');
    console.info(`pnpm 6 vue-core: parsed in ${milliseconds.toFixed(1)} ms`);
    const pairs = libraryPairs(graph);
    expect(pairs).toEqual(packageKeyPairs(lockfile.text));
    expect(pairs.size).toBe(730);
    expectEdgeTargetsExist(graph);
    expect(graph.warnings).toEqual([]);
    expect(graph.roots).toHaveLength(17);

    const parsed = parsePnpmLock(lockfile);
    const byPair = new Map([...graph.components.values()].map((n) => [`${fullName(n)}@${n.version}`, n]));
    const disagreements: string[] = [];
    for (const pkg of parsed.packages.values()) {
      const node = byPair.get(`${pkg.name}@${pkg.version}`) as ComponentNode;
      const recordedDev = pkg.recorded.dev === true;
      const recordedOptional = pkg.recorded.optional === true;
      if (node.development !== recordedDev || (!recordedDev && (node.scope === 'optional') !== recordedOptional)) disagreements.push(pkg.key);
    }
    expect(disagreements).toEqual([]);
    // The fixture holds 699 `dev: true`, 14 `dev: false` and 17 packages needed by both (no `dev` key).
    expect((lockfile.text.match(/^ {4}dev: true$/gm) ?? []).length).toBe(699);
    expect([...graph.components.values()].filter((n) => n.development).length).toBe(699);
    expect([...graph.components.values()].filter((n) => n.type === 'library' && !n.development).length).toBe(14 + 17);

    // '/@babel/helper-module-transforms@7.23.3(@babel/core@7.23.5)' resolves its peer @babel/core to 7.23.5.
    expect(targets(graph, 'pkg:npm/%40babel/helper-module-transforms@7.23.3')).toContain('pkg:npm/%40babel/core@7.23.5');
    expect(targets(graph, 'pkg:npm/%40vue/compiler-core')).toContain('pkg:npm/%40babel/parser@7.24.1');
    expect(targets(graph, 'pkg:npm/%40vue/compiler-core')).toContain('pkg:npm/%40vue/shared');
    expect(graph.components.get('pkg:npm/%40babel/parser@7.24.1')).toMatchObject({ development: false, scope: 'required', direct: true });
  });
});
