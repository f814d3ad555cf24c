import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { FIXTURES } from '../../../test/support/cli.js';
import { renderSbom } from '../build-sbom.js';
import { diffSboms } from '../diff/diff-sboms.js';
import type { DependencyGraph } from '../model/graph.js';
import { scanRepository } from '../scan-repository.js';
import { parseSbom } from './read-sbom.js';
import { errorOf } from '../../../test/support/errors.js';

const fixture = (relative: string): { path: string; text: string } => ({ path: relative, text: readFileSync(path.join(FIXTURES, 'sbom', relative), 'utf8') });
const libraries = (graph: DependencyGraph): string[] => [...graph.components.values()].filter((n) => n.type === 'library').map((n) => n.ref).sort();
const edgeList = (graph: DependencyGraph): string[] => [...graph.edges].flatMap(([from, to]) => [...to].map((t) => `${from} -> ${t}`)).sort();


describe('parseSbom: documents made by other tools', () => {
  it('reads cdxgen 12.8.4 CycloneDX 1.6: 356 packages, the project as root with its 6 direct dependencies, development flags and licences', () => {
    const imported = parseSbom(fixture('cdxgen/npm-webapp.cdx.json'));
    expect(imported).toMatchObject({ format: 'cyclonedx-json', specVersion: '1.6', name: 'npm-webapp', tools: [{ name: '@cyclonedx/cdxgen', version: '12.8.4' }] });
    const { graph } = imported;
    expect(libraries(graph)).toHaveLength(356);
    expect(graph.roots).toEqual(['pkg:npm/npm-webapp@1.4.0']);
    expect([...(graph.edges.get('pkg:npm/npm-webapp@1.4.0') ?? [])].sort()).toEqual([
      'pkg:npm/express@4.18.2',
      'pkg:npm/fsevents@2.3.3',
      'pkg:npm/jest@29.7.0',
      'pkg:npm/lodash@4.17.20',
      'pkg:npm/minimist@1.2.5',
      'pkg:npm/pino@8.16.0',
    ]);
    expect(graph.components.get('pkg:npm/jest@29.7.0')).toMatchObject({ development: true, scope: 'optional', direct: true, ecosystem: 'npm' });
    expect(graph.components.get('pkg:npm/express@4.18.2')).toMatchObject({ development: false, licenses: [{ kind: 'expression', expression: 'MIT', source: 'sbom' }] });
    expect(graph.components.get('pkg:npm/%40babel/core@7.29.13')).toMatchObject({ group: '@babel', name: 'core' });
    // Only namespaced properties are kept (cdxgen's SrcFile and ResolvedUrl stay in the stored document).
    expect(Object.keys(graph.components.get('pkg:npm/jest@29.7.0')?.properties ?? {}).every((name) => /^(cdx|chainward):/.test(name))).toBe(true);
  });

  it('reads cdxgen CycloneDX 1.4 of the bookstack v1 lockfile with the same packages and edges as our own scan of it', async () => {
    const imported = parseSbom(fixture('cdxgen/bookstack-lock-v1.cdx.json'));
    expect(imported.specVersion).toBe('1.4');
    const scan = await scanRepository(path.join(FIXTURES, 'npm', 'bookstack-lock-v1'));
    expect(libraries(imported.graph)).toHaveLength(125);
    expect(libraries(imported.graph)).toEqual(libraries(scan.graph));
  });

  it('reads Syft 1.52.0 SPDX: the scanned directory and the project it contains are roots, DEPENDENCY_OF gives the edges', () => {
    const imported = parseSbom(fixture('syft/sca-lab.syft.spdx.json'));
    expect(imported).toMatchObject({ format: 'spdx-json', specVersion: '2.3', name: 'sca-lab', tools: [{ name: 'syft', version: '1.52.0' }] });
    const { graph } = imported;
    expect(graph.roots).toEqual(['pkg:generic/.', 'pkg:npm/sca-lab@1.0.0']);
    expect(libraries(graph)).toEqual(['pkg:npm/axios@0.21.0', 'pkg:npm/follow-redirects@1.16.0', 'pkg:npm/lodash@4.17.15', 'pkg:npm/minimist@1.2.0']);
    expect(edgeList(graph)).toEqual([
      'pkg:npm/axios@0.21.0 -> pkg:npm/follow-redirects@1.16.0',
      'pkg:npm/sca-lab@1.0.0 -> pkg:npm/axios@0.21.0',
      'pkg:npm/sca-lab@1.0.0 -> pkg:npm/lodash@4.17.15',
      'pkg:npm/sca-lab@1.0.0 -> pkg:npm/minimist@1.2.0',
    ]);
    expect(graph.components.get('pkg:npm/axios@0.21.0')).toMatchObject({ direct: true, licenses: [{ kind: 'expression', expression: 'MIT', source: 'sbom' }] });
    expect(graph.components.get('pkg:npm/follow-redirects@1.16.0')?.direct).toBe(false);
  });

  it('reads a Trivy 0.71.2 SPDX document that found no packages: the repository root alone', () => {
    const imported = parseSbom(fixture('trivy/repository-no-packages.trivy.spdx.json'));
    expect(imported).toMatchObject({ name: 'repository-no-packages', tools: [{ name: 'trivy', version: '0.71.2' }] });
    expect(libraries(imported.graph)).toEqual([]);
    expect(imported.graph.roots).toEqual(['pkg:generic/.']);
  });
});

