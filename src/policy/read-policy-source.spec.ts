import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { formatProblem } from './domain/index.js';
import { loadPolicyDirectory, readPolicySource } from './read-policy-source.js';

const policy = `apiVersion: chainward.dev/v1
kind: PolicySet
metadata: { name: tmp, version: "1", owner: me }
rules:
  - id: no-agpl
    title: No AGPL
    severity: high
    action: fail
    condition: { kind: licence, deny: { categories: [network-copyleft] }, unknown: allow }
`;

describe('readPolicySource', () => {
  const root = mkdtempSync(join(tmpdir(), 'chainward-policy-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('reads a single file as a policy set without waivers or tests', async () => {
    writeFileSync(join(root, 'single.yaml'), policy);
    const source = await readPolicySource(join(root, 'single.yaml'), root);
    expect(source).toEqual({ policy: { path: 'single.yaml', text: policy } });
  });

  it('reads a directory: policy.yaml, waivers.yaml and tests/*.yaml in name order, paths relative to cwd', async () => {
    const dir = join(root, 'set');
    mkdirSync(join(dir, 'tests'), { recursive: true });
    writeFileSync(join(dir, 'policy.yaml'), policy);
    writeFileSync(join(dir, 'waivers.yaml'), 'apiVersion: chainward.dev/v1\nkind: Waivers\nwaivers: []\n');
    writeFileSync(join(dir, 'tests', 'b.yaml'), 'x: 1\n');
    writeFileSync(join(dir, 'tests', 'a.yml'), 'x: 1\n');
    writeFileSync(join(dir, 'tests', 'notes.txt'), 'ignored');
    const source = await readPolicySource(dir, root);
    expect([source.policy.path, source.waivers?.path, source.tests?.map((t) => t.path)]).toEqual(['set/policy.yaml', 'set/waivers.yaml', ['set/tests/a.yml', 'set/tests/b.yaml']]);
  });

  it('reports problems with the paths the user sees', async () => {
    const dir = join(root, 'broken');
    mkdirSync(dir);
    writeFileSync(join(dir, 'policy.yaml'), policy.replace('severity: high', 'severity: hihg'));
    const result = await loadPolicyDirectory(dir, root);
    expect(result.problems.map(formatProblem)).toEqual(['broken/policy.yaml:7:15: rules[0].severity must be one of critical, high, medium, low, info, not "hihg"; did you mean "high"?']);
  });
});
