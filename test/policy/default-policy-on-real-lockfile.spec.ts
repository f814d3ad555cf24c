/**
 * The default policy set on a real repository's lockfile (nightscout, npm
 * lockfile v3) and real GitHub advisories, through the project's own scanner
 * and OSV matcher: the path `chainward scan --policy policies/default` takes.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { affects, parseOsvJson, smallestFixAbove, type OsvRecord } from '../../src/advisories/domain/index.js';
import { evaluatePolicy, formatProblem, type PolicyResults, type VulnerabilityFact } from '../../src/policy/domain/index.js';
import { loadPolicyDirectory } from '../../src/policy/read-policy-source.js';
import { directoryRepositoryFiles } from '../../src/policy/repository-files.js';
import { scanRepository, type DependencyGraph } from '../../src/sbom/index.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const fixtures = `${root}test/fixtures/policy/`;
const ADVISORIES = ['GHSA-35jh-r3h4-6jhm', 'GHSA-3h5v-q93c-6h6q', 'GHSA-9wv6-86v2-598j', 'GHSA-hrpp-h998-j3pp'];

/** The advisories module's job, done minimally here: match each record and keep what the policy reads. */
function findingsFor(graph: DependencyGraph, records: OsvRecord[]): VulnerabilityFact[] {
  const findings: VulnerabilityFact[] = [];
  for (const node of graph.components.values()) {
    if (node.type !== 'library') continue;
    const name = node.group ? `${node.group}/${node.name}` : node.name;
    for (const record of records) {
      if (!affects(record, { ecosystem: 'npm', name, version: node.version }).affected) continue;
      const fix = smallestFixAbove(record, { ecosystem: 'npm', name }, node.version);
      const severity = String((record.database_specific as { severity?: string } | undefined)?.severity ?? 'unknown').toLowerCase();
      findings.push({
        componentRef: node.ref,
        advisoryId: record.id,
        aliases: record.aliases ?? [],
        severity: severity === 'moderate' ? 'medium' : (severity as VulnerabilityFact['severity']),
        fixedVersions: fix ? [fix] : [],
        ...(record.published ? { published: record.published } : {}),
        knownExploited: false,
        withdrawn: record.withdrawn !== undefined,
      });
    }
  }
  return findings;
}

describe('policies/default on nightscout (npm lockfile v3)', () => {
  let results: PolicyResults;
  let graph: DependencyGraph;

  beforeAll(async () => {
    const loaded = await loadPolicyDirectory(`${root}policies/default`, root);
    if (!loaded.ok) throw new Error(loaded.problems.map(formatProblem).join('\n'));
    const repository = `${fixtures}npm/nightscout-lock-v3`;
    graph = (await scanRepository(repository)).graph;
    const records = ADVISORIES.map((id) => {
      const parsed = parseOsvJson(readFileSync(`${fixtures}advisories/osv/${id}.json`, 'utf8'));
      if (!parsed.ok) throw new Error(parsed.error.message);
      return parsed.record;
    });
    results = evaluatePolicy({
      graph,
      findings: findingsFor(graph, records),
      files: directoryRepositoryFiles(repository),
      repository: { name: 'nightscout/cgm-remote-monitor' },
      policy: loaded.value.policy,
      waivers: loaded.value.waivers,
      now: new Date('2026-11-01T00:00:00Z'),
    });
  });

  const rule = (id: string) => results.rules.find((r) => r.id === id)!;

  it('fails on the AGPL and GPL packages the project ships, with the path to each', () => {
    const copyleft = rule('licence-copyleft');
    expect(copyleft.status).toBe('failed');
    expect(copyleft.violations.map((v) => [v.evidence.kind === 'component' ? v.evidence.purl : '', v.reason])).toEqual([
      ['pkg:npm/nightscout-connect@0.0.12', 'licence AGPL-3.0-or-later is network-copyleft, a denied category'],
      ['pkg:npm/share2nightscout-bridge@0.2.12', 'licence GPL-3.0-only is strong-copyleft, a denied category'],
    ]);
    const evidence = copyleft.violations[0]!.evidence;
    expect(evidence.kind === 'component' && evidence.path).toEqual([graph.roots[0], 'pkg:npm/nightscout-connect@0.0.12']);
  });

  it('accepts "(BSD-3-Clause OR GPL-2.0)" through its permissive alternative', () => {
    const refs = rule('licence-copyleft').violations.map((v) => (v.evidence.kind === 'component' ? v.evidence.purl : ''));
    expect(refs).not.toContain('pkg:npm/node-forge@1.3.1');
    expect(refs).not.toContain('pkg:npm/easyxml@2.0.1');
  });

  it('warns about the licences it cannot classify', () => {
    const unknown = rule('licence-unknown');
    expect(unknown.status).toBe('failed');
    expect(unknown.action).toBe('warn');
    const byReason = unknown.violations.map((v) => `${v.evidence.kind === 'component' ? v.evidence.name : ''}: ${v.reason}`);
    expect(byReason).toContain('chainsaw: licence "MIT/X11" is not in the licence category table and unknown licences are not accepted');
    expect(byReason).toContain('cssmin: no licence is declared and unknown licences are not accepted');
    // "Apache 2.0" (mongo-url-parser) and "Apache2" (pause-stream) are read as Apache-2.0, so they are classified.
    expect(byReason.some((reason) => reason.startsWith('mongo-url-parser:') || reason.startsWith('pause-stream:'))).toBe(false);
    expect(unknown.violations).toHaveLength(13);
  });

  it('fails on the four vulnerable releases that have a fix, and not on the fixed ones', () => {
    const fixable = rule('vulnerability-fixable');
    expect(fixable.violations.map((v) => `${v.advisory?.id} ${v.evidence.kind === 'component' ? v.evidence.purl : ''}`)).toEqual([
      'GHSA-9wv6-86v2-598j pkg:npm/path-to-regexp@0.1.7',
      'GHSA-hrpp-h998-j3pp pkg:npm/qs@6.7.0',
      'GHSA-3h5v-q93c-6h6q pkg:npm/ws@4.1.0',
      'GHSA-3h5v-q93c-6h6q pkg:npm/ws@8.2.3',
    ]);
    expect(fixable.violations[1]!.reason).toBe('GHSA-hrpp-h998-j3pp (high) affects qs@6.7.0; fixed in 6.7.3');
  });

  it('fails overall, records the policy version and digest, and passes the content rules', () => {
    expect(results.outcome).toBe('failed');
    expect(results.policy).toEqual({ name: 'default', version: '1.0.0', digest: expect.stringMatching(/^sha256:[0-9a-f]{64}$/) });
    expect(rule('secrets').status).toBe('passed');
    expect(rule('compromised-packages').status).toBe('passed');
    expect(rule('licence-file').status).toBe('failed');
  });
});