describe('parseSbom: our own documents read back', () => {
  it.each(['cyclonedx-json', 'cyclonedx-xml', 'spdx-json'] as const)('%s of the nightscout v3 lockfile gives back its packages, edges and licences', async (format) => {
    const scan = await scanRepository(path.join(FIXTURES, 'npm', 'nightscout-lock-v3'));
    const document = renderSbom(scan, { format, reproducible: true });
    const imported = parseSbom({ path: `sbom.${format}`, text: document.content });
    expect(imported.format).toBe(format);
    expect(libraries(imported.graph)).toEqual(libraries(scan.graph));
    expect(edgeList(imported.graph)).toEqual(edgeList(scan.graph));
    // Same versions and the same licence statements (in whichever order or grouping the format keeps them).
    expect(diffSboms(scan.graph, imported.graph)).toEqual({ added: [], removed: [], changedVersion: [], changedLicense: [] });
    expect(imported.graph.components.get('pkg:npm/pause-stream@0.0.11')?.licenses.length).toBeGreaterThan(0);
    const development = (graph: DependencyGraph): number => [...graph.components.values()].filter((n) => n.type === 'library' && n.development).length;
    expect(development(imported.graph)).toBe(development(scan.graph));
  });
});

describe('parseSbom: bad documents', () => {
  it('names the line and column of malformed JSON', () => {
    const error = errorOf(() => parseSbom({ path: 'bom.json', text: '{\n  "bomFormat": "CycloneDX",\n  "specVersion": "1.6",,\n}' }));
    expect(error.category).toBe('bad-input');
    expect(error.describe()).toMatch(/^bom\.json:3:24: malformed SBOM JSON/);
  });

  it('names the line and column of malformed XML, and refuses a DOCTYPE', () => {
    const error = errorOf(() => parseSbom({ path: 'bom.xml', text: '<?xml version="1.0"?>\n<bom xmlns="http://cyclonedx.org/schema/bom/1.6">\n  <components>\n</bom>\n' }));
    expect(error.describe()).toMatch(/^bom\.xml:4:\d+: malformed XML/);
    const bomb = errorOf(() => parseSbom({ path: 'bomb.xml', text: '<?xml version="1.0"?>\n<!DOCTYPE bom [<!ENTITY a "aaaa">]>\n<bom xmlns="http://cyclonedx.org/schema/bom/1.6"/>' }));
    expect(bomb.message).toContain('DOCTYPE');
  });

  it('refuses versions and documents it does not read', () => {
    expect(errorOf(() => parseSbom({ path: 'a.json', text: '{"bomFormat":"CycloneDX","specVersion":"2.0"}' })).message).toContain('CycloneDX specVersion "2.0" is not one Chainward reads');
    expect(errorOf(() => parseSbom({ path: 'b.json', text: '{"spdxVersion":"SPDX-3.0"}' })).message).toContain('spdxVersion "SPDX-3.0"');
    expect(errorOf(() => parseSbom({ path: 'c.json', text: '{"lockfileVersion":3}' })).describe()).toBe('c.json:1:1: not a CycloneDX or SPDX JSON document (no "bomFormat": "CycloneDX" and no "spdxVersion")');
  });
});
