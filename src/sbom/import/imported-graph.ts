import { PackageURL } from 'packageurl-js';
import type { SbomFormat } from '../formats.js';
import { addEdge, emptyGraph, type ComponentNode, type ComponentScope, type DependencyGraph, type HashAlgorithm, type HashFact, type LicenseFact } from '../model/graph.js';

/** An SBOM made by another tool, read into our graph. */
export interface ImportedSbom {
  graph: DependencyGraph;
  format: SbomFormat;
  specVersion: string;
  /** The described software: the root component's (or the SPDX document's) name. */
  name: string;
  /** The tools the document says made it, in its order. */
  tools: Array<{ name: string; version?: string }>;
  /** CycloneDX serial number or SPDX document namespace, when present. */
  serialNumber?: string;
}

/** purl type -> the ecosystem id our own parsers use for it. */
const ECOSYSTEM_OF_PURL_TYPE: Record<string, string> = {
  npm: 'npm',
  pypi: 'pypi',
  golang: 'gomod',
  cargo: 'cargo',
  maven: 'maven',
  gem: 'rubygems',
  composer: 'composer',
  nuget: 'nuget',
};

export interface ImportedComponent {
  /** The document's own id for the component (bom-ref, SPDXID). */
  localId: string;
  purl?: string;
  name: string;
  group?: string;
  version?: string;
  application: boolean;
  scope?: ComponentScope;
  development?: boolean;
  /** Stated by the document (ours say it); otherwise derived from the roots' edges. */
  direct?: boolean;
  /** The lockfile or manifest the document says the component came from (ours say it); otherwise the SBOM file. */
  sourceFile?: string;
  licenses: LicenseFact[];
  hashes: HashFact[];
  properties: Record<string, string>;
}

const HASH_ALGORITHMS: Record<string, HashAlgorithm> = {
  md5: 'MD5',
  sha1: 'SHA-1',
  'sha-1': 'SHA-1',
  sha256: 'SHA-256',
  'sha-256': 'SHA-256',
  sha384: 'SHA-384',
  'sha-384': 'SHA-384',
  sha512: 'SHA-512',
  'sha-512': 'SHA-512',
};

/** A hash in the algorithms our model knows (others, such as BLAKE3, are left out); hex only. */
export function hashFact(algorithm: string, content: string): HashFact | undefined {
  const alg = HASH_ALGORITHMS[algorithm.toLowerCase()];
  const hex = content.trim().toLowerCase();
  return alg && /^[0-9a-f]+$/.test(hex) ? { alg, content: hex } : undefined;
}

/**
 * Builds the graph from the components and edges a document lists, keyed by
 * canonical purl: components without a usable purl are left out (with one
 * warning saying how many), roots without one get a `pkg:generic` purl, and
 * a package listed twice becomes one node.
 */
export class ImportedGraphBuilder {
  readonly graph = emptyGraph();
  private readonly refByLocalId = new Map<string, string>();
  private readonly skipped: string[] = [];
  private readonly statedDirect = new Set<string>();

  constructor(private readonly file: string) {
    this.graph.sources.push(file);
  }

  add(component: ImportedComponent): string | undefined {
    const purl = canonicalPurl(component.purl) ?? (component.application ? genericPurl(component) : undefined);
    if (!purl) {
      this.skipped.push(component.name);
      return undefined;
    }
    const { purl: ref, parsed, constraint } = withoutVersionRange(purl);
    const existing = this.graph.components.get(ref);
    const properties = constraint === undefined ? component.properties : { ...component.properties, 'chainward:unpinned': 'true', 'chainward:version-constraint': constraint };
    const node: ComponentNode = {
      ref,
      ecosystem: ECOSYSTEM_OF_PURL_TYPE[parsed.type] ?? parsed.type,
      purl: ref,
      // Our Go parser names a module by its whole path (the purl splits it into namespace and name).
      group: parsed.type === 'golang' ? undefined : (parsed.namespace ?? component.group ?? undefined),
      name: parsed.type === 'golang' && parsed.namespace ? `${parsed.namespace}/${parsed.name}` : parsed.name,
      version: constraint === undefined ? (parsed.version ?? component.version ?? '') : '',
      type: component.application ? 'application' : 'library',
      scope: component.scope ?? 'required',
      development: component.development ?? false,
      direct: component.direct ?? false,
      licenses: component.licenses,
      hashes: component.hashes,
      sourceFile: component.sourceFile ?? this.file,
      properties,
    };
    if (existing) {
      // Listed twice (two lockfiles, two layers): one package, required if either copy is.
      existing.development &&= node.development;
      existing.direct ||= node.direct;
      if (node.scope === 'required') existing.scope = 'required';
      if (node.type === 'application') existing.type = 'application';
    } else {
      this.graph.components.set(ref, node);
    }
    if (component.direct !== undefined) this.statedDirect.add(ref);
    this.refByLocalId.set(component.localId, ref);
    return ref;
  }

