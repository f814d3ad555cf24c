import { describe, expect, it } from '@jest/globals';
import { PackageGraphBuilder } from './package-graph-builder.js';

describe('PackageGraphBuilder', () => {
  it('merges facts of one name+version and gives a root that shares a library purl a distinct ref', () => {
    const builder = new PackageGraphBuilder('pnpm', 'pnpm-lock.yaml');
    const first = builder.addLibrary('@vue/shared', '3.4.0', { hashes: [{ alg: 'SHA-512', content: 'aa' }], properties: { x: '1' } });
    const again = builder.addLibrary('@vue/shared', '3.4.0', { hashes: [{ alg: 'SHA-1', content: 'bb' }], properties: { x: '2', y: '3' } });
    expect(again).toBe(first);
    const root = builder.addRoot({ name: '@vue/shared', version: '3.4.0', directory: 'packages/shared', sourceFile: 'packages/shared/package.json' });
    expect(root).toBe('pkg:npm/%40vue/shared@3.4.0?workspace=packages%2Fshared');
    builder.addEdge(root, 'pkg:npm/%40vue/shared@3.4.0', 'prod');
    const graph = builder.build(['pnpm-lock.yaml']);
    expect(graph.roots).toEqual([root]);
    expect(graph.components.get(root)).toMatchObject({ purl: 'pkg:npm/%40vue/shared@3.4.0', type: 'application', group: '@vue', name: 'shared' });
    expect(graph.components.get('pkg:npm/%40vue/shared@3.4.0')).toMatchObject({
      hashes: [
        { alg: 'SHA-512', content: 'aa' },
        { alg: 'SHA-1', content: 'bb' },
      ],
      properties: { x: '1', y: '3' },
      direct: true,
    });
  });

  it('skips a name no purl can hold, with a warning', () => {
    const builder = new PackageGraphBuilder('yarn', 'yarn.lock');
    expect(builder.addLibrary('@scope/', '1.0.0')).toBeUndefined();
    expect(builder.build([]).warnings).toEqual([{ file: 'yarn.lock', message: '@scope/@1.0.0: not a valid npm package name; entry skipped' }]);
  });
});
