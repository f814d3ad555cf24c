import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { FIXTURES } from '../../../test/support/cli.js';
import type { DependencyGraph } from '../model/graph.js';
import { parseSbom } from './read-sbom.js';

// `trivy fs --format cyclonedx` of a Flutter app with a Go core (Najafov007/FlClash), as Trivy 0.52.2 wrote it.
const FILE = path.join(FIXTURES, 'sbom', 'trivy', 'flclash-fs.trivy.cdx.json');

const libraries = (graph: DependencyGraph): string[] => [...graph.components.values()].filter((n) => n.type === 'library').map((n) => n.ref);
const edgeCount = (graph: DependencyGraph): number => [...graph.edges.values()].reduce((sum, targets) => sum + targets.size, 0);

describe('parseSbom: Trivy 0.52.2 CycloneDX 1.5 of a repository (pub and Go modules)', () => {
  const imported = parseSbom({ path: FILE, text: readFileSync(FILE, 'utf8') });
  const { graph } = imported;

  it('names the tool and, as the scanned directory is only ".", the document by its file', () => {
    expect(imported).toMatchObject({
      format: 'cyclonedx-json',
      specVersion: '1.5',
      name: 'flclash-fs',
      serialNumber: 'urn:uuid:bd92ee7c-1e6e-4f6b-bdd3-4e9be10498a9',
      tools: [{ name: 'trivy', version: '0.52.2' }],
    });
  });

  it('keeps Trivy\'s per-lockfile applications as roots, so the 155 pub packages and the Go main module are direct', () => {
    expect(graph.roots).toEqual(['pkg:generic/.', 'pkg:generic/core%2Fgo.mod', 'pkg:generic/pubspec.lock']);
    expect(graph.warnings).toEqual([]);
    expect(libraries(graph)).toHaveLength(258);
    const byEcosystem = (ecosystem: string): number => libraries(graph).filter((ref) => graph.components.get(ref)?.ecosystem === ecosystem).length;
    expect([byEcosystem('pub'), byEcosystem('gomod')]).toEqual([155, 103]);
    expect(libraries(graph).filter((ref) => graph.components.get(ref)?.direct)).toHaveLength(156);
    // 2 from the directory to the lockfiles, 155 + 1 from them, 102 from the Go main module.
    expect(edgeCount(graph)).toBe(260);
    expect(graph.edges.get('pkg:generic/pubspec.lock')?.has('pkg:pub/dio@5.5.0+1')).toBe(true);
    expect(graph.edges.get('pkg:golang/core')?.has('pkg:golang/golang.org/x/net@0.26.0')).toBe(true);
  });

  it('reads purls as Trivy wrote them: the Go main module has no version, pub build metadata is kept', () => {
    expect(graph.components.get('pkg:golang/core')).toMatchObject({ version: '', direct: true, ecosystem: 'gomod' });
    expect(graph.components.get('pkg:golang/golang.org/x/net@0.26.0')).toMatchObject({ name: 'golang.org/x/net', group: undefined, version: '0.26.0', direct: false });
    expect(graph.components.get('pkg:pub/dio@5.5.0+1')).toMatchObject({ version: '5.5.0+1', licenses: [] });
    // Trivy's own properties (PkgID, PkgType) stay in the stored document only.
    expect(graph.components.get('pkg:pub/dio@5.5.0+1')?.properties).toEqual({});
  });
});
