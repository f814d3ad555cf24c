import { describe, expect, it } from '@jest/globals';
import type { ComponentNode } from '../model/graph.js';
import { assembleGraph } from './assemble-graph.js';

const node = (ref: string, type: ComponentNode['type'] = 'library', flags: Partial<ComponentNode> = {}): ComponentNode => ({
  ref,
  ecosystem: 'test',
  purl: ref,
  name: ref,
  version: '1.0.0',
  type,
  scope: 'required',
  development: false,
  direct: false,
  licenses: [],
  hashes: [],
  sourceFile: 'lock',
  properties: {},
  ...flags,
});

describe('assembleGraph', () => {
  it('derives scope, development and direct from typed edges, and sorts components with roots first', () => {
    const graph = assembleGraph({
      file: 'lock',
      roots: [node('root', 'application')],
      libraries: [node('z-dev'), node('a-prod'), node('shared')],
      edges: [
        { from: 'root', to: 'a-prod', kind: 'prod' },
        { from: 'root', to: 'z-dev', kind: 'dev' },
        { from: 'z-dev', to: 'shared', kind: 'prod' },
        { from: 'a-prod', to: 'shared', kind: 'prod' },
        { from: 'a-prod', to: 'missing', kind: 'prod' },
      ],
      sources: ['lock', 'manifest', 'lock'],
      warnings: ['same', 'same', 'other'],
    });
    expect([...graph.components.keys()]).toEqual(['root', 'a-prod', 'shared', 'z-dev']);
    expect(graph.components.get('z-dev')).toMatchObject({ direct: true, development: true, scope: 'optional' });
    expect(graph.components.get('shared')).toMatchObject({ direct: false, development: false, scope: 'required' });
    // An edge to a component that is not in the graph is dropped, not left dangling.
    expect(graph.edges.get('a-prod')).toEqual(new Set(['shared']));
    expect(graph.sources).toEqual(['lock', 'manifest']);
    expect(graph.warnings).toEqual([{ file: 'lock', message: 'same' }, { file: 'lock', message: 'other' }]);
  });

  it('keeps the scope and development flags a lockfile gives, computing only direct', () => {
    const graph = assembleGraph({
      file: 'lock',
      roots: [node('root', 'application')],
      libraries: [node('dev-tool', 'library', { development: true, scope: 'optional' })],
      edges: [{ from: 'root', to: 'dev-tool', kind: 'prod' }],
      sources: ['lock'],
      warnings: [],
      flags: 'given',
    });
    expect(graph.components.get('dev-tool')).toMatchObject({ direct: true, development: true, scope: 'optional' });
  });
});
