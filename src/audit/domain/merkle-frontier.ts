import { ChainwardError } from '../../common/errors.js';
import { EMPTY_ROOT, HASH_SIZE, type Hash, MAX_TREE_SIZE, hashChildren } from './merkle.js';

/**
 * The right edge of an RFC 9162 Merkle tree grown one leaf at a time (a "compact range" over [0, size)): the roots
 * of the perfect subtrees that cover the leaves so far, largest first, one per set bit of `size`. It holds at most
 * 64 hashes whatever the size, so a verifier can stream millions of leaves in constant memory and still obtain the
 * tree head at any size it passes.
 */
export class MerkleFrontier {
  #nodes: Buffer[] = [];
  #size = 0n;

  /** Rebuilds a frontier from its size and nodes (as given by {@link MerkleFrontier.nodes}). */
  static fromState(size: bigint, nodes: readonly Hash[]): MerkleFrontier {
    if (size < 0n || size > MAX_TREE_SIZE) throw badState(`size ${size} is not an unsigned 64-bit integer`);
    const expected = popCount(size);
    if (nodes.length !== expected) throw badState(`a tree of ${size} leaves has ${expected} frontier nodes, not ${nodes.length}`);
    if (!nodes.every((node) => node.length === HASH_SIZE)) throw badState(`frontier nodes must be ${HASH_SIZE}-byte hashes`);
    const frontier = new MerkleFrontier();
    frontier.#nodes = nodes.map((node) => Buffer.from(node));
    frontier.#size = size;
    return frontier;
  }

  static fromLeaves(leaves: Iterable<Hash>): MerkleFrontier {
    const frontier = new MerkleFrontier();
    for (const leaf of leaves) frontier.append(leaf);
    return frontier;
  }

  get size(): bigint {
    return this.#size;
  }

  /** Copies of the subtree roots, largest (leftmost) first. */
  get nodes(): Buffer[] {
    return this.#nodes.map((node) => Buffer.from(node));
  }

  append(leafHash: Hash): void {
    if (leafHash.length !== HASH_SIZE) throw badState(`a leaf hash must be ${HASH_SIZE} bytes, not ${leafHash.length}`);
    if (this.#size === MAX_TREE_SIZE) throw badState('the tree is full (2^64 - 1 leaves)');
    // Each trailing 1 bit of the old size is a perfect subtree of the same height as the new node: merge them.
    let node: Buffer = Buffer.from(leafHash);
    for (let rest = this.#size; (rest & 1n) === 1n; rest >>= 1n) node = hashChildren(this.#nodes.pop()!, node);
    this.#nodes.push(node);
    this.#size += 1n;
  }

  /** MTH of the leaves appended so far: the subtree roots folded from the right. */
  root(): Buffer {
    if (this.#nodes.length === 0) return Buffer.from(EMPTY_ROOT);
    let root: Buffer = Buffer.from(this.#nodes[this.#nodes.length - 1]!);
    for (let i = this.#nodes.length - 2; i >= 0; i--) root = hashChildren(this.#nodes[i]!, root);
    return root;
  }

  clone(): MerkleFrontier {
    return MerkleFrontier.fromState(this.#size, this.#nodes);
  }
}

function popCount(n: bigint): number {
  let count = 0;
  for (let rest = n; rest > 0n; rest >>= 1n) count += Number(rest & 1n);
  return count;
}

function badState(message: string): ChainwardError {
  return new ChainwardError({ code: 'audit.bad-frontier', category: 'bad-input', message: `Merkle frontier: ${message}.` });
}
