import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import {
  EMPTY_ROOT,
  consistencyProof,
  hashLeaf,
  inclusionProof,
  rootHash,
  verifyConsistency,
  verifyInclusion,
} from './merkle.js';

const vectors = fileURLToPath(new URL('../../../test/fixtures/vectors/', import.meta.url));

/** Go encodes a nil []byte as null, so vectors may hold null where a hash or a proof is empty. */
const bytes = (base64: string | null): Buffer => Buffer.from(base64 ?? '', 'base64');
const hashes = (list: string[] | null): Buffer[] => (list ?? []).map(bytes);
const base64 = (list: Buffer[]): string[] => list.map((hash) => hash.toString('base64'));

function jsonFilesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? jsonFilesUnder(join(dir, entry.name)) : entry.name.endsWith('.json') ? [join(dir, entry.name)] : [],
  );
}

// The leaf data behind the transparency-dev vectors: the RFC 6962 reference test leaves (hex), as listed in
// transparency-dev/merkle proof/verify_test.go. Their happy-path proofs are regenerated from them below.
const rfc6962Leaves = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map((hex) =>
  hashLeaf(Buffer.from(hex, 'hex')),
);

describe('transparency-dev/merkle inclusion vectors', () => {
  const root = join(vectors, 'merkle-transparency-dev/inclusion');
  const files = jsonFilesUnder(root).sort();
  interface InclusionVector {
    leafIdx: number;
    treeSize: number;
    root: string | null;
    leafHash: string | null;
    proof: string[] | null;
    desc: string;
    wantErr: boolean;
  }
  const cases = files.map((file) => [relative(root, file), JSON.parse(readFileSync(file, 'utf8')) as InclusionVector] as const);

  it('holds 98 vectors, 6 of them valid', () => {
    expect(cases).toHaveLength(98);
    expect(cases.filter(([, v]) => !v.wantErr)).toHaveLength(6);
  });

  it.each(cases)('%s', (_name, v) => {
    const ok = verifyInclusion(bytes(v.leafHash), BigInt(v.leafIdx), BigInt(v.treeSize), hashes(v.proof), bytes(v.root));
    expect(ok).toBe(!v.wantErr);
  });

  it.each(cases.filter(([name]) => name.endsWith('happy-path.json')))('%s: regenerated from the RFC 6962 test leaves', (_name, v) => {
    const leaves = rfc6962Leaves.slice(0, v.treeSize);
    expect(rootHash(leaves).toString('base64')).toBe(v.root);
    expect(leaves[v.leafIdx]!.toString('base64')).toBe(v.leafHash);
    expect(base64(inclusionProof(leaves, BigInt(v.leafIdx)))).toEqual(v.proof ?? []);
  });
});

describe('transparency-dev/merkle consistency vectors', () => {
  const root = join(vectors, 'merkle-transparency-dev/consistency');
  const files = jsonFilesUnder(root).sort();
  interface ConsistencyVector {
    size1: number;
    size2: number;
    root1: string | null;
    root2: string | null;
    proof: string[] | null;
    desc: string;
    wantErr: boolean;
  }
  const cases = files.map((file) => [relative(root, file), JSON.parse(readFileSync(file, 'utf8')) as ConsistencyVector] as const);

  it('holds 98 vectors, 6 of them valid', () => {
    expect(cases).toHaveLength(98);
    expect(cases.filter(([, v]) => !v.wantErr)).toHaveLength(6);
  });

  it.each(cases)('%s', (_name, v) => {
    const ok = verifyConsistency(BigInt(v.size1), BigInt(v.size2), bytes(v.root1), bytes(v.root2), hashes(v.proof));
    expect(ok).toBe(!v.wantErr);
  });

  it.each(cases.filter(([name]) => name.endsWith('happy-path.json')))('%s: regenerated from the RFC 6962 test leaves', (_name, v) => {
    const leaves = rfc6962Leaves.slice(0, v.size2);
    expect(rootHash(leaves.slice(0, v.size1)).toString('base64')).toBe(v.root1);
    expect(rootHash(leaves).toString('base64')).toBe(v.root2);
    expect(base64(consistencyProof(leaves, BigInt(v.size1)))).toEqual(v.proof ?? []);
  });
});

