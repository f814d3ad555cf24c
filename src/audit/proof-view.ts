/** An inclusion proof of one entry in the tree of the first `treeSize` entries (RFC 9162 §2.1.3). */
export interface InclusionProofResult {
  seq: bigint;
  treeSize: bigint;
  leafIndex: bigint;
  leafHash: string;
  rootHash: Buffer;
  proof: Buffer[];
}

/** A consistency proof between the trees of the first `from` and `to` entries (RFC 9162 §2.1.4). */
export interface ConsistencyProofResult {
  from: bigint;
  to: bigint;
  fromRoot: Buffer;
  toRoot: Buffer;
  proof: Buffer[];
}

/** Proofs as JSON, the same for the API and the CLI: 64-bit numbers as decimal strings, hashes in base64 as RFC 9162 tools expect. */
export function inclusionProofView(proof: InclusionProofResult): Record<string, unknown> {
  return {
    seq: proof.seq.toString(10),
    treeSize: proof.treeSize.toString(10),
    leafIndex: proof.leafIndex.toString(10),
    leafHash: proof.leafHash,
    rootHash: proof.rootHash.toString('base64'),
    proof: proof.proof.map((node) => node.toString('base64')),
  };
}

export function consistencyProofView(proof: ConsistencyProofResult): Record<string, unknown> {
  return {
    from: proof.from.toString(10),
    to: proof.to.toString(10),
    fromRoot: proof.fromRoot.toString('base64'),
    toRoot: proof.toRoot.toString('base64'),
    proof: proof.proof.map((node) => node.toString('base64')),
  };
}
