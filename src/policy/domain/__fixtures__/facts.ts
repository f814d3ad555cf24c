/** Small builders for unit tests: components, graphs and evaluation contexts. */
import { createContext, type EvaluationContext } from '../evaluation-context.js';
import type { ComponentNode, DependencyGraph, LicenseFact, VulnerabilityFact } from '../facts.js';
import { memoryRepositoryFiles, type MemoryFile } from '../memory-files.js';
import { policySetSchema, type PolicySet, type PolicySetInput } from '../policy-set.schema.js';
import { parsePurlPattern, type PurlPattern } from '../purl-pattern.js';

export const ROOT = 'pkg:npm/app@1.0.0?root';

export function licence(expression: string): LicenseFact {
  return { kind: 'expression', expression, source: 'lockfile' };
}

export function named(name: string): LicenseFact {
  return { kind: 'named', name, source: 'lockfile' };
}

export function library(purl: string, overrides: Partial<ComponentNode> = {}): ComponentNode {
  const coordinates = parsePurlPattern(purl) as PurlPattern;
  return {
    ref: purl,
    ecosystem: coordinates.type,
    purl,
    ...(coordinates.namespace ? { group: coordinates.namespace } : {}),
    name: coordinates.name,
    version: coordinates.version ?? '',
    type: 'library',
    scope: 'required',
    development: false,
    direct: true,
    licenses: [licence('MIT')],
    hashes: [],
    sourceFile: 'package-lock.json',
    properties: {},
    ...overrides,
  };
}

/** A graph whose root depends on every component not named as a target in `edges`. */
export function graphOf(components: ComponentNode[], edges: Array<[string, string]> = []): DependencyGraph {
  const graph: DependencyGraph = { roots: [ROOT], components: new Map(), edges: new Map(), sources: ['package-lock.json'], warnings: [] };
  graph.components.set(ROOT, { ...library('pkg:npm/app@1.0.0'), ref: ROOT, type: 'application', direct: false });
  const targets = new Set(edges.map(([, to]) => to));
  const link = (from: string, to: string): void => {
    const set = graph.edges.get(from) ?? new Set<string>();
    set.add(to);
    graph.edges.set(from, set);
  };
  for (const component of components) {
    graph.components.set(component.ref, component);
    if (!targets.has(component.ref)) link(ROOT, component.ref);
  }
  for (const [from, to] of edges) link(from, to);
  return graph;
}

export function finding(componentRef: string, overrides: Partial<VulnerabilityFact> = {}): VulnerabilityFact {
  return {
    componentRef,
    advisoryId: 'GHSA-test-0001',
    aliases: [],
    severity: 'high',
    cvssScore: 7.5,
    fixedVersions: ['9.9.9'],
    published: '2026-10-01T00:00:00Z',
    knownExploited: false,
    withdrawn: false,
    ...overrides,
  };
}

export function policyOf(rules: PolicySetInput['rules'], extra: Partial<PolicySetInput> = {}): PolicySet {
  return policySetSchema.parse({
    apiVersion: 'chainward.dev/v1',
    kind: 'PolicySet',
    metadata: { name: 'test', version: '1.0.0', owner: 'tests' },
    rules,
    ...extra,
  });
}

export function contextOf(input: { components?: ComponentNode[]; edges?: Array<[string, string]>; findings?: VulnerabilityFact[]; files?: MemoryFile[]; now?: string; policy?: PolicySet }): EvaluationContext {
  const policy = input.policy ?? policyOf([{ id: 'r', title: 'r', severity: 'low', action: 'warn', condition: { kind: 'licence', unknown: 'deny' } }]);
  return createContext(
    { graph: graphOf(input.components ?? [], input.edges), findings: input.findings ?? [], files: memoryRepositoryFiles(input.files ?? []) },
    policy,
    new Date(input.now ?? '2026-11-01T00:00:00Z'),
  );
}
