/**
 * The dependency graph every ecosystem parser produces and every output
 * (CycloneDX, storage, policies) consumes. Plain values, no framework.
 */

/** How a component is needed at run time, in CycloneDX's words. */
export type ComponentScope = 'required' | 'optional' | 'excluded';

export type HashAlgorithm = 'MD5' | 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512';

export interface HashFact {
  alg: HashAlgorithm;
  /** Lower-case hex. */
  content: string;
}

/**
 * Where a licence statement was read, so an auditor can weigh it: the lockfile, the package's manifest, the
 * installed package, its registry (`--licenses registry`), or an SBOM made by another tool (`sbom import`).
 */
export type LicenseSource = 'lockfile' | 'manifest' | 'installed-package' | 'registry' | 'sbom';

export type LicenseFact =
  /**
   * A valid SPDX expression, e.g. `MIT` or `(MIT OR Apache-2.0)`. `original` is
   * the text as written when it was corrected into this expression ("Apache 2.0").
   */
  | { kind: 'expression'; expression: string; source: LicenseSource; original?: string }
  /** Text that is not a valid SPDX expression, kept as written. */
  | { kind: 'named'; name: string; source: LicenseSource };

export interface ComponentNode {
  /** Stable, unique within one graph: the purl, or the purl plus a qualifier for roots. */
  ref: string;
  /** Ecosystem id as registered (`npm`, `yarn`, `pnpm`, ...). */
  ecosystem: string;
  /** Package URL (https://github.com/package-url/purl-spec). */
  purl: string;
  /** Namespace or group as CycloneDX tools write it: npm scope with its @ (`@babel`), Maven groupId. */
  group?: string;
  name: string;
  version: string;
  /** `application` for project and workspace roots, `library` for dependencies. */
  type: 'application' | 'library';
  scope: ComponentScope;
  /** Needed only to develop or build the project (devDependencies and what only they pull in). */
  development: boolean;
  /** Depended on directly by a project or workspace root. */
  direct: boolean;
  licenses: LicenseFact[];
  hashes: HashFact[];
  /** Lockfile (or manifest) the component was read from, relative to the scanned directory. */
  sourceFile: string;
  /** Extra facts, emitted as CycloneDX properties (names in a `chainward:` or `cdx:` namespace). */
  properties: Record<string, string>;
}

export interface DependencyGraph {
  /** Project roots (one per manifest; workspace packages are roots too), in ref order. */
  roots: string[];
  /** Every component, project roots included, keyed by ref. */
  components: Map<string, ComponentNode>;
  /** ref -> refs it depends on. */
  edges: Map<string, Set<string>>;
  /** Lockfiles and manifests that were read, relative to the scanned directory. */
  sources: string[];
  /** Entries a parser could not use, each with a reason, instead of a crash. */
  warnings: GraphWarning[];
}

export interface GraphWarning {
  file: string;
  message: string;
}

export function emptyGraph(): DependencyGraph {
  return { roots: [], components: new Map(), edges: new Map(), sources: [], warnings: [] };
}

/** What tells one project root from another; everything else a root has is the same in every ecosystem. */
export interface ProjectRootFacts {
  ecosystem: string;
  purl: string;
  /** Defaults to the purl; a qualified purl where another component already holds it. */
  ref?: string;
  /** Left out of the node when undefined or empty, as CycloneDX tools leave it out. */
  group?: string;
  name: string;
  version: string;
  sourceFile: string;
  licenses?: LicenseFact[];
  properties?: Record<string, string>;
}

/**
 * A project (or workspace) root: an `application` that is required, not a development dependency, not
 * itself a direct dependency, with no hashes (nothing was downloaded to read it).
 */
export function projectRoot(facts: ProjectRootFacts): ComponentNode {
  return {
    ref: facts.ref ?? facts.purl,
    ecosystem: facts.ecosystem,
    purl: facts.purl,
    ...(facts.group ? { group: facts.group } : {}),
    name: facts.name,
    version: facts.version,
    type: 'application',
    scope: 'required',
    development: false,
    direct: false,
    licenses: facts.licenses ?? [],
    hashes: [],
    sourceFile: facts.sourceFile,
    properties: facts.properties ?? {},
  };
}

/** What tells one dependency from another before reachability sets its scope, development and direct flags. */
export interface LibraryNodeFacts {
  ecosystem: string;
  /** Also the ref: a library is known by its purl. */
  purl: string;
  /** Left out of the node when undefined or empty. */
  group?: string;
  name: string;
  version: string;
  sourceFile: string;
  licenses?: LicenseFact[];
  hashes?: HashFact[];
  properties?: Record<string, string>;
}

/**
 * A dependency as a parser first meets it: required, not development, not direct. Parsers that know better
 * (from the lockfile's flags or the graph's reachability) set those fields afterwards.
 */
export function libraryNode(facts: LibraryNodeFacts): ComponentNode {
  return {
    ref: facts.purl,
    ecosystem: facts.ecosystem,
    purl: facts.purl,
    ...(facts.group ? { group: facts.group } : {}),
    name: facts.name,
    version: facts.version,
    type: 'library',
    scope: 'required',
    development: false,
    direct: false,
    licenses: facts.licenses ?? [],
    hashes: facts.hashes ?? [],
    sourceFile: facts.sourceFile,
    properties: facts.properties ?? {},
  };
}

/** Adds an edge, creating the adjacency set on first use. Self-loops are dropped. */
export function addEdge(graph: DependencyGraph, from: string, to: string): void {
  if (from === to) return;
  let targets = graph.edges.get(from);
  if (!targets) {
    targets = new Set();
    graph.edges.set(from, targets);
  }
  targets.add(to);
}

/**
 * Joins several graphs (one per manifest) into one. A component found in two
 * graphs keeps the first one's facts, but is required/direct/non-dev if any
 * graph says so, and collects every hash and licence.
 */
export function mergeGraphs(graphs: DependencyGraph[]): DependencyGraph {
  const merged = emptyGraph();
  for (const graph of graphs) {
    merged.sources.push(...graph.sources);
    merged.warnings.push(...graph.warnings);
    for (const root of graph.roots) if (!merged.roots.includes(root)) merged.roots.push(root);
    for (const [ref, node] of graph.components) {
      const existing = merged.components.get(ref);
      merged.components.set(ref, existing ? mergeNodes(existing, node) : { ...node });
    }
    for (const [from, targets] of graph.edges) for (const to of targets) addEdge(merged, from, to);
  }
  merged.roots.sort();
  // A manifest several lockfiles read (a shared version catalog, a parent POM) is one source.
  merged.sources = [...new Set(merged.sources)];
  return merged;
}

function mergeNodes(a: ComponentNode, b: ComponentNode): ComponentNode {
  const hashes = [...a.hashes];
  for (const hash of b.hashes) {
    if (!hashes.some((h) => h.alg === hash.alg && h.content === hash.content)) hashes.push(hash);
  }
  const licenses = [...a.licenses];
  for (const license of b.licenses) {
    if (!licenses.some((l) => JSON.stringify(l) === JSON.stringify(license))) licenses.push(license);
  }
  return {
    ...a,
    scope: a.scope === 'required' || b.scope === 'required' ? 'required' : a.scope,
    development: a.development && b.development,
    direct: a.direct || b.direct,
    hashes,
    licenses,
    properties: { ...b.properties, ...a.properties },
  };
}