  refOf(localId: string): string | undefined {
    return this.refByLocalId.get(localId);
  }

  addRoot(localId: string): void {
    const ref = this.refByLocalId.get(localId);
    if (ref && !this.graph.roots.includes(ref)) this.graph.roots.push(ref);
  }

  addEdge(fromLocalId: string, toLocalId: string): void {
    const from = this.refByLocalId.get(fromLocalId);
    const to = this.refByLocalId.get(toLocalId);
    if (from && to) addEdge(this.graph, from, to);
  }

  /** Marks what the roots depend on as direct, and reports what was left out. */
  finish(): DependencyGraph {
    this.graph.roots.sort();
    for (const root of this.graph.roots) {
      const rootNode = this.graph.components.get(root);
      if (rootNode) rootNode.type = 'application';
      for (const target of this.graph.edges.get(root) ?? []) {
        const node = this.graph.components.get(target);
        if (node && node.type === 'library' && !this.statedDirect.has(target)) node.direct = true;
      }
    }
    const files = [...new Set([...this.graph.components.values()].map((node) => node.sourceFile))].filter((file) => file !== '').sort();
    if (files.length > 0) this.graph.sources.splice(0, this.graph.sources.length, ...files);
    if (this.skipped.length > 0) {
      const examples = this.skipped.slice(0, 3).join(', ');
      this.graph.warnings.push({
        file: this.file,
        message: `${this.skipped.length} component(s) without a valid package URL were left out (${examples}${this.skipped.length > 3 ? ', …' : ''})`,
      });
    }
    return this.graph;
  }
}

function canonicalPurl(text: string | undefined): string | undefined {
  if (!text) return undefined;
  try {
    return PackageURL.fromString(text.trim()).toString();
  } catch {
    return undefined;
  }
}

/**
 * A version that is a range is no version: GitHub's dependency graph writes
 * `pkg:npm/qs@%2A` for a manifest entry it could not resolve. Such a
 * component keeps a purl without a version, an empty version and the range
 * as `chainward:version-constraint` (with `chainward:unpinned`), as our own
 * parsers do for unpinned declarations, so no advisory is matched against an
 * invented version.
 */
function withoutVersionRange(purl: string): { purl: string; parsed: PackageURL; constraint?: string } {
  const parsed = PackageURL.fromString(purl);
  const version = parsed.version ?? '';
  if (!VERSION_RANGE.test(version)) return { purl, parsed };
  const unversioned = new PackageURL(parsed.type, parsed.namespace, parsed.name, undefined, parsed.qualifiers, parsed.subpath);
  return { purl: unversioned.toString(), parsed: unversioned, constraint: version };
}

/**
 * `*`, `x`, `latest`, npm/semver ranges (`^1.2`, `~1.2`, `>=1 <2`, `1.x || 2`), Maven ranges (`[1.0,2.0)`).
 * A `~` inside a version is not a range (Debian's `1.0~rc1`), only a leading one.
 */
const VERSION_RANGE = /^(?:x|latest)$|^[~^]|[\s*<>=|,[\]()]|(?:^|\.)[xX](?:\.|$)/;

function genericPurl(component: ImportedComponent): string {
  return new PackageURL('generic', component.group || undefined, component.name || 'unnamed', component.version || undefined, undefined, undefined).toString();
}
