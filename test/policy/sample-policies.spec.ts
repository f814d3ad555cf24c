import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { formatProblem, runPolicyTests } from '../../src/policy/domain/index.js';
import { loadPolicyDirectory } from '../../src/policy/read-policy-source.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

describe.each(['default', 'regulated-finance'])('policies/%s', (name) => {
  it('validates, and every one of its policy tests passes', async () => {
    const loaded = await loadPolicyDirectory(`${root}policies/${name}`, root);
    if (!loaded.ok) throw new Error(loaded.problems.map(formatProblem).join('\n'));
    const report = runPolicyTests({ policy: loaded.value.policy, waivers: loaded.value.waivers, tests: loaded.value.tests });
    const failures = report.cases.filter((c) => !c.passed).map((c) => `${c.file}: ${c.name}\n${c.diff.join('\n')}`);
    expect(failures).toEqual([]);
    expect(report.cases.length).toBeGreaterThanOrEqual(10);
  });
});
