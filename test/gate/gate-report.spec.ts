/** The pure parts of the gate on a real project: renderers, baseline identity, the waiver request and the SBOM round trip. */
import path from 'node:path';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { loadMatchIndex, matchComponents } from '../../src/advisories/index.js';
import {
  buildGateReport,
  graphOfUploadedSbom,
  parseBaseline,
  purlWithoutVersion,
  renderGithubCommands,
  renderJson,
  renderMarkdown,
  violationIdentity,
  waiverRequest,
  type GateReport,
} from '../../src/gate/index.js';
import { directoryRepositoryFiles, evaluatePolicy, loadPolicyDirectory, parseWaivers } from '../../src/policy/index.js';
import { buildSbom, type ComponentNode, type DependencyGraph, type SbomDocument } from '../../src/sbom/index.js';
import { FIXTURES, PROJECT_ROOT } from '../support/cli.js';

const WEBAPP = path.join(PROJECT_ROOT, 'examples', 'npm-webapp');

let sbom: SbomDocument;
let report: GateReport;

beforeAll(async () => {
  sbom = await buildSbom(WEBAPP);
  const loaded = await loadPolicyDirectory(path.join(PROJECT_ROOT, 'policies', 'default'));
  if (!loaded.ok) throw new Error('the default policy set does not load');
  const { index } = await loadMatchIndex(path.join(FIXTURES, 'advisories', 'osv'));
  const libraries = [...sbom.scan.graph.components.values()].filter((node) => node.type === 'library');
  const matched = matchComponents(index, libraries);
  const now = new Date('2026-11-25T10:00:00Z');
  const results = evaluatePolicy({
    graph: sbom.scan.graph,
    findings: matched.map((m) => ({ componentRef: m.componentRef, advisoryId: m.advisoryId, aliases: m.aliases, severity: (m.severity?.rating ?? 'unknown') as 'high', fixedVersions: m.fixedVersions, knownExploited: false, withdrawn: false })),
    files: directoryRepositoryFiles(WEBAPP),
    repository: { name: 'npm-webapp' },
    policy: loaded.value.policy,
    waivers: [],
    now,
  });
  report = buildGateReport({
    results,
    policy: loaded.value.policy,
    policySource: 'policies/default',
    graph: sbom.scan.graph,
    findings: matched.map((m) => ({ componentRef: m.componentRef, purl: m.purl, advisoryId: m.advisoryId, aliases: m.aliases, fixedVersions: m.fixedVersions, ...(m.fixAbove ? { fixAbove: m.fixAbove } : {}) })),
    sbom: { digest: sbom.digest, format: sbom.format, specVersion: sbom.specVersion, lockfiles: sbom.scan.lockfiles, document: JSON.parse(sbom.content) as unknown },
    repository: { name: 'npm-webapp' },
    advisories: { source: 'osv', records: 44, invalid: 0 },
    sourceFiles: new Map(),
    pathPrefix: 'apps/web/',
    tool: { name: 'chainward', version: 'test' },
    generatedAt: now,
  });
});

