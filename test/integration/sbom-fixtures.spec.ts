import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { buildSbom } from '../../src/sbom/index.js';
import { ECOSYSTEMS } from '../../src/sbom/ecosystems/index.js';
import { FIXTURES } from '../support/cli.js';
import { cycloneDxJsonErrors, cycloneDxXmlErrors } from '../support/cyclonedx-schema.js';

/** Fixture folders that are not a project on their own. */
const NOT_PROJECTS = new Set([
  // Only gradle/verification-metadata.xml: it adds checksums to a lockfile's components and makes none itself.
  'gradle/grapheneos-auditor',
]);

/** Every real fixture project of every registered ecosystem (`test/fixtures/<ecosystem id>/<project>/`). */
const projects = ECOSYSTEMS.map((e) => e.id).flatMap((ecosystem) =>
  readdirSync(path.join(FIXTURES, ecosystem), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !NOT_PROJECTS.has(`${ecosystem}/${entry.name}`))
    .map((entry) => ({ ecosystem, name: entry.name, dir: path.join(FIXTURES, ecosystem, entry.name) })),
);

describe.each(projects)('SBOM of $ecosystem/$name', ({ ecosystem, dir }) => {
  it('validates against the official CycloneDX 1.6 JSON and XML schemas, listing every library of the graph', async () => {
    const json = await buildSbom(dir, { reproducible: true });
    expect(cycloneDxJsonErrors(json.content)).toEqual([]);
    const bom = JSON.parse(json.content) as { components: Array<{ purl: string; type: string }>; metadata: { component: { purl?: string } } };
    const libraries = [...json.scan.graph.components.values()].filter((c) => c.type === 'library');
    expect(libraries.length).toBeGreaterThan(3);
    expect(bom.components.filter((c) => c.type === 'library').map((c) => c.purl).sort()).toEqual(libraries.map((c) => c.purl).sort());
    expect(new Set(libraries.map((c) => c.ecosystem))).toEqual(new Set([ecosystem]));

    const xml = await buildSbom(dir, { format: 'cyclonedx-xml', reproducible: true });
    expect(await cycloneDxXmlErrors(xml.content, '1.6')).toEqual([]);
  });
});

describe('component hashes', () => {
  it('are component hashes when there is one per algorithm, and a property when a package has one per released file', async () => {
    const { content, scan } = await buildSbom(path.join(FIXTURES, 'pypi', 'poetry-lock-1.1'), { reproducible: true });
    const bom = JSON.parse(content) as { components: Array<{ purl: string; hashes?: Array<{ alg: string; content: string }>; properties?: Array<{ name: string; value: string }> }> };
    const nodes = [...scan.graph.components.values()];
    const perFile = nodes.find((n) => n.hashes.filter((h) => h.alg === 'SHA-256').length > 1);
    const single = nodes.find((n) => n.hashes.length === 1);
    if (!perFile || !single) throw new Error('the fixture should hold both kinds of package');
    const emitted = (purl: string) => bom.components.find((c) => c.purl === purl);
    expect(emitted(perFile.purl)?.hashes ?? []).toEqual([]);
    const property = emitted(perFile.purl)?.properties?.find((p) => p.name === 'chainward:file-hashes')?.value.split(' ');
    expect(property?.sort()).toEqual(perFile.hashes.map((h) => `${h.alg}:${h.content}`).sort());
    expect(emitted(single.purl)?.hashes).toEqual([{ alg: single.hashes[0].alg, content: single.hashes[0].content }]);
  });
});
