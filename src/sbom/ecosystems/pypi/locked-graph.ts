/**
 * From the packages of a Python lockfile (Poetry, uv, Pipenv) to the graph.
 * Extras are followed as pip follows them: a package's optional dependencies
 * count only once someone asks for that extra (`coverage[toml]`), so edges
 * exist only for extras actually requested in the lockfile's closure.
 */
import { satisfies } from '@renovatebot/pep440';
import { classifyByReachability, type EdgeKind, type TypedEdge } from '../../common/classify.js';
import { addEdge, emptyGraph, projectRoot, type ComponentNode, type DependencyGraph, type HashFact, type LicenseFact } from '../../model/graph.js';
import { normalizePypiName, pypiPurl } from './names.js';

export interface LockedDependency {
  name: string;
  /** Picks one of several locked versions of the name (uv writes it when the name is ambiguous). */
  version?: string;
  /** uv's source of the target, serialised, when the name is ambiguous. */
  source?: string;
  /** A version constraint (Poetry), used only to choose among several locked versions. */
  constraint?: string;
  extras: string[];
}

export interface LockedPackage {
  /** Unique within the lockfile. */
  key: string;
  name: string;
  /** '' when the lockfile states none (a dynamic version of a workspace member). */
  version: string;
  /** uv: the package's source, serialised, to match a dependency that names it. */
  sourceId?: string;
  purlQualifiers?: Record<string, string>;
  hashes: HashFact[];
  licenses?: LicenseFact[];
  properties: Record<string, string>;
  dependencies: LockedDependency[];
  /** Extra name -> the dependencies it adds. */
  extras: Map<string, LockedDependency[]>;
  /** What the lockfile says about development use, where it says it (Poetry's category or groups, Pipenv's sections). */
  statedDevelopment?: boolean;
}

export interface RootRequirement extends LockedDependency {
  kind: EdgeKind;
  /** A requirement limited to some platforms or Python versions may rightly be absent from the lockfile. */
  mayBeAbsent?: boolean;
}

export interface LockedRoot {
  name: string;
  version: string;
  licenses: LicenseFact[];
  /** The manifest the root was read from, or the lockfile. */
  sourceFile: string;
  /** When the root is itself one of the locked packages (a uv workspace member). */
  packageKey?: string;
  requirements: RootRequirement[];
}

export interface LockedProject {
  ecosystem: string;
  lockfile: string;
  sources: string[];
  packages: LockedPackage[];
  roots: LockedRoot[];
  warnings: string[];
  /** The lockfile records no edges between packages (Pipfile.lock), so unreached packages are expected. */
  recordsNoEdges?: boolean;
}

/** The qualifier that tells apart roots of several requirements files; not part of the project's purl. */
const MANIFEST_QUALIFIER = /\?manifest=[^?]*$/;

export const DEVELOPMENT_PROPERTY = 'chainward:pypi:development';

