import { createHash, hash } from 'node:crypto';

/**
 * RFC 9162 (Certificate Transparency 2.0, section 2.1) Merkle Tree Hash over leaf hashes, with SHA-256:
 * leaf = SHA-256(0x00 ‖ data), node = SHA-256(0x01 ‖ left ‖ right), no padding; a tree of n > 1 leaves splits at
 * k, the largest power of two smaller than n. Written here rather than taken from a package because no maintained
 * npm package implements RFC 9162 proofs with 64-bit sizes; it is checked against the transparency-dev and C2SP
 * CCTV test vectors. Tree sizes and indices are bigint (unsigned 64-bit).
 */
export type Hash = Uint8Array;

export const HASH_SIZE = 32;
export const MAX_TREE_SIZE = (1n << 64n) - 1n;

const LEAF_PREFIX = Buffer.from([0x00]);
const NODE_PREFIX = Buffer.from([0x01]);
const NODE_INPUT = Buffer.concat([NODE_PREFIX, Buffer.alloc(2 * HASH_SIZE)]);

/** MTH({}) = SHA-256 of the empty string. */
export const EMPTY_ROOT: Buffer = createHash('sha256').digest();

export function hashLeaf(data: Uint8Array): Buffer {
  return createHash('sha256').update(LEAF_PREFIX).update(data).digest();
}

export function hashChildren(left: Hash, right: Hash): Buffer {
  if (left.length !== HASH_SIZE || right.length !== HASH_SIZE) {
    return createHash('sha256').update(NODE_PREFIX).update(left).update(right).digest();
  }
  // The common case, 32-byte children, goes through one-shot hashing of a reused buffer: it runs once per leaf
  // when a verifier streams the ledger.
  NODE_INPUT.set(left, 1);
  NODE_INPUT.set(right, 1 + HASH_SIZE);
  return hash('sha256', NODE_INPUT, 'buffer');
}

export function hashesEqual(a: Hash, b: Hash): boolean {
  return a.length === b.length && Buffer.compare(a, b) === 0;
}

/** MTH(D[n]) of the given leaf hashes. */
export function rootHash(leaves: readonly Hash[]): Buffer {
  return subtreeRoot(leaves, 0, leaves.length);
}

/** PATH(m, D[n]) of RFC 9162 section 2.1.3.1: the audit path of leaf `index` in the tree of all `leaves`. */
export function inclusionProof(leaves: readonly Hash[], index: bigint): Buffer[] {
  const m = toArrayIndex(index, 'index');
  if (m >= leaves.length) throw new RangeError(`index ${index} is not below the tree size ${leaves.length}`);
  // Walk from the root down, collecting each sibling subtree; the proof lists them from the leaf up.
  const siblings: Buffer[] = [];
  let start = 0;
  let end = leaves.length;
  while (end - start > 1) {
    const k = largestPowerOfTwoBelow(end - start);
    if (m < start + k) {
      siblings.push(subtreeRoot(leaves, start + k, end));
      end = start + k;
    } else {
      siblings.push(subtreeRoot(leaves, start, start + k));
      start += k;
    }
  }
  return siblings.reverse();
}

/** PROOF(m, D[n]) of RFC 9162 section 2.1.4.1, from the tree of the first `oldSize` leaves to the tree of all of them. */
export function consistencyProof(leaves: readonly Hash[], oldSize: bigint): Buffer[] {
  const m = toArrayIndex(oldSize, 'oldSize');
  if (m > leaves.length) throw new RangeError(`old size ${oldSize} is larger than the tree size ${leaves.length}`);
  if (m === 0 || m === leaves.length) return [];
  // SUBPROOF(m, D[start:end], b), unrolled: each step adds one subtree root, collected from the top down.
  const nodes: Buffer[] = [];
  let start = 0;
  let end = leaves.length;
  let wholeOldTreeKnown = true;
  let remaining = m;
  while (remaining !== end - start) {
    const k = largestPowerOfTwoBelow(end - start);
    if (remaining <= k) {
      nodes.push(subtreeRoot(leaves, start + k, end));
      end = start + k;
    } else {
      nodes.push(subtreeRoot(leaves, start, start + k));
      start += k;
      remaining -= k;
      wholeOldTreeKnown = false;
    }
  }
  if (!wholeOldTreeKnown) nodes.push(subtreeRoot(leaves, start, end));
  return nodes.reverse();
}