describe('the gate report', () => {
  it('roots locations at the repository and falls back to line 1 when the lockfile text is not given', () => {
    const fixable = report.rules.find((rule) => rule.id === 'vulnerability-fixable');
    expect(fixable?.violations.map((v) => `${v.location.path}:${v.location.line} ${v.fix?.package} ${v.fix?.from}->${v.fix?.to}`)).toEqual([
      'apps/web/package-lock.json:1 lodash 4.17.20->4.17.21',
      'apps/web/package-lock.json:1 minimist 1.2.5->1.2.6',
      'apps/web/package-lock.json:1 path-to-regexp 0.1.7->0.1.10',
    ]);
    expect(report.verdict).toBe('fail');
    expect(report.counts).toMatchObject({ failingRules: 1, failing: 3, new: 8, baseline: 0 });
  });

  it('reads its own JSON back as a baseline, and then nothing is new', () => {
    const baseline = parseBaseline(renderJson(report), 'main.json');
    expect(baseline.identities.size).toBe(report.counts.violations);
    expect([...baseline.identities]).toContain('vulnerability-fixable|pkg:npm/lodash|GHSA-35jh-r3h4-6jhm');
  });

  it('identifies a violation without the package version, and a file finding without its line number', () => {
    expect(purlWithoutVersion('pkg:npm/%40babel/core@7.1.0?arch=x')).toBe('pkg:npm/%40babel/core');
    expect(purlWithoutVersion('pkg:golang/github.com/x/y@v1.2.3')).toBe('pkg:golang/github.com/x/y');
    const component = (version: string) => ({ kind: 'component' as const, ref: `pkg:npm/ws@${version}`, purl: `pkg:npm/ws@${version}`, name: 'ws', version, development: false, path: [] });
    expect(violationIdentity('r', component('8.2.3'), { id: 'GHSA-1' })).toBe(violationIdentity('r', component('8.17.0'), { id: 'GHSA-1' }));
    expect(violationIdentity('r', component('8.2.3'), { id: 'GHSA-1' })).not.toBe(violationIdentity('r', component('8.2.3'), { id: 'GHSA-2' }));
    const file = (line: number) => ({ kind: 'file' as const, file: '.env', line, excerpt: ' KEY=AKIA****  ' });
    expect(violationIdentity('secrets', file(3))).toBe(violationIdentity('secrets', file(9)));
  });

  it('escapes workflow commands as the Actions runner parses them', () => {
    const commands = renderGithubCommands(report).split('\n').filter(Boolean);
    expect(commands.filter((line) => line.startsWith('::error '))).toHaveLength(3);
    expect(commands[0]).toMatch(/^::(error|warning|notice) file=apps\/web\/[^,]+,line=\d+,title=[^:]+ \(\w+\)::/);
    const lodash = commands.find((line) => line.startsWith('::error') && line.includes('lodash'));
    expect(lodash).toBe(
      '::error file=apps/web/package-lock.json,line=1,title=vulnerability-fixable (high)::lodash@4.17.20: GHSA-35jh-r3h4-6jhm (high) affects lodash@4.17.20; fixed in 4.17.21%0AFix: upgrade lodash 4.17.20 → 4.17.21',
    );
  });

  it('writes Markdown whose table cells cannot be broken by the evidence', () => {
    const markdown = renderMarkdown(report);
    expect(markdown).toMatch(/^## ❌ Chainward gate: failed\n/);
    const rows = markdown.split('\n').filter((line) => line.startsWith('| '));
    expect(rows).toHaveLength(2 + report.rules.length);
    expect(rows.every((row) => row.split(/(?<!\\)\|/).length === 9)).toBe(true);
  });

  it('offers a waiver request that loads as a waivers file once filled in', () => {
    const rule = report.rules.find((r) => r.id === 'vulnerability-fixable');
    if (!rule) throw new Error('no rule');
    const yaml = waiverRequest(rule, rule.violations, new Date('2026-11-25T10:00:00Z'), 30);
    expect(yaml.split('\n').slice(0, 7)).toEqual([
      '- rule: vulnerability-fixable',
      '  purl: pkg:npm/lodash@4.17.20',
      '  advisory: GHSA-35jh-r3h4-6jhm',
      '  reason: "<why this is acceptable for now>"',
      '  approver: "<who accepts it, name <e-mail>>"',
      '  created: 2026-11-25',
      '  expires: 2026-12-25',
    ]);
    const filled = yaml.replaceAll('"<why this is acceptable for now>"', 'accepted for the release').replaceAll('"<who accepts it, name <e-mail>>"', 'Ada <ada@example.org>');
    const parsed = parseWaivers({ path: 'waivers.yaml', text: `apiVersion: chainward.dev/v1\nkind: Waivers\nwaivers:\n${filled.replace(/^/gm, '  ')}` });
    expect(parsed.ok && parsed.value.map((w) => `${w.rule} ${w.purl} ${w.advisory}`)).toEqual([
      'vulnerability-fixable pkg:npm/lodash@4.17.20 GHSA-35jh-r3h4-6jhm',
      'vulnerability-fixable pkg:npm/minimist@1.2.5 GHSA-xvch-5gv4-984h',
      'vulnerability-fixable pkg:npm/path-to-regexp@0.1.7 GHSA-9wv6-86v2-598j',
    ]);
  });
});

describe('graphOfUploadedSbom', () => {
  const roundTrip = (document: SbomDocument): DependencyGraph => graphOfUploadedSbom(JSON.parse(document.content) as Record<string, unknown>);
  const edges = (graph: DependencyGraph): string[] => [...graph.edges].flatMap(([from, to]) => [...to].map((target) => `${from}>${target}`)).sort();
  const sorted = (graph: DependencyGraph): ComponentNode[] => [...graph.components.values()].sort((a, b) => a.ref.localeCompare(b.ref));

  it('gives back the graph Chainward wrote, node for node: purls, scopes, direct/development flags, licences, hashes, properties, source files, edges, roots', () => {
    const graph = roundTrip(sbom);
    expect(graph.components.size).toBe(sbom.scan.graph.components.size);
    expect(sorted(graph)).toEqual(sorted(sbom.scan.graph));
    expect(graph.roots).toEqual(sbom.scan.graph.roots);
    expect(edges(graph)).toEqual(edges(sbom.scan.graph));
    expect(graph.sources).toEqual(sbom.scan.graph.sources);
  });

  it('gives back a repository of several projects (the synthetic root) with development-only Python packages and per-file hashes', async () => {
    const repository = await buildSbom(path.join(FIXTURES, 'gate'));
    const original = repository.scan.graph;
    expect(original.roots.length).toBeGreaterThan(1);
    const graph = roundTrip(repository);
    expect(graph.roots).toEqual(original.roots);
    expect(graph.components.has('chainward:repository')).toBe(false);
    expect(sorted(graph)).toEqual(sorted(original));
    expect(edges(graph)).toEqual(edges(original));
  });

  it('refuses what is not CycloneDX', () => {
    expect(() => graphOfUploadedSbom({ bomFormat: 'SPDX' })).toThrow(/bomFormat is not "CycloneDX"/);
  });
});
