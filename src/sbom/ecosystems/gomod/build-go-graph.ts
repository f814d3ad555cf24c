import { PackageURL } from 'packageurl-js';
import semver from 'semver';
import { addEdge, emptyGraph, libraryNode, projectRoot, type ComponentNode, type DependencyGraph } from '../../model/graph.js';
import type { TextFile } from '../types.js';
import type { GoSum } from './parse-go-sum.js';
import type { GoModFile, GoReplacement, GoRequirement } from './parse-go-mod.js';

export const GO_PROPERTIES = {
  goVersion: 'chainward:go:version',
  toolchain: 'chainward:go:toolchain',
  /** go.sum's `h1:` hash of the module's file tree: a dirhash, not a hash of any one file, so not a CycloneDX hash. */
  sum: 'chainward:go:sum',
  /** go.sum's `h1:` hash of the module's go.mod. */
  goModSum: 'chainward:go:sum-go-mod',
  /** `path@version` of the requirement a `replace` directive swapped for this module. */
  replaces: 'chainward:go:replaces',
  /** The directory a `replace` directive points to; the module has no version then. */
  replacePath: 'chainward:go:replace-path',
} as const;

/**
 * Go ≥ 1.17 writes every module of the (pruned) build list into go.mod, so the
 * requirements are the complete set of modules. Neither go.mod nor go.sum records
 * which module requires which, so the only edges are from the main module to each
 * requirement; `direct` (no `// indirect`) says which ones its packages import.
 */
export function buildGoGraph(goMod: TextFile, parsed: GoModFile, goSum: TextFile | undefined, sums: GoSum | undefined): DependencyGraph {
  const graph = emptyGraph();
  graph.sources.push(goMod.path, ...(goSum ? [goSum.path] : []));
  const warn = (message: string): void => {
    graph.warnings.push({ file: goMod.path, message });
  };
  parsed.warnings.forEach(warn);

  const root = projectRoot({ ecosystem: 'gomod', purl: goPurl(parsed.module, ''), name: parsed.module, version: '', sourceFile: goMod.path });
  if (parsed.go) root.properties[GO_PROPERTIES.goVersion] = parsed.go;
  if (parsed.toolchain) root.properties[GO_PROPERTIES.toolchain] = parsed.toolchain;
  graph.components.set(root.ref, root);
  graph.roots.push(root.ref);

  if (!prunedGraph(parsed.go)) {
    warn(`go ${parsed.go ?? '(no go directive: 1.16 is assumed)'} predates module graph pruning (1.17): go.mod lists only part of the build list, so modules it omits are missing`);
  }
  if (!sums && parsed.requires.length > 0) warn('no go.sum beside go.mod: module checksums are not recorded');

  const excluded = new Set(parsed.excludes.map((e) => `${e.path}@${e.version}`));
  for (const requirement of selectRequirements(parsed.requires, warn)) {
    if (excluded.has(`${requirement.path}@${requirement.version}`)) {
      warn(`line ${requirement.at.line}: ${requirement.path} ${requirement.version} is excluded by an exclude directive and left out (the go command would pick a later version, which go.mod does not name)`);
      continue;
    }
    const node = requirementNode(requirement, findReplacement(parsed.replaces, requirement), goMod.path);
    if (!node.properties[GO_PROPERTIES.replacePath]) recordSums(node, sums, warn);
    const existing = graph.components.get(node.ref);
    if (existing) existing.direct ||= node.direct;
    else graph.components.set(node.ref, node);
    addEdge(graph, root.ref, node.ref);
  }
  return graph;
}

/** go ≥ 1.17 (the go directive; absent means 1.16). */
function prunedGraph(go: string | undefined): boolean {
  const match = go ? /^(\d+)\.(\d+)/.exec(go) : null;
  if (!match) return false;
  const [major, minor] = [Number(match[1]), Number(match[2])];
  return major > 1 || minor >= 17;
}

