import { assembleGraph } from '../../common/assemble-graph.js';
import type { TypedEdge } from '../../common/classify.js';
import type { ComponentNode, DependencyGraph } from '../../model/graph.js';
import { declaredReferences, nugetLibrary, projectRoot, type NuGetProject } from './nuget-project.js';

/** A plain NuGet version: one to four numbers, an optional pre-release label and build metadata. */
const VERSION = /^\d+(?:\.\d+){0,3}(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

/** The version a constraint pins: a plain version (`13.0.1`) or an exact range (`[13.0.1]`); none for floating or open ranges. */
export function pinnedVersion(constraint: string): string | undefined {
  const exact = /^\[\s*([^,\s\]]+)\s*\]$/.exec(constraint)?.[1];
  const candidate = exact ?? constraint;
  return VERSION.test(candidate) ? candidate : undefined;
}

/**
 * Graph of a project file read without a lockfile: its PackageReference items
 * as declared components, and nothing below them (resolving transitive
 * packages needs the feed). A plain version is the version NuGet restores (it
 * picks the lowest version a range allows, and a plain version is the range
 * "this or higher"); a floating or open range gives no version at all.
 */
export function buildDeclaredGraph(project: NuGetProject): DependencyGraph {
  const warnings: string[] = [];
  const references = declaredReferences(project, warnings);
  const libraries = new Map<string, ComponentNode>();
  const edges: TypedEdge[] = [];
  const rootInput: Array<[ComponentNode, boolean]> = [];
  for (const reference of references) {
    const properties: Record<string, string> = { 'chainward:declared-only': 'true' };
    const version = (reference.constraint === undefined ? undefined : pinnedVersion(reference.constraint)) ?? '';
    if (reference.constraint !== undefined) properties['chainward:version-constraint'] = reference.constraint;
    if (version === '' && reference.constraint !== undefined) properties['chainward:unpinned'] = 'true';
    if (reference.constraint === undefined) warnings.push(`${reference.declaredIn}: ${reference.id} has no version (not in Directory.Packages.props, or set by the SDK)`);
    if (reference.condition) properties['chainward:nuget:condition'] = reference.condition;
    const node = nugetLibrary(reference.id, version, reference.declaredIn, properties);
    if (libraries.has(node.ref)) continue;
    libraries.set(node.ref, node);
    rootInput.push([node, reference.development]);
  }
  const root = projectRoot(project, new Set(libraries.keys()));
  for (const [node, development] of rootInput) edges.push({ from: root.ref, to: node.ref, kind: development ? 'dev' : 'prod' });
  return assembleGraph({
    file: project.primaryFile,
    roots: [root],
    libraries: libraries.values(),
    edges,
    sources: [project.primaryFile, ...[project.buildProps, project.packagesProps].flatMap((f) => (f ? [f.path] : []))],
    warnings,
  });
}