/** RFC 9162 section 2.1.3.2. False for any malformed input; never throws. */
export function verifyInclusion(leafHash: Hash, index: bigint, treeSize: bigint, proof: readonly Hash[], root: Hash): boolean {
  if (!isUint64(index) || !isUint64(treeSize) || index >= treeSize) return false;
  if (leafHash.length !== HASH_SIZE || !proof.every((node) => node.length === HASH_SIZE)) return false;
  let fn = index;
  let sn = treeSize - 1n;
  let r: Hash = leafHash;
  for (const p of proof) {
    if (sn === 0n) return false;
    if ((fn & 1n) === 1n || fn === sn) {
      r = hashChildren(p, r);
      while ((fn & 1n) === 0n && fn !== 0n) {
        fn >>= 1n;
        sn >>= 1n;
      }
    } else {
      r = hashChildren(r, p);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  return sn === 0n && hashesEqual(r, root);
}

/**
 * RFC 9162 section 2.1.4.2 for 0 < oldSize < newSize. The edge cases follow both published vector sets: equal sizes
 * need an empty proof and equal roots; from size 0 the proof must be empty, the old root must be MTH({}) and the new
 * root a well-formed hash (the empty tree is a prefix of every tree). False for any malformed input; never throws.
 */
export function verifyConsistency(oldSize: bigint, newSize: bigint, oldRoot: Hash, newRoot: Hash, proof: readonly Hash[]): boolean {
  if (!isUint64(oldSize) || !isUint64(newSize) || oldSize > newSize) return false;
  if (!proof.every((node) => node.length === HASH_SIZE)) return false;
  if (oldSize === 0n) {
    const newRootWellFormed = newSize === 0n ? hashesEqual(newRoot, EMPTY_ROOT) : newRoot.length === HASH_SIZE;
    return proof.length === 0 && hashesEqual(oldRoot, EMPTY_ROOT) && newRootWellFormed;
  }
  if (oldSize === newSize) return proof.length === 0 && hashesEqual(oldRoot, newRoot);
  if (proof.length === 0) return false;

  const path = isPowerOfTwo(oldSize) ? [oldRoot, ...proof] : [...proof];
  let fn = oldSize - 1n;
  let sn = newSize - 1n;
  while ((fn & 1n) === 1n) {
    fn >>= 1n;
    sn >>= 1n;
  }
  let fr: Hash = path[0]!;
  let sr: Hash = path[0]!;
  for (const c of path.slice(1)) {
    if (sn === 0n) return false;
    if ((fn & 1n) === 1n || fn === sn) {
      fr = hashChildren(c, fr);
      sr = hashChildren(c, sr);
      while ((fn & 1n) === 0n && fn !== 0n) {
        fn >>= 1n;
        sn >>= 1n;
      }
    } else {
      sr = hashChildren(sr, c);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  return sn === 0n && hashesEqual(fr, oldRoot) && hashesEqual(sr, newRoot);
}

function subtreeRoot(leaves: readonly Hash[], start: number, end: number): Buffer {
  const n = end - start;
  if (n === 0) return Buffer.from(EMPTY_ROOT);
  if (n === 1) return Buffer.from(leaves[start]!);
  const k = largestPowerOfTwoBelow(n);
  return hashChildren(subtreeRoot(leaves, start, start + k), subtreeRoot(leaves, start + k, end));
}

/** The largest power of two strictly smaller than n, for n >= 2. */
function largestPowerOfTwoBelow(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

function isPowerOfTwo(n: bigint): boolean {
  return n > 0n && (n & (n - 1n)) === 0n;
}

function isUint64(n: bigint): boolean {
  return typeof n === 'bigint' && n >= 0n && n <= MAX_TREE_SIZE;
}

function toArrayIndex(n: bigint, name: string): number {
  if (!isUint64(n) || n > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError(`${name} ${n} is not an in-memory tree position`);
  return Number(n);
}