describe('C2SP CCTV Merkle vectors', () => {
  const read = <T>(name: string): T => JSON.parse(readFileSync(join(vectors, 'merkle-cctv', name), 'utf8')) as T;
  const tree = read<Array<{ leaf_data: string; leaf_hash: string; root_hash: string }>>('merkle_tree.json');
  const leaves = tree.map((row) => bytes(row.leaf_hash));

  it('hashes the 16 leaves "a".."p" and every prefix root', () => {
    expect(tree.map((row) => row.leaf_data).join('')).toBe('abcdefghijklmnop');
    tree.forEach((row, i) => {
      expect(hashLeaf(Buffer.from(row.leaf_data)).toString('base64')).toBe(row.leaf_hash);
      expect(rootHash(leaves.slice(0, i + 1)).toString('base64')).toBe(row.root_hash);
    });
  });

  interface InclusionCase {
    leaf_hash: string;
    leaf_index: number;
    tree_size: number;
    root_hash: string;
    inclusion_path: string[];
    comment?: string;
  }
  const inclusionValid = read<InclusionCase[]>('inclusion-valid.json');
  const inclusionInvalid = read<InclusionCase[]>('inclusion-invalid.json');
  const verifyCase = (c: InclusionCase): boolean =>
    verifyInclusion(bytes(c.leaf_hash), BigInt(c.leaf_index), BigInt(c.tree_size), hashes(c.inclusion_path), bytes(c.root_hash));

  it('accepts all 4 valid inclusion proofs and regenerates them', () => {
    expect(inclusionValid).toHaveLength(4);
    for (const c of inclusionValid) {
      expect(verifyCase(c)).toBe(true);
      expect(base64(inclusionProof(leaves.slice(0, c.tree_size), BigInt(c.leaf_index)))).toEqual(c.inclusion_path);
    }
  });

  it('rejects all 4 invalid inclusion proofs', () => {
    expect(inclusionInvalid).toHaveLength(4);
    expect(inclusionInvalid.filter(verifyCase)).toEqual([]);
  });

  interface ConsistencyCase {
    old_size: number;
    new_size: number;
    old_root: string;
    new_root: string;
    consistency_path: string[];
    comment?: string;
  }
  const consistencyValid = read<ConsistencyCase[]>('consistency-valid.json');
  const consistencyInvalid = read<ConsistencyCase[]>('consistency-invalid.json');
  const verifyConsistencyCase = (c: ConsistencyCase): boolean =>
    verifyConsistency(BigInt(c.old_size), BigInt(c.new_size), bytes(c.old_root), bytes(c.new_root), hashes(c.consistency_path));

  it('accepts all 4 valid consistency proofs and regenerates them', () => {
    expect(consistencyValid).toHaveLength(4);
    for (const c of consistencyValid) {
      expect(verifyConsistencyCase(c)).toBe(true);
      expect(base64(consistencyProof(leaves.slice(0, c.new_size), BigInt(c.old_size)))).toEqual(c.consistency_path);
    }
  });

  it('rejects all 16 invalid consistency proofs', () => {
    expect(consistencyInvalid).toHaveLength(16);
    expect(consistencyInvalid.filter(verifyConsistencyCase)).toEqual([]);
  });
});

describe('proofs generated over every tree up to 40 leaves', () => {
  const leaves = Array.from({ length: 40 }, (_, i) => hashLeaf(Buffer.from(`leaf ${i}`)));

  it('verify for every leaf and every old size, and fail for a neighbouring index or size', () => {
    for (let n = 1; n <= leaves.length; n++) {
      const tree = leaves.slice(0, n);
      const root = rootHash(tree);
      for (let i = 0; i < n; i++) {
        const proof = inclusionProof(tree, BigInt(i));
        expect(verifyInclusion(tree[i]!, BigInt(i), BigInt(n), proof, root)).toBe(true);
        if (n > 1) expect(verifyInclusion(tree[i]!, BigInt((i + 1) % n), BigInt(n), proof, root)).toBe(false);
      }
      for (let m = 1; m <= n; m++) {
        const proof = consistencyProof(tree, BigInt(m));
        const oldRoot = rootHash(tree.slice(0, m));
        expect(verifyConsistency(BigInt(m), BigInt(n), oldRoot, root, proof)).toBe(true);
        if (m < n) expect(verifyConsistency(BigInt(m), BigInt(n), rootHash(tree.slice(0, m - 1)), root, proof)).toBe(false);
      }
    }
  });

  it('has the empty tree hash as the root of no leaves', () => {
    expect(rootHash([]).toString('hex')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(rootHash([])).toEqual(EMPTY_ROOT);
  });

  it('refuses to build a proof for an index or size outside the tree', () => {
    expect(() => inclusionProof(leaves, 40n)).toThrow(RangeError);
    expect(() => consistencyProof(leaves, 41n)).toThrow(RangeError);
    expect(() => inclusionProof(leaves, -1n)).toThrow(RangeError);
  });

  it('rejects sizes beyond 64 bits without throwing', () => {
    const root = rootHash(leaves.slice(0, 1));
    expect(verifyInclusion(leaves[0]!, 0n, 1n << 64n, [], root)).toBe(false);
    expect(verifyConsistency(1n, 1n << 64n, root, root, [root])).toBe(false);
  });
});
