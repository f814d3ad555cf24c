import { describe, expect, it } from '@jest/globals';
import { graphFromStored, type StoredComponent } from './stored-graph.js';

const component = (ref: string, type: string, scope = 'required'): StoredComponent => ({
  ref,
  purl: ref,
  ecosystem: 'npm',
  group: null,
  name: ref.split('/').pop() as string,
  version: '1.0.0',
  type,
  scope,
  development: false,
  direct: false,
  licenses: [{ kind: 'expression', expression: 'MIT', source: 'lockfile' }],
  hashes: [],
  sourceFile: 'package-lock.json',
  properties: {},
});

describe('graphFromStored', () => {
  it('makes application components the roots and restores edges, scopes and licences', () => {
    const graph = graphFromStored(
      [component('pkg:npm/b@1.0.0', 'library', 'optional'), component('pkg:npm/app@1.0.0', 'application'), component('pkg:npm/a@1.0.0', 'library')],
      [
        { fromRef: 'pkg:npm/app@1.0.0', toRef: 'pkg:npm/a@1.0.0' },
        { fromRef: 'pkg:npm/a@1.0.0', toRef: 'pkg:npm/b@1.0.0' },
        { fromRef: 'pkg:npm/app@1.0.0', toRef: 'pkg:npm/b@1.0.0' },
      ],
    );
    expect(graph.roots).toEqual(['pkg:npm/app@1.0.0']);
    expect([...(graph.edges.get('pkg:npm/app@1.0.0') ?? [])].sort()).toEqual(['pkg:npm/a@1.0.0', 'pkg:npm/b@1.0.0']);
    expect([...(graph.edges.get('pkg:npm/a@1.0.0') ?? [])]).toEqual(['pkg:npm/b@1.0.0']);
    expect(graph.components.get('pkg:npm/b@1.0.0')?.scope).toBe('optional');
    expect(graph.components.get('pkg:npm/a@1.0.0')?.licenses).toEqual([{ kind: 'expression', expression: 'MIT', source: 'lockfile' }]);
    expect(graph.components.get('pkg:npm/a@1.0.0')).not.toHaveProperty('group');
    expect(graph.sources).toEqual(['package-lock.json']);
  });
});
