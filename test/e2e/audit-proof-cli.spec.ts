import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { verifyConsistency, verifyInclusion } from '../../src/audit/index.js';
import { PROJECT_ROOT, runCli } from '../support/cli.js';

const b64 = (value: string): Buffer => Buffer.from(value, 'base64');

describe('chainward audit proof', () => {
  let env: Record<string, string>;

  beforeAll(async () => {
    env = { CHAINWARD_HOME: await mkdtemp(path.join(tmpdir(), 'chainward-proof-')) };
    for (let i = 0; i < 3; i++) expect((await runCli(['scan', path.join(PROJECT_ROOT, 'examples', 'npm-webapp'), '--json'], { env })).code).toBe(0);
  });

  afterAll(async () => {
    await rm(env.CHAINWARD_HOME, { recursive: true, force: true });
  });

  it('prints inclusion proofs that verify against the tree root', async () => {
    // Three scans, each a scan.started and a scan.finished entry: a tree of 6.
    const result = await runCli(['audit', 'proof', 'inclusion', '2'], { env });
    expect(result.code).toBe(0);
    const proof = JSON.parse(result.stdout) as { treeSize: string; leafIndex: string; leafHash: string; rootHash: string; proof: string[] };
    expect(proof).toMatchObject({ treeSize: '6', leafIndex: '1' });
    expect(verifyInclusion(Buffer.from(proof.leafHash, 'hex'), 1n, 6n, proof.proof.map(b64), b64(proof.rootHash))).toBe(true);
    expect(verifyInclusion(Buffer.from(proof.leafHash, 'hex'), 0n, 6n, proof.proof.map(b64), b64(proof.rootHash))).toBe(false);
  });

  it('prints consistency proofs between two tree sizes', async () => {
    const result = await runCli(['audit', 'proof', 'consistency', '3', '6'], { env });
    expect(result.code).toBe(0);
    const proof = JSON.parse(result.stdout) as { fromRoot: string; toRoot: string; proof: string[] };
    expect(verifyConsistency(3n, 6n, b64(proof.fromRoot), b64(proof.toRoot), proof.proof.map(b64))).toBe(true);
  });

  it('rejects a sequence number beyond the ledger with exit 2', async () => {
    const result = await runCli(['audit', 'proof', 'inclusion', '9'], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('seq must be from 1 to treeSize (6)');
  });
});
