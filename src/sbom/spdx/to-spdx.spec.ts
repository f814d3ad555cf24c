import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { FIXTURES } from '../../../test/support/cli.js';
import { spdxJsonErrors } from '../../../test/support/spdx-schema.js';
import { addEdge, emptyGraph, type ComponentNode } from '../model/graph.js';
import { scanRepository } from '../scan-repository.js';
import { serializeSpdx } from './serialize-spdx.js';
import { toSpdx } from './to-spdx.js';

const OPTIONS = { toolName: 'chainward', toolVersion: '0.1.0', repositoryName: 'repo', created: new Date('2024-01-02T03:04:05.678Z'), namespaceId: '00000000-0000-5000-8000-000000000000' };

function node(ref: string, overrides: Partial<ComponentNode> = {}): ComponentNode {
  const [, name, version] = /^pkg:npm\/(.+)@(.+)$/.exec(ref) ?? [];
  return { ref, ecosystem: 'npm', purl: ref, name, version, type: 'library', scope: 'required', development: false, direct: false, licenses: [], hashes: [], sourceFile: 'package-lock.json', properties: {}, ...overrides };
}

describe('toSpdx', () => {
  it('maps the npm bookstack v3 lockfile to a valid SPDX 2.3 document: one package per component, its edges as relationships', async () => {
    const scan = await scanRepository(path.join(FIXTURES, 'npm', 'bookstack-lock-v3'));
    const text = serializeSpdx(toSpdx(scan.graph, OPTIONS));
    expect(spdxJsonErrors(text)).toEqual([]);
    const document = JSON.parse(text) as {
      name: string;
      creationInfo: { created: string; creators: string[] };
      documentNamespace: string;
      packages: Array<{ SPDXID: string; name: string; versionInfo?: string; externalRefs: Array<{ referenceLocator: string }>; primaryPackagePurpose: string }>;
      relationships: Array<{ spdxElementId: string; relationshipType: string; relatedSpdxElement: string }>;
    };
    expect(document.packages).toHaveLength(scan.graph.components.size);
    expect(document.creationInfo).toEqual({ created: '2024-01-02T03:04:05Z', creators: ['Tool: chainward-0.1.0'] });
    expect(document.documentNamespace).toBe(`https://spdx.org/spdxdocs/chainward/${encodeURIComponent(document.name)}-00000000-0000-5000-8000-000000000000`);
    const idOf = (purl: string): string => document.packages.find((p) => p.externalRefs[0].referenceLocator === purl)?.SPDXID as string;
    const root = document.relationships.filter((r) => r.relationshipType === 'DESCRIBES');
    expect(root).toHaveLength(1);
    const rootId = root[0].relatedSpdxElement;
    expect(document.packages.find((p) => p.SPDXID === rootId)?.primaryPackagePurpose).toBe('APPLICATION');
    const edges = [...scan.graph.edges.values()].reduce((sum, targets) => sum + targets.size, 0);
    expect(document.relationships.filter((r) => r.relationshipType !== 'DESCRIBES')).toHaveLength(edges);
    // A runtime dependency of the root, and a development one, as SPDX says each.
    expect(document.relationships).toContainEqual({ spdxElementId: rootId, relationshipType: 'DEPENDS_ON', relatedSpdxElement: idOf('pkg:npm/codemirror@6.0.1') });
    expect(document.relationships).toContainEqual({ spdxElementId: idOf('pkg:npm/esbuild@0.23.1'), relationshipType: 'DEV_DEPENDENCY_OF', relatedSpdxElement: rootId });
  });

  it('declares named licences as LicenseRefs with their text, joins several statements with AND, and notes corrections', () => {
    const graph = emptyGraph();
    const app = node('pkg:npm/app@1.0.0', { type: 'application' });
    const a = node('pkg:npm/a@1.0.0', { licenses: [{ kind: 'named', name: 'MIT/X11', source: 'lockfile' }] });
    const b = node('pkg:npm/b@2.0.0', {
      licenses: [
        { kind: 'expression', expression: 'Apache-2.0', source: 'lockfile', original: 'Apache 2.0' },
        { kind: 'expression', expression: 'MIT OR ISC', source: 'registry' },
      ],
      hashes: [{ alg: 'SHA-512', content: 'ab' }],
      properties: { 'chainward:deprecated': 'use c', 'chainward:release-date': '2020-02-11T16:35:38.286Z' },
    });
    for (const n of [app, a, b]) graph.components.set(n.ref, n);
    graph.roots.push(app.ref);
    addEdge(graph, app.ref, a.ref);
    addEdge(graph, a.ref, b.ref);
    const text = serializeSpdx(toSpdx(graph, OPTIONS));
    expect(spdxJsonErrors(text)).toEqual([]);
    const document = JSON.parse(text) as { packages: Array<Record<string, unknown>>; hasExtractedLicensingInfos: Array<Record<string, unknown>> };
    const byName = (name: string): Record<string, unknown> => document.packages.find((p) => p.name === name) as Record<string, unknown>;
    const ref = byName('a').licenseDeclared as string;
    expect(ref).toMatch(/^LicenseRef-MIT-X11-[0-9a-f]{12}$/);
    expect(document.hasExtractedLicensingInfos).toEqual([expect.objectContaining({ licenseId: ref, extractedText: 'MIT/X11', name: 'MIT/X11' })]);
    expect(byName('b')).toMatchObject({
      licenseDeclared: 'Apache-2.0 AND (MIT OR ISC)',
      licenseConcluded: 'NOASSERTION',
      licenseComments: 'Declared licences, with where each was read: "Apache 2.0" (lockfile) read as Apache-2.0; MIT OR ISC (registry).',
      checksums: [{ algorithm: 'SHA512', checksumValue: 'ab' }],
      releaseDate: '2020-02-11T16:35:38Z',
      comment: 'Deprecated by its registry: use c',
    });
    expect(byName('app').licenseDeclared).toBe('NOASSERTION');
  });

  it('gives the same bytes for the same graph', async () => {
    const scan = await scanRepository(path.join(FIXTURES, 'npm', 'bookstack-lock-v1'));
    expect(serializeSpdx(toSpdx(scan.graph, OPTIONS))).toBe(serializeSpdx(toSpdx((await scanRepository(path.join(FIXTURES, 'npm', 'bookstack-lock-v1'))).graph, OPTIONS)));
  });
});
