import semver from 'semver';
import { classifyByReachability, type EdgeKind, type TypedEdge } from '../../common/classify.js';
import { licenseFact } from '../../licenses/normalize.js';
import { addEdge, emptyGraph, type ComponentNode, type DependencyGraph } from '../../model/graph.js';
import type { TextFile } from '../types.js';
import type { CargoManifest, DeclaredDependency, DependencyKind } from './cargo-manifest.js';
import type { CargoLock, CargoLockPackage } from './parse-cargo-lock.js';
import { CARGO_PROPERTIES, cargoPurl, parseCargoSource, sourceProperties, type CargoSource } from './cargo-source.js';

export interface CargoProject {
  lockfile: TextFile;
  lock: CargoLock;
  /** The Cargo.toml beside the lockfile, when present. */
  rootManifest?: CargoManifest;
  /** Workspace members' manifests that were found (the root manifest excluded). */
  members: CargoManifest[];
  /** Files read, for `graph.sources`. */
  sources: string[];
  warnings: Array<{ file: string; message: string }>;
}

interface Locked {
  pkg: CargoLockPackage;
  source: CargoSource;
  purl: string;
  ref: string;
  /** The manifest that makes it a project root. */
  manifest?: CargoManifest;
  root: boolean;
}

/**
 * Cargo.lock gives every package in use and, for each, the exact packages it depends on;
 * the manifests say which local crates are project roots and how a root declares each
 * dependency (normal, dev, build, optional, target-specific).
 */
export function buildCargoGraph(project: CargoProject): DependencyGraph {
  const graph = emptyGraph();
  graph.sources.push(...project.sources);
  graph.warnings.push(...project.warnings);
  const lockPath = project.lockfile.path;
  const warn = (message: string): void => {
    graph.warnings.push({ file: lockPath, message });
  };

  const locked = indexPackages(project.lock.packages);
  markRoots(project, locked, warn);
  const byName = new Map<string, Locked[]>();
  for (const entry of locked) byName.set(entry.pkg.name, [...(byName.get(entry.pkg.name) ?? []), entry]);

  const typedEdges: TypedEdge[] = [];
  const declaredAs = new Map<string, DeclaredDependency[]>();
  for (const from of locked) {
    const targets = from.pkg.dependencies
      .map((entry) => resolveEntry(entry, byName, (problem) => warn(`${describe(from.pkg)}: dependency "${entry}" ${problem}`)))
      .filter((target): target is Locked => target !== undefined);
    const declarations = from.manifest?.dependencies;
    for (const to of targets) {
      if (!declarations) {
        typedEdges.push({ from: from.ref, to: to.ref, kind: 'prod' });
        continue;
      }
      const matching = declarationsFor(declarations, to.pkg, targets);
      if (matching.length === 0) warn(`${describe(from.pkg)}: depends on ${to.pkg.name} ${to.pkg.version}, which ${from.manifest?.file.path} does not declare`);
      typedEdges.push({ from: from.ref, to: to.ref, kind: edgeKind(matching) });
      declaredAs.set(to.ref, [...(declaredAs.get(to.ref) ?? []), ...matching]);
    }
    if (declarations) {
      for (const declaration of declarations) {
        if (!targets.some((t) => t.pkg.name === declaration.name)) {
          warn(`${describe(from.pkg)}: ${declaration.name} is declared in ${from.manifest?.file.path} but Cargo.lock does not lock it (out-of-date lockfile?)`);
        }
      }
    }
  }

  const roots = locked.filter((l) => l.root).map((l) => l.ref);
  const classification = classifyByReachability(roots, typedEdges, locked.map((l) => l.ref));
  for (const entry of locked) {
    const node = componentNode(entry, lockPath);
    const facts = classification.get(entry.ref);
    if (facts && !entry.root) Object.assign(node, facts);
    Object.assign(node.properties, declarationProperties(declaredAs.get(entry.ref) ?? []));
    graph.components.set(node.ref, node);
  }
  for (const edge of typedEdges) addEdge(graph, edge.from, edge.to);
  graph.roots.push(...[...roots].sort());
  return graph;
}

function indexPackages(packages: readonly CargoLockPackage[]): Locked[] {
  const taken = new Set<string>();
  const entries: Locked[] = [];
  // Remote packages first, so that a local crate sharing a name and version with a crates.io one takes the fallback ref.
  const ordered = [...packages.filter((p) => p.source !== undefined), ...packages.filter((p) => p.source === undefined)];
  for (const pkg of ordered) {
    const source = parseCargoSource(pkg.source);
    const purl = cargoPurl(pkg.name, pkg.version, source);
    const ref = taken.has(purl) ? `${purl}?chainward-local` : purl;
    taken.add(ref);
    entries.push({ pkg, source, purl, ref, root: false });
  }
  return entries;
}

