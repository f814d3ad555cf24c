/** Facts prepared once per evaluation and shared by every rule's evaluator. */
import type { ComponentNode, DependencyGraph, EvaluationFacts, RepositoryFiles, VulnerabilityFact } from './facts.js';
import { graphPaths } from './graph-paths.js';
import type { PolicySet } from './policy-set.schema.js';
import { compareText } from './problems.js';
import { purlTypeOf } from './purl-pattern.js';
import type { ComponentEvidence, RawViolation } from './results.js';

export interface EvaluationContext {
  graph: DependencyGraph;
  /** Dependencies (project roots left out) of the ecosystems in scope, by ref. */
  components: readonly ComponentNode[];
  /** Findings on components of the ecosystems in scope, by component then advisory. */
  findings: readonly VulnerabilityFact[];
  files: RepositoryFiles;
  /** `files.list()`, sorted. */
  fileList: readonly string[];
  now: Date;
  evidenceFor(node: ComponentNode): ComponentEvidence;
  /** Components whose name has this key (see `packageNameKey`), indexed on first use. */
  componentsNamed(key: string): readonly ComponentNode[];
}

/**
 * Lower case, runs of "-", "_" and "." as one "-": the name forms registries
 * treat as the same package (PyPI says so; elsewhere it only widens a lookup
 * that the purl comparison then narrows).
 */
export function packageNameKey(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

export interface RuleOutput {
  violations: RawViolation[];
  notes: string[];
}

/** The options every component-based condition shares. */
export interface ComponentSelection {
  developmentDependencies: 'include' | 'exempt';
  scopes: ReadonlyArray<ComponentNode['scope']>;
}

export function isSelected(node: ComponentNode, selection: ComponentSelection): boolean {
  if (selection.developmentDependencies === 'exempt' && node.development) return false;
  return selection.scopes.includes(node.scope);
}

export function createContext(facts: EvaluationFacts, policy: PolicySet, now: Date): EvaluationContext {
  const { graph } = facts;
  const ecosystems = policy.scope?.ecosystems?.map((type) => type.toLowerCase());
  const inEcosystems = (purl: string): boolean => !ecosystems || ecosystems.includes(purlTypeOf(purl));
  const roots = new Set(graph.roots);
  const components = [...graph.components.values()]
    .filter((node) => !roots.has(node.ref) && node.type !== 'application' && inEcosystems(node.purl))
    .sort((a, b) => compareText(a.ref, b.ref));
  const findings = facts.findings
    .filter((finding) => {
      const node = graph.components.get(finding.componentRef);
      return inEcosystems(node?.purl ?? finding.componentRef);
    })
    .sort((a, b) => compareText(a.componentRef, b.componentRef) || compareText(a.advisoryId, b.advisoryId));
  const paths = graphPaths(graph);
  // One evidence object per component, shared by every rule that reports it: paths are walked once.
  const evidence = new Map<string, ComponentEvidence>();
  let byName: Map<string, ComponentNode[]> | undefined;
  return {
    graph,
    components,
    findings,
    files: facts.files,
    fileList: [...facts.files.list()].sort(compareText),
    now,
    evidenceFor: (node) => {
      let found = evidence.get(node.ref);
      if (!found) {
        found = {
          kind: 'component',
          ref: node.ref,
          purl: node.purl,
          name: node.group ? `${node.group}/${node.name}` : node.name,
          version: node.version,
          development: node.development,
          path: paths.pathTo(node.ref),
        };
        evidence.set(node.ref, found);
      }
      return found;
    },
    componentsNamed: (key) => {
      if (!byName) {
        byName = new Map();
        for (const node of components) {
          const nodeKey = packageNameKey(node.name);
          const list = byName.get(nodeKey);
          if (list) list.push(node);
          else byName.set(nodeKey, [node]);
        }
      }
      return byName.get(key) ?? [];
    },
  };
}

/** `name@version` for messages. */
export function displayName(node: ComponentNode): string {
  return `${node.group ? `${node.group}/` : ''}${node.name}@${node.version}`;
}
