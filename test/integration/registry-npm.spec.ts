import { createServer } from 'node:net';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { addRegistryFacts, type RegistryClientOptions } from '../../src/sbom/registry/index.js';
import { emptyGraph, type ComponentNode, type DependencyGraph } from '../../src/sbom/model/graph.js';

/** Talks to the real npm registry (reachable in development and CI), then proves the cache alone answers. */
const PACKAGES: Array<[purl: string, name: string, version: string, namespace?: string]> = [
  ['pkg:npm/request@2.88.2', 'request', '2.88.2'],
  ['pkg:npm/left-pad@1.3.0', 'left-pad', '1.3.0'],
  ['pkg:npm/%40babel/core@7.25.2', 'core', '7.25.2', '@babel'],
  ['pkg:npm/node-forge@1.3.1', 'node-forge', '1.3.1'],
];
const EXPECTED_LICENCES = {
  'pkg:npm/request@2.88.2': ['Apache-2.0'],
  'pkg:npm/left-pad@1.3.0': ['WTFPL'],
  'pkg:npm/%40babel/core@7.25.2': ['MIT'],
  'pkg:npm/node-forge@1.3.1': ['(BSD-3-Clause OR GPL-2.0-only)'],
};

function graph(): DependencyGraph {
  const result = emptyGraph();
  for (const [purl, name, version, namespace] of PACKAGES) {
    const node: ComponentNode = { ref: purl, ecosystem: 'yarn', purl, group: namespace, name, version, type: 'library', scope: 'required', development: false, direct: true, licenses: [], hashes: [], sourceFile: 'yarn.lock', properties: {} };
    result.components.set(purl, node);
  }
  return result;
}

const licences = (g: DependencyGraph): Record<string, string[]> =>
  Object.fromEntries([...g.components.values()].map((n) => [n.ref, n.licenses.map((l) => (l.kind === 'expression' ? l.expression : l.name))]));

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const temporary: string[] = [];
afterAll(async () => Promise.all(temporary.map((dir) => rm(dir, { recursive: true, force: true }))));

describe('registry metadata from the npm registry', () => {
  it('fills licences and release dates, caches them, and answers from the cache when the registry is unreachable', async () => {
    const cacheDir = await mkdtemp(path.join(tmpdir(), 'chainward-registry-'));
    temporary.push(cacheDir);
    const options: RegistryClientOptions = { cacheDir, ttlSeconds: 3600, userAgent: 'chainward-test' };

    const online = graph();
    const first = await addRegistryFacts(online, options);
    expect(online.warnings).toEqual([]);
    expect(first).toEqual({ lookups: 4, cached: 0, fetched: 4, licensed: 4 });
    expect(licences(online)).toEqual(EXPECTED_LICENCES);
    for (const node of online.components.values()) {
      expect(node.licenses.every((l) => l.source === 'registry')).toBe(true);
      expect(Date.parse(node.properties['chainward:release-date'])).not.toBeNaN();
    }
    expect((await readdir(path.join(cacheDir, 'npm'))).filter((f) => f.endsWith('.json'))).toHaveLength(4);

    const offline = graph();
    const unreachable = `http://127.0.0.1:${await closedPort()}`;
    const second = await addRegistryFacts(offline, { ...options, baseUrls: { npm: unreachable } });
    expect(second).toEqual({ lookups: 4, cached: 4, fetched: 0, licensed: 4 });
    expect(offline.warnings).toEqual([]);
    expect(licences(offline)).toEqual(EXPECTED_LICENCES);
    expect([...offline.components.values()].map((n) => n.properties)).toEqual([...online.components.values()].map((n) => n.properties));
  });

  it('gives one warning for an unreachable registry, not one per package, and leaves the licences unknown', async () => {
    const cacheDir = await mkdtemp(path.join(tmpdir(), 'chainward-registry-'));
    temporary.push(cacheDir);
    const unreachable = `http://127.0.0.1:${await closedPort()}`;
    const g = graph();
    const report = await addRegistryFacts(g, { cacheDir, ttlSeconds: 3600, userAgent: 'chainward-test', baseUrls: { npm: unreachable } });
    expect(report).toEqual({ lookups: 4, cached: 0, fetched: 0, licensed: 0 });
    expect(g.warnings).toEqual([{ file: unreachable, message: 'npm registry unreachable (ECONNREFUSED); 4 component(s) without a licence keep none' }]);
    expect(Object.values(licences(g)).flat()).toEqual([]);
  });
});
