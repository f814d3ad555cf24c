import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { FIXTURES } from '../../../test/support/cli.js';
import type { DependencyGraph } from '../model/graph.js';
import { parseSbom } from './read-sbom.js';

// GitHub's dependency-graph export of darcyclarke/sounds-believable-often-misleading, as downloaded (unwrapped).
const FILE = path.join(FIXTURES, 'sbom', 'github', 'sounds-believable.dependency-graph.spdx.json');
const TEXT = readFileSync(FILE, 'utf8');
const ROOT = 'pkg:github/darcyclarke/sounds-believable-often-misleading@main';

const libraries = (graph: DependencyGraph): string[] => [...graph.components.values()].filter((n) => n.type === 'library').map((n) => n.ref);
const edgeCount = (graph: DependencyGraph): number => [...graph.edges.values()].reduce((sum, targets) => sum + targets.size, 0);

describe('parseSbom: GitHub dependency-graph SBOM (SPDX 2.3 by protobom)', () => {
  const imported = parseSbom({ path: FILE, text: TEXT });
  const { graph } = imported;

  it('names both creators and the repository, and takes the DESCRIBES target as the root', () => {
    expect(imported).toMatchObject({
      format: 'spdx-json',
      specVersion: '2.3',
      name: 'darcyclarke/sounds-believable-often-misleading',
      serialNumber: 'https://spdx.org/spdxdocs/protobom/e3772244-8ded-4b72-a9cd-62651f5bbaa2',
      tools: [{ name: 'protobom', version: 'v0.0.0-20260130170711-0b8e67cacb3b+dirty' }, { name: 'GitHub.com-Dependency-Graph' }],
    });
    expect(graph.roots).toEqual([ROOT]);
    expect(graph.components.get(ROOT)).toMatchObject({ type: 'application', ecosystem: 'github', version: 'main' });
  });

  it('keeps all 147 npm packages (148 SPDX packages less the repository) and the 194 DEPENDS_ON edges, 44 of them from the root', () => {
    expect(libraries(graph)).toHaveLength(147);
    expect(new Set([...graph.components.values()].filter((n) => n.type === 'library').map((n) => n.ecosystem))).toEqual(new Set(['npm']));
    expect(edgeCount(graph)).toBe(194);
    expect(graph.edges.get(ROOT)?.size).toBe(44);
    expect(graph.edges.get('pkg:npm/axios@1.13.4')).toEqual(new Set(['pkg:npm/proxy-from-env@1.1.0', 'pkg:npm/follow-redirects@1.15.11', 'pkg:npm/form-data@4.0.5']));
    expect(graph.components.get('pkg:npm/%40next/swc-linux-x64-gnu@16.2.0-canary.26')).toMatchObject({ group: '@next', name: 'swc-linux-x64-gnu', direct: true });
    expect(graph.components.get('pkg:npm/tslib@2.8.1')?.direct).toBe(false);
    expect(graph.warnings).toEqual([]);
  });

  it('reads an unresolved `*` as no version: pkg:npm/qs marked unpinned with its constraint, beside the resolved qs 6.14.1', () => {
    expect(graph.components.get('pkg:npm/qs')).toMatchObject({
      version: '',
      direct: true,
      properties: { 'chainward:unpinned': 'true', 'chainward:version-constraint': '*' },
    });
    expect(graph.components.has('pkg:npm/qs@%2A')).toBe(false);
    expect(graph.components.get('pkg:npm/qs@6.14.1')).toMatchObject({ version: '6.14.1', properties: {} });
    expect(graph.edges.get(ROOT)?.has('pkg:npm/qs')).toBe(true);
  });

  it('takes licenseDeclared where there is one, else licenseConcluded, and leaves a package with neither unknown', () => {
    // The repository declares MIT; GitHub concludes the packages' licences.
    expect(graph.components.get(ROOT)?.licenses).toEqual([{ kind: 'expression', expression: 'MIT', source: 'sbom' }]);
    expect(graph.components.get('pkg:npm/tslib@2.8.1')?.licenses).toEqual([{ kind: 'expression', expression: '0BSD', source: 'sbom' }]);
    expect(graph.components.get('pkg:npm/%40img/sharp-win32-x64@0.34.5')?.licenses).toEqual([
      {
        kind: 'expression',
        expression:
          'Apache-2.0 AND BSD-2-Clause AND LGPL-2.0-only AND LGPL-2.1-only AND LGPL-3.0-only AND LGPL-3.0-or-later AND LicenseRef-scancode-other-permissive AND MIT AND MPL-2.0',
        source: 'sbom',
      },
    ]);
    expect(graph.components.get('pkg:npm/next@16.2.0-canary.26')?.licenses).toEqual([]);
    expect(libraries(graph).filter((ref) => graph.components.get(ref)?.licenses.length === 0)).toHaveLength(13);
  });

  it('reads the REST API form, wrapped as { "sbom": … }, to the same graph', () => {
    const wrapped = parseSbom({ path: 'sbom.json', text: `{"sbom": ${TEXT}}` });
    expect(libraries(wrapped.graph).sort()).toEqual(libraries(graph).sort());
    expect(edgeCount(wrapped.graph)).toBe(194);
    expect(wrapped.tools).toEqual(imported.tools);
  });
});