export function buildLockedGraph(project: LockedProject): DependencyGraph {
  const warnings = [...project.warnings];
  const byName = new Map<string, LockedPackage[]>();
  for (const pkg of project.packages) {
    const key = normalizePypiName(pkg.name);
    byName.set(key, [...(byName.get(key) ?? []), pkg]);
  }
  const refOf = new Map(project.packages.map((pkg) => [pkg.key, pypiPurl(pkg.name, pkg.version, pkg.purlQualifiers)]));
  const resolve = (dependency: LockedDependency): LockedPackage[] => resolveDependency(byName, dependency);

  const rootPackages = new Set(project.roots.flatMap((root) => (root.packageKey ? [root.packageKey] : [])));
  const rootRefs: string[] = [];
  const components = new Map<string, ComponentNode>();
  for (const root of project.roots) {
    let ref = root.packageKey ? (refOf.get(root.packageKey) as string) : pypiPurl(root.name, root.version);
    if (!root.packageKey && (components.has(ref) || [...refOf.values()].includes(ref))) ref = pypiPurl(root.name, root.version, { manifest: root.sourceFile });
    rootRefs.push(ref);
    const purl = ref.replace(MANIFEST_QUALIFIER, '');
    components.set(ref, projectRoot({ ecosystem: project.ecosystem, purl, ref, name: root.name, version: root.version, sourceFile: root.sourceFile, licenses: root.licenses }));
  }

  // Walk from the roots, activating extras as they are requested.
  const typedEdges: TypedEdge[] = [];
  const activated = new Map<string, Set<string>>();
  const reached = new Set<string>(rootPackages);
  const queue: Array<{ pkg: LockedPackage; extras: string[]; base: boolean }> = [];
  const request = (from: string, dependency: LockedDependency, kind: EdgeKind): void => {
    const targets = resolve(dependency);
    for (const target of targets) {
      typedEdges.push({ from, to: refOf.get(target.key) as string, kind });
      const active = activated.get(target.key) ?? new Set<string>();
      activated.set(target.key, active);
      const fresh = dependency.extras.map((e) => normalizePypiName(e)).filter((e) => !active.has(e));
      fresh.forEach((e) => active.add(e));
      const first = !reached.has(target.key);
      reached.add(target.key);
      if (first || fresh.length > 0) queue.push({ pkg: target, extras: fresh, base: first });
    }
  };
  const missing = new Set<string>();
  project.roots.forEach((root, index) => {
    for (const requirement of root.requirements) {
      if (resolve(requirement).length === 0) {
        if (!requirement.mayBeAbsent) missing.add(requirement.name);
      }
      else request(rootRefs[index], requirement, requirement.kind);
    }
  });
  let head = 0;
  const drain = (): void => {
    while (head < queue.length) {
      const { pkg, extras, base } = queue[head++];
      const from = refOf.get(pkg.key) as string;
      if (base) for (const dependency of pkg.dependencies) request(from, dependency, 'prod');
      for (const extra of extras) for (const dependency of extrasOf(pkg, extra)) request(from, dependency, 'prod');
    }
  };
  drain();
  for (const name of missing) warnings.push(`${name} is declared but not in the lockfile; the lockfile may be out of date`);

  // Packages nothing reaches still get their own edges, so the lockfile's relations are all kept.
  const unreached = project.packages.filter((pkg) => !reached.has(pkg.key));
  for (const pkg of unreached) {
    reached.add(pkg.key);
    queue.push({ pkg, extras: [], base: true });
  }
  drain();
  if (unreached.length > 0 && project.roots.length > 0 && !project.recordsNoEdges) {
    const names = unreached.map((pkg) => `${pkg.name}@${pkg.version}`).sort();
    warnings.push(`${names.length} locked package(s) not reachable from the project's declared dependencies: ${names.slice(0, 10).join(', ')}${names.length > 10 ? ', ...' : ''}`);
  }

  const libraries = project.packages.filter((pkg) => !rootPackages.has(pkg.key));
  const classification = classifyByReachability(rootRefs, typedEdges, libraries.map((pkg) => refOf.get(pkg.key) as string));
  for (const pkg of [...libraries].sort((a, b) => compare(refOf.get(a.key) as string, refOf.get(b.key) as string))) {
    const ref = refOf.get(pkg.key) as string;
    const computed = classification.get(ref) ?? { scope: 'required' as const, development: false, direct: false };
    const development = pkg.statedDevelopment ?? computed.development;
    const scope = development ? 'optional' : computed.development ? 'required' : computed.scope;
    const library = node(project, { ref, name: pkg.name, version: pkg.version, type: 'library', sourceFile: project.lockfile, licenses: pkg.licenses ?? [] });
    Object.assign(library, { scope, development, direct: computed.direct, hashes: pkg.hashes, properties: { ...pkg.properties } });
    if (development) library.properties[DEVELOPMENT_PROPERTY] = 'true';
    components.set(ref, library);
  }
  for (const key of rootPackages) {
    const pkg = project.packages.find((p) => p.key === key);
    const root = components.get(refOf.get(key) as string);
    if (pkg && root) Object.assign(root, { hashes: pkg.hashes, properties: { ...pkg.properties } });
  }

  const graph = emptyGraph();
  graph.roots = [...new Set(rootRefs)].sort();
  graph.components = components;
  for (const edge of typedEdges) addEdge(graph, edge.from, edge.to);
  graph.sources = [...new Set(project.sources)];
  graph.warnings = warnings.map((message) => ({ file: project.lockfile, message }));
  return graph;
}

function extrasOf(pkg: LockedPackage, extra: string): LockedDependency[] {
  for (const [name, list] of pkg.extras) if (normalizePypiName(name) === extra) return list;
  return [];
}

/** The locked packages a dependency names: by name, then by version, source or constraint when several share it. */
function resolveDependency(byName: Map<string, LockedPackage[]>, dependency: LockedDependency): LockedPackage[] {
  let candidates = byName.get(normalizePypiName(dependency.name)) ?? [];
  if (candidates.length <= 1) return candidates;
  if (dependency.version !== undefined) candidates = candidates.filter((pkg) => pkg.version === dependency.version);
  if (dependency.source !== undefined && candidates.length > 1) {
    const bySource = candidates.filter((pkg) => pkg.sourceId === dependency.source);
    if (bySource.length > 0) candidates = bySource;
  }
  if (dependency.constraint !== undefined && candidates.length > 1) {
    const constraint = dependency.constraint;
    const fitting = candidates.filter((pkg) => {
      try {
        return satisfies(pkg.version, constraint);
      } catch {
        return false;
      }
    });
    if (fitting.length > 0) candidates = fitting;
  }
  return candidates;
}

function node(
  project: LockedProject,
  fields: Pick<ComponentNode, 'ref' | 'name' | 'version' | 'type' | 'sourceFile' | 'licenses'>,
): ComponentNode {
  return {
    ...fields,
    ecosystem: project.ecosystem,
    purl: fields.type === 'application' ? fields.ref.replace(MANIFEST_QUALIFIER, '') : fields.ref,
    scope: 'required',
    development: false,
    direct: false,
    hashes: [],
    properties: {},
  };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
