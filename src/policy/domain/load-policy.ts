/**
 * Reads policy sets, waivers and policy tests from YAML text, reporting every
 * problem as `file:line:column: message`. No file system here: the caller
 * passes the text (see ../read-policy-source.ts for a directory on disk).
 */
import { type z } from 'zod';
import { closestMatch } from './did-you-mean.js';
import { policySetSchema, type PolicySet } from './policy-set.schema.js';
import { policyTestsFileSchema, type PolicyTestsFile } from './policy-test.schema.js';
import { sortProblems, type LoadResult, type PolicyProblem } from './problems.js';
import { labelOf, problemsFromIssues } from './schema-problems.js';
import { waiversFileSchema, type Waiver } from './waiver.schema.js';
import { keyNodeAt, nodeAt, positionOf, readYaml, type YamlPath, type YamlSource } from './yaml-source.js';

export interface TextFile {
  /** Path as the user would recognise it. */
  path: string;
  text: string;
}

/**
 * A policy set on disk is a directory holding `policy.yaml`, optionally
 * `waivers.yaml`, and optionally `tests/*.yaml`; a single YAML file is a
 * policy set without waivers or tests.
 */
export interface PolicySource {
  policy: TextFile;
  waivers?: TextFile;
  tests?: TextFile[];
}

export interface PolicyTestsSource {
  file: string;
  tests: PolicyTestsFile;
}

export interface LoadedPolicySet {
  policy: PolicySet;
  waivers: Waiver[];
  tests: PolicyTestsSource[];
}

interface Parsed<T> {
  value?: T;
  source?: YamlSource;
  problems: PolicyProblem[];
}

function parseFile<S extends z.ZodType>(schema: S, file: TextFile, extraChecks?: (source: YamlSource) => PolicyProblem[]): Parsed<z.output<S>> {
  const { source, problems } = readYaml(file.path, file.text);
  if (!source) return { problems };
  const result = schema.safeParse(source.data);
  const found = [...(result.success ? [] : problemsFromIssues(source, schema, result.error.issues)), ...(extraChecks?.(source) ?? [])];
  return result.success && found.length === 0 ? { value: result.data, source, problems: [] } : { source, problems: found };
}

function toResult<T>(parsed: Parsed<T>): LoadResult<T> {
  return parsed.problems.length === 0 && parsed.value !== undefined
    ? { ok: true, value: parsed.value, problems: [] }
    : { ok: false, problems: sortProblems(parsed.problems) };
}

export function parsePolicySet(file: TextFile): LoadResult<PolicySet> {
  return toResult(parseFile(policySetSchema, file, duplicateRuleIds));
}

export function parseWaivers(file: TextFile): LoadResult<Waiver[]> {
  const parsed = parseFile(waiversFileSchema, file);
  return toResult({ ...parsed, value: parsed.value?.waivers });
}

export function parsePolicyTests(file: TextFile): LoadResult<PolicyTestsFile> {
  return toResult(parseFile(policyTestsFileSchema, file));
}

/** Loads a whole policy set and checks that waivers and tests name rules it defines. */
export function loadPolicySource(input: PolicySource): LoadResult<LoadedPolicySet> {
  const policy = parseFile(policySetSchema, input.policy, duplicateRuleIds);
  const waivers = input.waivers ? parseFile(waiversFileSchema, input.waivers) : undefined;
  const tests = (input.tests ?? []).map((file) => ({ file: file.path, parsed: parseFile(policyTestsFileSchema, file) }));
  const problems = [...policy.problems, ...(waivers?.problems ?? []), ...tests.flatMap((t) => t.parsed.problems)];

  if (policy.value) {
    const ruleIds = policy.value.rules.map((rule) => rule.id);
    if (waivers?.value && waivers.source) problems.push(...checkWaivers(waivers.source, waivers.value.waivers, policy.value, ruleIds));
    for (const test of tests) {
      if (test.parsed.value && test.parsed.source) problems.push(...checkTestRules(test.parsed.source, test.parsed.value, ruleIds));
    }
  }
  if (problems.length > 0 || !policy.value) return { ok: false, problems: sortProblems(problems) };
  return {
    ok: true,
    value: {
      policy: policy.value,
      waivers: waivers?.value?.waivers ?? [],
      tests: tests.map((test) => ({ file: test.file, tests: test.parsed.value as PolicyTestsFile })),
    },
    problems: [],
  };
}

function problemAt(source: YamlSource, path: YamlPath, message: string): PolicyProblem {
  return { file: source.file, ...positionOf(source, nodeAt(source, path).node), message };
}

function duplicateRuleIds(source: YamlSource): PolicyProblem[] {
  const rules = (source.data as { rules?: unknown } | null)?.rules;
  if (!Array.isArray(rules)) return [];
  const firstLine = new Map<string, number>();
  const problems: PolicyProblem[] = [];
  rules.forEach((rule: unknown, index) => {
    const id = (rule as { id?: unknown } | null)?.id;
    if (typeof id !== 'string') return;
    const path = ['rules', index, 'id'];
    const first = firstLine.get(id);
    if (first === undefined) firstLine.set(id, positionOf(source, nodeAt(source, path).node).line);
    else problems.push(problemAt(source, path, `duplicate rule id "${id}"; it is first used at line ${first}`));
  });
  return problems;
}

const DAY_MS = 24 * 60 * 60 * 1000;

function checkWaivers(source: YamlSource, waivers: Waiver[], policy: PolicySet, ruleIds: string[]): PolicyProblem[] {
  const problems: PolicyProblem[] = [];
  const maxDays = policy.waivers?.maxDurationDays;
  waivers.forEach((waiver, index) => {
    const path = ['waivers', index];
    if (!ruleIds.includes(waiver.rule)) {
      const hint = closestMatch(waiver.rule, ruleIds);
      problems.push(problemAt(source, [...path, 'rule'], `${labelOf(path)} names rule "${waiver.rule}", which the policy set does not define${hint ? `; did you mean "${hint}"?` : ''}`));
    }
    const days = (Date.parse(waiver.expires) - Date.parse(waiver.created)) / DAY_MS;
    if (maxDays !== undefined && days > maxDays) {
      problems.push(problemAt(source, [...path, 'expires'], `${labelOf(path)} lasts ${Math.ceil(days)} days; policy set "${policy.metadata.name}" allows at most ${maxDays}`));
    }
  });
  return problems;
}

function checkTestRules(source: YamlSource, tests: PolicyTestsFile, ruleIds: string[]): PolicyProblem[] {
  const problems: PolicyProblem[] = [];
  tests.cases.forEach((testCase, index) => {
    const path = ['cases', index, 'expect', 'rules'];
    for (const id of Object.keys(testCase.expect.rules)) {
      if (ruleIds.includes(id)) continue;
      const hint = closestMatch(id, ruleIds);
      const node = keyNodeAt(source, path, id);
      problems.push({
        file: source.file,
        ...positionOf(source, node ?? nodeAt(source, path).node),
        message: `${labelOf(path)} names rule "${id}", which the policy set does not define${hint ? `; did you mean "${hint}"?` : ''}`,
      });
    }
    (testCase.given.waivers ?? []).forEach((waiver, waiverIndex) => {
      if (ruleIds.includes(waiver.rule)) return;
      const waiverPath = ['cases', index, 'given', 'waivers', waiverIndex];
      problems.push(problemAt(source, [...waiverPath, 'rule'], `${labelOf(waiverPath)} names rule "${waiver.rule}", which the policy set does not define`));
    });
  });
  return problems;
}
