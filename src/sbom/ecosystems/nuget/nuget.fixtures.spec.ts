import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import type { ComponentNode, DependencyGraph } from '../../model/graph.js';
import { parseNuGetProject } from './parse-project.js';

const FIXTURES = new URL('../../../../test/fixtures/nuget/', import.meta.url);
const read = (name: string, file: string): string => readFileSync(new URL(`${name}/${file}`, FIXTURES), 'utf8');

function parseFixture(name: string): DependencyGraph {
  return parseNuGetProject({
    lockfile: { path: `${name}/packages.lock.json`, text: read(name, 'packages.lock.json') },
    manifests: [{ path: `${name}/Core.csproj`, text: read(name, 'Core.csproj') }],
  });
}

interface Entry {
  type: string;
  resolved?: string;
  dependencies?: Record<string, string>;
}

/** Independent reading: entries keyed by lower-case id and resolved version; a dependency is the same framework's entry of that id. */
function independentReading(name: string): { packages: Set<string>; edges: Set<string>; direct: Set<string> } {
  const lock = JSON.parse(read(name, 'packages.lock.json')) as { dependencies: Record<string, Record<string, Entry>> };
  const packages = new Set<string>();
  const edges = new Set<string>();
  const direct = new Set<string>();
  for (const entries of Object.values(lock.dependencies)) {
    const key = (id: string): string => `${id.toLowerCase()}@${entries[Object.keys(entries).find((k) => k.toLowerCase() === id.toLowerCase()) as string]?.resolved ?? ''}`;
    for (const [id, entry] of Object.entries(entries)) {
      packages.add(key(id));
      if (entry.type === 'Direct') direct.add(key(id));
      for (const dependency of Object.keys(entry.dependencies ?? {})) edges.add(`${key(id)} -> ${key(dependency)}`);
    }
  }
  return { packages, edges, direct };
}

const label = (node: ComponentNode): string => `${node.name.toLowerCase()}@${node.version}`;

function graphReading(graph: DependencyGraph): { packages: Set<string>; edges: Set<string>; direct: Set<string> } {
  const libraries = [...graph.components.values()].filter((n) => n.type === 'library');
  const edges = new Set<string>();
  for (const [from, targets] of graph.edges) {
    if (graph.roots.includes(from)) continue;
    for (const to of targets) edges.add(`${label(graph.components.get(from) as ComponentNode)} -> ${label(graph.components.get(to) as ComponentNode)}`);
  }
  const direct = new Set(libraries.filter((n) => n.direct && n.version !== '').map(label));
  return { packages: new Set(libraries.map(label)), edges, direct };
}

describe('nuget fixtures (real packages.lock.json files)', () => {
  it('bitwarden Core 2023 (net6.0): 243 packages, 37 direct, SHA-512 content hashes', () => {
    const graph = parseFixture('bitwarden-server-core-2023');
    const expected = independentReading('bitwarden-server-core-2023');
    expect(graphReading(graph)).toEqual(expected);
    expect([expected.packages.size, expected.edges.size, expected.direct.size]).toEqual([243, 963, 37]);

    expect(graph.roots).toEqual(['pkg:nuget/Core']);
    expect(graph.components.get('pkg:nuget/Core')).toMatchObject({ type: 'application', name: 'Core', version: '', sourceFile: 'bitwarden-server-core-2023/Core.csproj' });
    const sqlClient = graph.components.get('pkg:nuget/Microsoft.Data.SqlClient@5.0.1');
    expect(sqlClient).toMatchObject({ direct: true, development: false, scope: 'required', ecosystem: 'nuget', sourceFile: 'bitwarden-server-core-2023/packages.lock.json' });
    // contentHash "uu8dfrsx08..." is base64 of the SHA-512 digest.
    expect(sqlClient?.hashes).toEqual([
      { alg: 'SHA-512', content: 'baef1d7ebb31d3cd5c49b11ebd6b9902fa9d98034318991b2c12f61b78f42c06715f53b2f1109501a0b82dcb9a93a8cd89c58fe825af1ea053204990352c5097' },
    ]);
    expect(sqlClient?.properties).toEqual({ 'chainward:nuget:requested': '[5.0.1, )', 'chainward:nuget:target-frameworks': 'net6.0', 'chainward:nuget:dependency-type': 'Direct' });
    // AWSSDK.SimpleEmail depends on AWSSDK.Core [3.7.10.11, 4.0.0): the edge goes to the version the framework resolved.
    expect(graph.edges.get('pkg:nuget/AWSSDK.SimpleEmail@3.7.0.150')).toEqual(new Set(['pkg:nuget/AWSSDK.Core@3.7.10.11']));
    expect(graph.warnings).toEqual([]);
  });

  it('bitwarden Core 2026 (net10.0): project references are components of their own, joined to the project file', () => {
    const graph = parseFixture('bitwarden-server-core-2026');
    const expected = independentReading('bitwarden-server-core-2026');
    expect(graphReading(graph)).toEqual(expected);
    expect([expected.packages.size, expected.edges.size, expected.direct.size]).toEqual([145, 256, 48]);

    // Four ProjectReference items, named after their files; httpextensions comes only through ExceptionHandling.
    const rootEdges = [...(graph.edges.get('pkg:nuget/Core') ?? [])];
    expect(rootEdges).toHaveLength(52);
    expect(rootEdges.filter((ref) => !ref.includes('@')).sort()).toEqual(['pkg:nuget/Data', 'pkg:nuget/ExceptionHandling', 'pkg:nuget/SerilogFileLogging', 'pkg:nuget/SsrfProtection']);
    expect(graph.components.get('pkg:nuget/Data')).toMatchObject({
      type: 'library',
      version: '',
      direct: true,
      properties: { 'chainward:nuget:project-path': 'Libraries/Data/Data.csproj', 'chainward:nuget:target-frameworks': 'net10.0', 'chainward:nuget:dependency-type': 'Project' },
    });
    expect(graph.edges.get('pkg:nuget/ExceptionHandling')).toEqual(new Set(['pkg:nuget/httpextensions']));
    expect(graph.components.get('pkg:nuget/httpextensions')).toMatchObject({ direct: false });
    // SerilogFileLogging brings Serilog.Extensions.Logging.File [3.0.0, 3.0.0].
    expect(graph.edges.get('pkg:nuget/SerilogFileLogging')).toEqual(new Set(['pkg:nuget/Serilog.Extensions.Logging.File@3.0.0']));
    expect(graph.warnings).toEqual([]);
  });

  it('reads the project file alone, as declared components, when there is no lockfile', () => {
    const graph = parseNuGetProject({ lockfile: { path: 'src/Core/Core.csproj', text: read('bitwarden-server-core-2026', 'Core.csproj') }, manifests: [] });
    const libraries = [...graph.components.values()].filter((n) => n.type === 'library');
    expect(libraries).toHaveLength(46);
    // `Version="[13.0.3]"` is an exact version.
    expect(graph.components.get('pkg:nuget/Newtonsoft.Json@13.0.3')).toMatchObject({
      direct: true,
      sourceFile: 'src/Core/Core.csproj',
      properties: { 'chainward:declared-only': 'true', 'chainward:version-constraint': '[13.0.3]' },
    });
    expect(graph.edges.get('pkg:nuget/Core')?.size).toBe(46);
    expect(graph.warnings).toEqual([]);
  });
});
