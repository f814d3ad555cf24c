import { PackageURL } from 'packageurl-js';
import { addEdge, emptyGraph, projectRoot, type ComponentNode, type DependencyGraph, type GraphWarning, type HashFact } from '../../model/graph.js';
import { classifyConfigurations } from './configurations.js';
import type { LockedModule } from './parse-gradle-lockfile.js';
import type { CatalogLibrary, CatalogPlugin, DeclaredVersion } from './parse-version-catalog.js';
import type { GradleProjectIdentity } from './project-identity.js';

export const ECOSYSTEM = 'gradle';

export interface GradleGraphInput {
  project: GradleProjectIdentity;
  /** The file the project root is read from (the lockfile, or the catalog). */
  sourceFile: string;
  sources: string[];
  warnings: GraphWarning[];
  /** Checksums from verification metadata, by `group:name:version`. */
  hashes: ReadonlyMap<string, HashFact[]>;
}

/**
 * A project's lockfiles as a graph: every locked module is a component the
 * project depends on (edge from the root), with the configurations that
 * resolve it. Gradle records no edges between modules, so there are none;
 * `direct` is true for the modules a version catalog of the build declares.
 */
export function buildLockedGraph(input: GradleGraphInput, modules: readonly LockedModule[], catalog: readonly CatalogLibrary[]): DependencyGraph {
  const { graph, root } = startGraph(input);
  const declared = new Map<string, string[]>();
  for (const library of catalog) declared.set(`${library.group}:${library.name}`, [...(declared.get(`${library.group}:${library.name}`) ?? []), library.alias]);
  for (const module of modules) {
    const purl = mavenPurl(module.group, module.name, module.version);
    if (!purl) {
      graph.warnings.push({ file: input.sourceFile, message: `line ${module.line}: ${module.group}:${module.name}:${module.version} cannot be written as a package URL; left out` });
      continue;
    }
    const aliases = declared.get(`${module.group}:${module.name}`);
    const properties: Record<string, string> = { 'chainward:gradle:configurations': [...module.configurations].sort().join(',') };
    if (aliases) properties['chainward:gradle:catalog-alias'] = aliases.sort().join(',');
    graph.components.set(purl, {
      ...library(purl, module.group, module.name, module.version, input),
      ...classifyConfigurations(module.configurations),
      direct: aliases !== undefined,
      properties,
    });
    addEdge(graph, root, purl);
  }
  return graph;
}

/**
 * A version catalog alone, with no lockfile in its build: what it declares,
 * as declared-only components (versions as written, none invented), and its
 * plugins as their plugin-marker artifacts (`<id>:<id>.gradle.plugin`), which
 * are build tooling.
 */
export function buildCatalogGraph(input: GradleGraphInput, libraries: readonly CatalogLibrary[], plugins: readonly CatalogPlugin[]): DependencyGraph {
  const { graph, root } = startGraph(input);
  const add = (group: string, name: string, declaration: DeclaredVersion, extra: Record<string, string>, tooling: boolean): void => {
    const purl = mavenPurl(group, name, declaration.version);
    if (!purl) {
      graph.warnings.push({ file: input.sourceFile, message: `${group}:${name} cannot be written as a package URL; left out` });
      return;
    }
    const existing = graph.components.get(purl);
    const properties: Record<string, string> = { ...existing?.properties, 'chainward:declared-only': 'true' };
    for (const [key, value] of Object.entries(extra)) properties[key] = existing?.properties[key] ? joinDistinct(existing.properties[key], value) : value;
    if (declaration.constraint) properties['chainward:version-constraint'] = declaration.constraint;
    if (declaration.unpinned) properties['chainward:unpinned'] = 'true';
    graph.components.set(purl, {
      ...library(purl, group, name, declaration.version, input),
      scope: tooling ? 'optional' : 'required',
      development: tooling,
      direct: true,
      properties,
    });
    addEdge(graph, root, purl);
  };
  for (const entry of libraries) {
    add(entry.group, entry.name, entry, { 'chainward:gradle:catalog-alias': entry.alias, ...(entry.bundles.length > 0 ? { 'chainward:gradle:bundles': entry.bundles.join(',') } : {}) }, false);
  }
  for (const plugin of plugins) {
    add(plugin.id, `${plugin.id}.gradle.plugin`, plugin, { 'chainward:gradle:catalog-alias': plugin.alias, 'chainward:gradle:plugin': plugin.id }, true);
  }
  return graph;
}

function startGraph(input: GradleGraphInput): { graph: DependencyGraph; root: string } {
  const graph = emptyGraph();
  const { name, group, version } = input.project;
  const root = projectPurl(group, name, version);
  graph.components.set(root, projectRoot({ ecosystem: ECOSYSTEM, purl: root, group, name, version, sourceFile: input.sourceFile }));
  graph.roots = [root];
  graph.sources = [...new Set(input.sources)].sort();
  graph.warnings = [...input.warnings];
  return { graph, root };
}

function library(purl: string, group: string, name: string, version: string, input: GradleGraphInput): ComponentNode {
  return {
    ref: purl,
    ecosystem: ECOSYSTEM,
    purl,
    group,
    name,
    version,
    type: 'library',
    scope: 'required',
    development: false,
    direct: false,
    licenses: [],
    hashes: version ? [...(input.hashes.get(`${group}:${name}:${version}`) ?? [])] : [],
    sourceFile: input.sourceFile,
    properties: {},
  };
}

function mavenPurl(group: string, name: string, version: string): string | undefined {
  try {
    return new PackageURL('maven', group, name, version || undefined, undefined, undefined).toString();
  } catch {
    return undefined;
  }
}

/** The project's purl: Maven coordinates when `group` is known, a generic purl named after the project when not. */
function projectPurl(group: string | undefined, name: string, version: string): string {
  return (group ? mavenPurl(group, name, version) : undefined) ?? new PackageURL('generic', undefined, name, version || undefined, undefined, undefined).toString();
}

function joinDistinct(a: string, b: string): string {
  return [...new Set([...a.split(','), ...b.split(',')])].sort().join(',');
}
