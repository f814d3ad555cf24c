import { PackageURL } from 'packageurl-js';
import { addEdge, emptyGraph, projectRoot, type ComponentNode, type DependencyGraph, type HashFact, type LicenseFact } from '../model/graph.js';
import { classifyByReachability, type EdgeKind, type TypedEdge } from './classify.js';
import { npmPurl, splitNpmName } from './npm-package.js';

export interface LibraryFacts {
  hashes?: HashFact[];
  properties?: Record<string, string>;
}

export interface RootInput {
  name: string;
  /** '' when no manifest or lockfile states one. */
  version: string;
  /** Directory of the workspace relative to the scan root ('' for the top), to tell apart roots with the same purl. */
  directory: string;
  /** The manifest the root was read from, or the lockfile when there is none. */
  sourceFile: string;
  /** Licences its package.json declares. */
  licenses?: LicenseFact[];
}

/** CycloneDX property npm tooling uses for development-only packages. */
export const DEVELOPMENT_PROPERTY = 'cdx:npm:package:development';

/**
 * Collects the packages of an npm-registry lockfile (Yarn, pnpm) and turns
 * them into a graph: one component per name+version, typed edges, and the
 * dev/optional/direct flags derived from reachability. Add every library
 * before the roots, so a root can be given a distinct ref when a library
 * already holds its purl.
 */
export class PackageGraphBuilder {
  private readonly libraries = new Map<string, ComponentNode>();
  private readonly roots = new Map<string, ComponentNode>();
  private readonly typedEdges: TypedEdge[] = [];
  private readonly warnings: string[] = [];

  constructor(
    private readonly ecosystem: string,
    private readonly lockfile: string,
  ) {}

  /** The ref of `name@version`, creating the component on first sight and merging facts after. */
  addLibrary(name: string, version: string, facts: LibraryFacts = {}): string | undefined {
    const purl = safePurl(name, version);
    if (!purl) {
      this.warn(`${name}@${version}: not a valid npm package name; entry skipped`);
      return undefined;
    }
    const existing = this.libraries.get(purl);
    if (existing) {
      for (const hash of facts.hashes ?? []) {
        if (!existing.hashes.some((h) => h.alg === hash.alg && h.content === hash.content)) existing.hashes.push(hash);
      }
      existing.properties = { ...facts.properties, ...existing.properties };
      return purl;
    }
    this.libraries.set(purl, {
      ...this.identity(name, version, purl),
      ref: purl,
      type: 'library',
      hashes: [...(facts.hashes ?? [])],
      sourceFile: this.lockfile,
      properties: { ...facts.properties },
    });
    return purl;
  }

  /** A project or workspace root; its ref is its purl unless another component already holds that. */
  addRoot(input: RootInput): string {
    const purl = safePurl(input.name, input.version) ?? safePurl('unnamed', input.version) ?? 'pkg:npm/unnamed';
    const { group, name } = splitNpmName(input.name);
    let ref = purl;
    if (this.libraries.has(ref) || this.roots.has(ref)) {
      ref = new PackageURL('npm', group, name, input.version || undefined, { workspace: input.directory || '.' }, undefined).toString();
    }
    this.roots.set(ref, projectRoot({ ecosystem: this.ecosystem, purl, ref, group, name, version: input.version, sourceFile: input.sourceFile, licenses: [...(input.licenses ?? [])] }));
    return ref;
  }

  addEdge(from: string, to: string, kind: EdgeKind): void {
    if (from !== to) this.typedEdges.push({ from, to, kind });
  }

  /** Sets a property of a library unless it is already set (the first statement wins). */
  setLibraryPropertyOnce(ref: string, name: string, value: string): void {
    const node = this.libraries.get(ref);
    if (node && node.properties[name] === undefined) node.properties[name] = value;
  }

  warn(message: string): void {
    this.warnings.push(message);
  }

  build(sources: readonly string[]): DependencyGraph {
    const graph = emptyGraph();
    const rootRefs = [...this.roots.keys()].sort();
    const classification = classifyByReachability(rootRefs, this.typedEdges, this.libraries.keys());
    for (const ref of rootRefs) graph.components.set(ref, this.roots.get(ref) as ComponentNode);
    for (const [ref, node] of [...this.libraries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const flags = classification.get(ref);
      if (flags) Object.assign(node, flags);
      if (node.development) node.properties[DEVELOPMENT_PROPERTY] = 'true';
      graph.components.set(ref, node);
    }
    for (const edge of this.typedEdges) addEdge(graph, edge.from, edge.to);
    graph.roots = rootRefs;
    graph.sources = [...new Set(sources)];
    graph.warnings = this.warnings.map((message) => ({ file: this.lockfile, message }));
    return graph;
  }

  private identity(fullName: string, version: string, purl: string): Omit<ComponentNode, 'ref' | 'type' | 'hashes' | 'sourceFile' | 'properties'> {
    const { group } = splitNpmName(fullName);
    return {
      ecosystem: this.ecosystem,
      purl,
      ...(group ? { group } : {}),
      name: splitNpmName(fullName).name,
      version,
      scope: 'required',
      development: false,
      direct: false,
      licenses: [],
    };
  }
}

/** The npm purl, or undefined for a name the purl specification cannot hold. */
function safePurl(fullName: string, version: string): string | undefined {
  if (splitNpmName(fullName).name === '') return undefined;
  try {
    return npmPurl(fullName, version);
  } catch {
    return undefined;
  }
}