/**
 * The package of the root manifest and of each member manifest found are roots. When no
 * manifest names a local crate (no Cargo.toml, or a virtual workspace whose members are
 * not in the scanned tree), every local crate is a root: each is first-party code.
 */
function markRoots(project: CargoProject, locked: Locked[], warn: (message: string) => void): void {
  const manifests = [...(project.rootManifest ? [project.rootManifest] : []), ...project.members];
  for (const manifest of manifests) {
    if (!manifest.package) continue;
    const { name, version } = manifest.package;
    const entry = locked.find((l) => l.pkg.source === undefined && l.pkg.name === name && l.pkg.version === version);
    if (!entry) {
      warn(`${manifest.file.path} declares ${name} ${version}, which Cargo.lock does not list as a local crate (out-of-date lockfile?)`);
      continue;
    }
    entry.root = true;
    entry.manifest = manifest;
  }
  if (!locked.some((l) => l.root)) for (const entry of locked) if (entry.pkg.source === undefined) entry.root = true;
}

/** `name`, `name version` or `name version (source)`: the one locked package it names. */
function resolveEntry(entry: string, byName: Map<string, Locked[]>, problem: (message: string) => void): Locked | undefined {
  const match = /^(\S+)(?: (\S+))?(?: \((.+)\))?$/.exec(entry.trim());
  if (!match) {
    problem('is not "name", "name version" or "name version (source)"');
    return undefined;
  }
  const [, name, version, source] = match;
  const candidates = (byName.get(name) ?? []).filter(
    (l) => (version === undefined || l.pkg.version === version) && (source === undefined || l.pkg.source === source),
  );
  if (candidates.length === 1) return candidates[0];
  problem(candidates.length === 0 ? 'names no package of the lockfile' : `names ${candidates.length} packages of the lockfile`);
  return undefined;
}

/**
 * The declarations of a root that a locked dependency satisfies: same crate name, and when the
 * root locks several versions of it (`rand` 0.7 for tests, 0.8 for the code), a requirement the version meets.
 */
function declarationsFor(declarations: readonly DeclaredDependency[], pkg: CargoLockPackage, lockedDeps: readonly Locked[]): DeclaredDependency[] {
  const sameName = declarations.filter((d) => d.name === pkg.name);
  if (lockedDeps.filter((l) => l.pkg.name === pkg.name).length < 2) return sameName;
  return sameName.filter((d) => d.requirement === undefined || satisfiesCargoRequirement(pkg.version, d.requirement));
}

/** Needed to run (normal or build, not optional) beats optional beats development-only. */
function edgeKind(declarations: readonly DeclaredDependency[]): EdgeKind {
  if (declarations.length === 0 || declarations.some((d) => d.kind !== 'dev' && !d.optional)) return 'prod';
  return declarations.some((d) => d.kind !== 'dev') ? 'optional' : 'dev';
}

/**
 * Cargo requirement syntax on top of `semver`'s: comma-separated comparators, and a bare
 * version meaning a caret requirement (`1.2` is `^1.2`).
 */
export function satisfiesCargoRequirement(version: string, requirement: string): boolean {
  const range = requirement
    .split(',')
    .map((part) => part.trim())
    .map((part) => (/^\d/.test(part) ? `^${part}` : part))
    .join(' ');
  try {
    return semver.satisfies(version, range);
  } catch {
    return false;
  }
}

/** How the roots declare a direct dependency: its kinds, and its targets when it is declared for some targets only. */
function declarationProperties(declarations: readonly DeclaredDependency[]): Record<string, string> {
  if (declarations.length === 0) return {};
  const kinds = [...new Set<DependencyKind>(declarations.map((d) => d.kind))].sort();
  const properties: Record<string, string> = { [CARGO_PROPERTIES.dependencyKind]: kinds.join(',') };
  if (declarations.every((d) => d.target !== undefined)) properties[CARGO_PROPERTIES.target] = [...new Set(declarations.map((d) => d.target))].sort().join(' | ');
  return properties;
}

function componentNode(entry: Locked, lockPath: string): ComponentNode {
  const { pkg, source } = entry;
  const properties = sourceProperties(source);
  if (source.kind === 'local' && !entry.root) properties[CARGO_PROPERTIES.local] = 'true';
  const license = entry.manifest?.package?.license;
  const fact = license ? licenseFact(license, 'manifest') : undefined;
  return {
    ref: entry.ref,
    ecosystem: 'cargo',
    purl: entry.purl,
    name: pkg.name,
    version: pkg.version,
    type: entry.root ? 'application' : 'library',
    scope: 'required',
    development: false,
    direct: false,
    licenses: fact ? [fact] : [],
    hashes: pkg.checksum ? [{ alg: 'SHA-256', content: pkg.checksum }] : [],
    sourceFile: entry.manifest?.file.path ?? lockPath,
    properties,
  };
}

function describe(pkg: CargoLockPackage): string {
  return `${pkg.name} ${pkg.version}${pkg.line ? ` (line ${pkg.line})` : ''}`;
}
