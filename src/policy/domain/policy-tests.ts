/**
 * Runs policy unit tests: each case's `given` becomes a graph, findings and
 * files; the policy set is evaluated at the case's `now`; the outcome and rule
 * statuses are compared with `expect`, and differences listed as a diff.
 */
import parseSpdx from 'spdx-expression-parse';
import { evaluatePolicy } from './evaluate.js';
import type { ComponentNode, DependencyGraph, LicenseFact, RepositoryIdentity, VulnerabilityFact } from './facts.js';
import type { PolicyTestsSource } from './load-policy.js';
import { memoryRepositoryFiles } from './memory-files.js';
import type { PolicySet } from './policy-set.schema.js';
import type { PolicyTestCase } from './policy-test.schema.js';
import { parsePurlPattern, type PurlPattern } from './purl-pattern.js';
import type { PolicyResults } from './results.js';
import type { Waiver } from './waiver.schema.js';

export interface PolicyTestCaseResult {
  file: string;
  name: string;
  passed: boolean;
  /** `- expected` / `+ actual` lines for every difference; empty when the case passed. */
  diff: string[];
  results: PolicyResults;
}

export interface PolicyTestReport {
  passed: number;
  failed: number;
  cases: PolicyTestCaseResult[];
}

export function runPolicyTests(input: { policy: PolicySet; waivers: readonly Waiver[]; tests: readonly PolicyTestsSource[] }): PolicyTestReport {
  const cases = input.tests.flatMap(({ file, tests }) =>
    tests.cases.map((testCase) => {
      const results = evaluatePolicy({
        ...caseFacts(testCase),
        policy: input.policy,
        waivers: testCase.given.waivers ?? input.waivers,
        now: new Date(testCase.now),
      });
      const diff = compare(testCase, results);
      return { file, name: testCase.name, passed: diff.length === 0, diff, results };
    }),
  );
  const passed = cases.filter((c) => c.passed).length;
  return { passed, failed: cases.length - passed, cases };
}

const TEST_ROOT = 'pkg:generic/policy-test-repository';

/** The facts a case describes, as the scanner and the advisories module would give them. */
export function caseFacts(testCase: PolicyTestCase): {
  graph: DependencyGraph;
  findings: VulnerabilityFact[];
  files: ReturnType<typeof memoryRepositoryFiles>;
  repository?: RepositoryIdentity;
} {
  const { given } = testCase;
  const dependedOn = new Set(given.components.flatMap((component) => component.dependsOn));
  const graph: DependencyGraph = { roots: [TEST_ROOT], components: new Map(), edges: new Map(), sources: [], warnings: [] };
  graph.components.set(TEST_ROOT, node(TEST_ROOT, { type: 'generic', name: given.repository?.name ?? 'repository', version: '0', text: TEST_ROOT }, {
    type: 'application',
    direct: false,
  }));
  for (const component of given.components) {
    const coordinates = parsePurlPattern(component.purl) as PurlPattern;
    const direct = component.direct ?? !dependedOn.has(component.purl);
    graph.components.set(component.purl, {
      ...node(component.purl, coordinates, { type: 'library', direct }),
      scope: component.scope,
      development: component.development,
      licenses: component.licences.map(licenceFact),
      properties: component.properties,
    });
    if (direct) link(graph, TEST_ROOT, component.purl);
    for (const target of component.dependsOn) link(graph, component.purl, target);
  }
  const findings: VulnerabilityFact[] = given.findings.map((finding) => ({
    componentRef: finding.component,
    advisoryId: finding.advisory,
    aliases: finding.aliases,
    severity: finding.severity,
    ...(finding.cvssScore !== undefined ? { cvssScore: finding.cvssScore } : {}),
    fixedVersions: finding.fixedVersions,
    ...(finding.published !== undefined ? { published: finding.published } : {}),
    knownExploited: finding.knownExploited,
    withdrawn: finding.withdrawn,
    ...(finding.vex ? { vex: { state: finding.vex.state, ...(finding.vex.justification ? { justification: finding.vex.justification } : {}) } } : {}),
  }));
  return {
    graph,
    findings,
    files: memoryRepositoryFiles(given.files),
    ...(given.repository ? { repository: { name: given.repository.name, tags: given.repository.tags } } : {}),
  };
}

function node(ref: string, coordinates: PurlPattern, options: { type: ComponentNode['type']; direct: boolean }): ComponentNode {
  return {
    ref,
    ecosystem: coordinates.type,
    purl: ref,
    ...(coordinates.namespace ? { group: coordinates.namespace } : {}),
    name: coordinates.name,
    version: coordinates.version ?? '',
    type: options.type,
    scope: 'required',
    development: false,
    direct: options.direct,
    licenses: [],
    hashes: [],
    sourceFile: 'policy-test',
    properties: {},
  };
}

function link(graph: DependencyGraph, from: string, to: string): void {
  const targets = graph.edges.get(from) ?? new Set<string>();
  targets.add(to);
  graph.edges.set(from, targets);
}

function licenceFact(text: string): LicenseFact {
  try {
    parseSpdx(text);
    return { kind: 'expression', expression: text, source: 'manifest' };
  } catch {
    return { kind: 'named', name: text, source: 'manifest' };
  }
}

function compare(testCase: PolicyTestCase, results: PolicyResults): string[] {
  const diff: string[] = [];
  const expected = testCase.expect;
  if (expected.outcome !== undefined && expected.outcome !== results.outcome) {
    diff.push(`- outcome: ${expected.outcome}`, `+ outcome: ${results.outcome}`);
  }
  for (const [ruleId, expectation] of Object.entries(expected.rules).sort(([a], [b]) => (a < b ? -1 : 1))) {
    const actual = results.rules.find((rule) => rule.id === ruleId);
    const want = typeof expectation === 'string' ? { status: expectation } : expectation;
    if (!actual) {
      diff.push(`- ${ruleId}: ${want.status}`, `+ ${ruleId}: (not evaluated)`);
      continue;
    }
    const wanted = [`${ruleId}: ${want.status}`];
    const got = [`${ruleId}: ${actual.status}`];
    if (want.violations !== undefined) {
      wanted.push(`${ruleId}: ${want.violations} violation(s)`);
      got.push(`${ruleId}: ${actual.violations.length} violation(s)`);
    }
    if (want.waived !== undefined) {
      wanted.push(`${ruleId}: ${want.waived} waived`);
      got.push(`${ruleId}: ${actual.waived.length} waived`);
    }
    wanted.forEach((line, index) => {
      if (line !== got[index]) diff.push(`- ${line}`, `+ ${got[index]}`);
    });
    if (want.status !== actual.status && actual.violations.length > 0) {
      diff.push(...actual.violations.slice(0, 5).map((violation) => `  because: ${violation.reason}`));
    }
  }
  return diff;
}
