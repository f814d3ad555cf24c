import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { FIXTURES } from '../../../test/support/cli.js';
import { emptyGraph, type ComponentNode, type DependencyGraph, type LicenseFact } from '../model/graph.js';
import { scanRepository } from '../scan-repository.js';
import { diffSboms, isEmptyDiff } from './diff-sboms.js';
import { formatSbomDiff } from './format-diff.js';

function graphOf(...nodes: Array<[purl: string, licenses?: LicenseFact[]]>): DependencyGraph {
  const graph = emptyGraph();
  for (const [purl, licenses = []] of nodes) {
    const [, type, rest] = /^pkg:(\w+)\/(.+)$/.exec(purl) ?? [];
    const at = rest.lastIndexOf('@');
    const node: ComponentNode = { ref: purl, ecosystem: type, purl, name: rest.slice(0, at), version: rest.slice(at + 1), type: 'library', scope: 'required', development: false, direct: false, licenses, hashes: [], sourceFile: 'x', properties: {} };
    graph.components.set(purl, node);
  }
  return graph;
}

describe('diffSboms', () => {
  it('compares the bookstack v1 and v3 lockfiles: 506 packages added, 8 removed, 52 changed version', async () => {
    const v1 = await scanRepository(path.join(FIXTURES, 'npm', 'bookstack-lock-v1'));
    const v3 = await scanRepository(path.join(FIXTURES, 'npm', 'bookstack-lock-v3'));
    const diff = diffSboms(v1.graph, v3.graph);
    expect([diff.added.length, diff.removed.length, diff.changedVersion.length, diff.changedLicense.length]).toEqual([506, 8, 52, 0]);
    // dropzone left BookStack between the two lockfiles, codemirror went from 5 to 6 and brought its scoped packages.
    expect(diff.removed.map((p) => p.purl)).toContain('pkg:npm/dropzone@5.9.2');
    expect(diff.changedVersion).toContainEqual({ key: 'npm:codemirror', name: 'codemirror', type: 'npm', from: '5.60.0', to: '6.0.1' });
    expect(diff.added.map((p) => p.purl)).toContain('pkg:npm/%40codemirror/commands@6.6.2');
    expect(diff.changedVersion).toContainEqual({ key: 'npm:braces', name: 'braces', type: 'npm', from: '3.0.2', to: '3.0.3' });
    expect(formatSbomDiff(diff).at(-1)).toBe('506 added, 8 removed, 52 changed version, 0 changed licence');
    expect(isEmptyDiff(diffSboms(v3.graph, v3.graph))).toBe(true);
  });

  it('reports a licence change of the same version, and compares licence statements by meaning, not spelling', () => {
    const mit: LicenseFact = { kind: 'expression', expression: 'MIT', source: 'lockfile' };
    const before = graphOf(['pkg:npm/left-pad@1.3.0', [mit]], ['pkg:npm/type-fest@0.21.3', [{ kind: 'expression', expression: '(MIT OR CC0-1.0)', source: 'lockfile' }]]);
    const after = graphOf(['pkg:npm/left-pad@1.3.0', [{ kind: 'expression', expression: 'WTFPL', source: 'registry' }]], ['pkg:npm/type-fest@0.21.3', [{ kind: 'expression', expression: 'MIT OR CC0-1.0', source: 'sbom' }]]);
    expect(diffSboms(before, after).changedLicense).toEqual([{ key: 'npm:left-pad', name: 'left-pad', type: 'npm', version: '1.3.0', from: 'MIT', to: 'WTFPL' }]);
    expect(formatSbomDiff(diffSboms(before, after))[0]).toBe('! left-pad@1.3.0 licence MIT -> WTFPL (npm)');
  });

  it('matches names as each ecosystem does: PyPI per PEP 503, NuGet case-insensitively, a scope is part of an npm name', () => {
    const diff = diffSboms(
      graphOf(['pkg:pypi/Zope.Interface@5.0'], ['pkg:nuget/Newtonsoft.Json@13.0.1'], ['pkg:npm/%40babel/core@7.0.0']),
      graphOf(['pkg:pypi/zope-interface@6.0'], ['pkg:nuget/newtonsoft.json@13.0.3'], ['pkg:npm/babel-core@7.0.0']),
    );
    expect(diff.changedVersion.map((c) => `${c.name}:${c.from}->${c.to}`)).toEqual(['Newtonsoft.Json:13.0.1->13.0.3', 'zope.interface:5.0->6.0']);
    expect(diff.added.map((p) => p.purl)).toEqual(['pkg:npm/babel-core@7.0.0']);
    expect(diff.removed.map((p) => p.purl)).toEqual(['pkg:npm/%40babel/core@7.0.0']);
  });
});
