import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { buildSbom } from '../../src/sbom/index.js';
import { FIXTURES } from '../support/cli.js';
import { cycloneDxJsonErrors, cycloneDxXmlErrors } from '../support/cyclonedx-schema.js';

/** Every real npm-family fixture project (a folder with a lockfile and its package.json). */
const projects = ['npm', 'yarn', 'pnpm'].flatMap((ecosystem) =>
  readdirSync(path.join(FIXTURES, ecosystem), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => ({ ecosystem, name: entry.name, dir: path.join(FIXTURES, ecosystem, entry.name) })),
);

describe.each(projects)('SBOM of $ecosystem/$name', ({ ecosystem, dir }) => {
  it('validates against the official CycloneDX 1.6 JSON and XML schemas, listing every library of the graph', async () => {
    const json = await buildSbom(dir, { reproducible: true });
    expect(cycloneDxJsonErrors(json.content)).toEqual([]);
    const bom = JSON.parse(json.content) as { components: Array<{ purl: string; type: string }>; metadata: { component: { purl?: string } } };
    const libraries = [...json.scan.graph.components.values()].filter((c) => c.type === 'library');
    expect(libraries.length).toBeGreaterThan(50);
    expect(bom.components.filter((c) => c.type === 'library').map((c) => c.purl).sort()).toEqual(libraries.map((c) => c.purl).sort());
    expect(new Set(libraries.map((c) => c.ecosystem))).toEqual(new Set([ecosystem]));

    const xml = await buildSbom(dir, { format: 'cyclonedx-xml', reproducible: true });
    expect(await cycloneDxXmlErrors(xml.content, '1.6')).toEqual([]);
  });
});