/** One requirement per module path: the highest version when go.mod names several, as minimal version selection does. */
function selectRequirements(requires: readonly GoRequirement[], warn: (message: string) => void): GoRequirement[] {
  const byPath = new Map<string, GoRequirement>();
  for (const requirement of requires) {
    const previous = byPath.get(requirement.path);
    if (!previous) {
      byPath.set(requirement.path, requirement);
      continue;
    }
    if (previous.version === requirement.version) {
      byPath.set(requirement.path, { ...previous, indirect: previous.indirect && requirement.indirect });
      continue;
    }
    const higher = semver.compare(requirement.version, previous.version) > 0 ? requirement : previous;
    warn(`line ${requirement.at.line}: ${requirement.path} is required at ${previous.version} and ${requirement.version}; ${higher.version} is used`);
    byPath.set(requirement.path, { ...higher, indirect: previous.indirect && requirement.indirect });
  }
  return [...byPath.values()];
}

/** A replacement of this exact version wins over one of every version. */
function findReplacement(replaces: readonly GoReplacement[], requirement: GoRequirement): GoReplacement | undefined {
  const forPath = replaces.filter((r) => r.old.path === requirement.path);
  return forPath.findLast((r) => r.old.version === requirement.version) ?? forPath.findLast((r) => r.old.version === undefined);
}

function requirementNode(requirement: GoRequirement, replacement: GoReplacement | undefined, sourceFile: string): ComponentNode {
  if (!replacement) return { ...goNode(requirement.path, requirement.version, sourceFile), direct: !requirement.indirect };
  const replaced = `${requirement.path}@${requirement.version}`;
  if (replacement.directory) {
    // The code comes from a directory: it has the required module's path but no version of its own.
    const node = goNode(requirement.path, '', sourceFile);
    node.properties[GO_PROPERTIES.replacePath] = replacement.new.path;
    node.properties[GO_PROPERTIES.replaces] = replaced;
    return { ...node, direct: !requirement.indirect };
  }
  const node = goNode(replacement.new.path, replacement.new.version ?? '', sourceFile);
  node.properties[GO_PROPERTIES.replaces] = replaced;
  return { ...node, direct: !requirement.indirect };
}

function recordSums(node: ComponentNode, sums: GoSum | undefined, warn: (message: string) => void): void {
  if (!sums) return;
  const entry = sums.entry(node.name, node.version);
  if (!entry) {
    warn(`${node.name} ${node.version} has no go.sum line: the go command would stop with "missing go.sum entry"`);
    return;
  }
  if (entry.zip) node.properties[GO_PROPERTIES.sum] = entry.zip;
  if (entry.goMod) node.properties[GO_PROPERTIES.goModSum] = entry.goMod;
}

/** A required module (libraries only; the main module is a project root). */
function goNode(path: string, version: string, sourceFile: string): ComponentNode {
  return libraryNode({ ecosystem: 'gomod', purl: goPurl(path, version), name: path, version, sourceFile });
}

const SAFE_PATH = /^[A-Za-z0-9\-_.~]+(?:\/[A-Za-z0-9\-_.~]+)*$/;
const DOT_SEGMENT = /(?:^|\/)\.\.?(?:\/|$)/;
const SAFE_VERSION = /^[A-Za-z0-9\-_.~+]+$/;

/**
 * `pkg:golang/<path minus last segment>/<last segment>@<version>`, the version with its `v`.
 * Module paths keep their case: Go treats `github.com/BurntSushi/toml` and a lower-cased
 * spelling as different modules, and OSV names modules as written.
 */
export function goPurl(path: string, version: string): string {
  // Paths and versions of URL-safe characters need no encoding: the purl is the text itself, as
  // packageurl-js writes it (a test holds the two equal). Building it directly keeps it off the profile.
  if (SAFE_PATH.test(path) && !DOT_SEGMENT.test(path) && (version === '' || SAFE_VERSION.test(version))) return `pkg:golang/${path}${version ? `@${version}` : ''}`;
  const slash = path.lastIndexOf('/');
  const namespace = slash > 0 ? path.slice(0, slash) : undefined;
  const name = slash > 0 ? path.slice(slash + 1) : path;
  return new PackageURL('golang', namespace, name, version || undefined, undefined, undefined).toString();
}
