import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { ChainwardError } from '../../common/errors.js';
import { EMPTY_ROOT, hashLeaf, rootHash } from './merkle.js';
import { MerkleFrontier } from './merkle-frontier.js';

const cctvTree = JSON.parse(
  readFileSync(fileURLToPath(new URL('../../../test/fixtures/vectors/merkle-cctv/merkle_tree.json', import.meta.url)), 'utf8'),
) as Array<{ leaf_hash: string; root_hash: string }>;

describe('MerkleFrontier', () => {
  it('gives the CCTV root after each of the 16 appends', () => {
    const frontier = new MerkleFrontier();
    expect(frontier.root()).toEqual(EMPTY_ROOT);
    const roots = cctvTree.map((row) => {
      frontier.append(Buffer.from(row.leaf_hash, 'base64'));
      return frontier.root().toString('base64');
    });
    expect(roots).toEqual(cctvTree.map((row) => row.root_hash));
    expect(frontier.size).toBe(16n);
    expect(frontier.nodes).toHaveLength(1);
  });

  it('agrees with the recursive definition for every size up to 300 and keeps one node per set bit', () => {
    const leaves = Array.from({ length: 300 }, (_, i) => hashLeaf(Buffer.from(String(i))));
    const frontier = new MerkleFrontier();
    leaves.forEach((leaf, i) => {
      frontier.append(leaf);
      expect(frontier.root()).toEqual(rootHash(leaves.slice(0, i + 1)));
      expect(frontier.nodes).toHaveLength((i + 1).toString(2).replaceAll('0', '').length);
    });
  });

  it('resumes from a saved state and continues to the same root', () => {
    const leaves = Array.from({ length: 77 }, (_, i) => hashLeaf(Buffer.from(`entry ${i}`)));
    const first = MerkleFrontier.fromLeaves(leaves.slice(0, 45));
    const resumed = MerkleFrontier.fromState(first.size, first.nodes);
    for (const leaf of leaves.slice(45)) resumed.append(leaf);
    expect(resumed.size).toBe(77n);
    expect(resumed.root()).toEqual(rootHash(leaves));
  });

  it('does not let callers change its state through returned buffers', () => {
    const frontier = MerkleFrontier.fromLeaves([hashLeaf(Buffer.from('x'))]);
    const before = frontier.root();
    frontier.root().fill(0);
    frontier.nodes[0]!.fill(0);
    expect(frontier.root()).toEqual(before);
  });

  it('refuses a state whose node count does not match the size, and leaf hashes of the wrong length', () => {
    const node = hashLeaf(Buffer.from('x'));
    expect(() => MerkleFrontier.fromState(3n, [node])).toThrow(ChainwardError);
    expect(() => MerkleFrontier.fromState(2n, [node.subarray(1)])).toThrow(/32-byte/);
    expect(() => new MerkleFrontier().append(Buffer.alloc(31))).toThrow(/32 bytes/);
    expect(MerkleFrontier.fromState(2n ** 63n + 1n, [node, node]).size).toBe(2n ** 63n + 1n);
  });
});
