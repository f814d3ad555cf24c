import { PackageURL } from 'packageurl-js';
import { conjuncts } from '../licenses/to-spdx-expression.js';
import type { ComponentNode, DependencyGraph, LicenseFact } from '../model/graph.js';

export interface PackageRef {
  /** Package identity without version: purl type, namespace and name, normalised as the ecosystem compares names. */
  key: string;
  /** Display name: `@scope/name`, `group:artifact`, `name`. */
  name: string;
  /** purl type. */
  type: string;
  version: string;
  purl: string;
}

export interface SbomDiff {
  added: PackageRef[];
  removed: PackageRef[];
  changedVersion: Array<{ key: string; name: string; type: string; from: string; to: string }>;
  /** Same package (and, when the version changed too, the paired versions) with a different licence statement. */
  changedLicense: Array<{ key: string; name: string; type: string; version: string; from: string; to: string }>;
}

/**
 * Compares the packages of two SBOMs, whatever their formats, by purl
 * without version. A package whose versions differ is a version change
 * (several versions of one package are paired in version order, as
 * `scans diff` does); its licence is compared between the paired versions.
 * Roots (the described projects) are not packages and are not compared.
 */
export function diffSboms(before: DependencyGraph, after: DependencyGraph): SbomDiff {
  const old = byPackage(before);
  const current = byPackage(after);
  const diff: SbomDiff = { added: [], removed: [], changedVersion: [], changedLicense: [] };
  for (const key of [...new Set([...old.keys(), ...current.keys()])].sort()) {
    const oldVersions = old.get(key) ?? [];
    const newVersions = current.get(key) ?? [];
    const pairs: Array<[Entry, Entry]> = [];
    for (const o of oldVersions) {
      const same = newVersions.find((n) => n.ref.version === o.ref.version);
      if (same) pairs.push([o, same]);
    }
    const gone = oldVersions.filter((o) => !newVersions.some((n) => n.ref.version === o.ref.version)).sort(byVersion);
    const arrived = newVersions.filter((n) => !oldVersions.some((o) => o.ref.version === n.ref.version)).sort(byVersion);
    const paired = Math.min(gone.length, arrived.length);
    for (let i = 0; i < paired; i++) {
      const { name, type } = gone[i].ref;
      diff.changedVersion.push({ key, name, type, from: gone[i].ref.version, to: arrived[i].ref.version });
      pairs.push([gone[i], arrived[i]]);
    }
    diff.removed.push(...gone.slice(paired).map((entry) => entry.ref));
    diff.added.push(...arrived.slice(paired).map((entry) => entry.ref));
    for (const [o, n] of pairs) {
      if (o.license !== n.license) diff.changedLicense.push({ key, name: n.ref.name, type: n.ref.type, version: n.ref.version, from: o.license, to: n.license });
    }
  }
  return diff;
}

export function isEmptyDiff(diff: SbomDiff): boolean {
  return diff.added.length + diff.removed.length + diff.changedVersion.length + diff.changedLicense.length === 0;
}

interface Entry {
  ref: PackageRef;
  license: string;
}

function byPackage(graph: DependencyGraph): Map<string, Entry[]> {
  const roots = new Set(graph.roots);
  const result = new Map<string, Entry[]>();
  for (const node of graph.components.values()) {
    if (roots.has(node.ref) || node.type === 'application') continue;
    const ref = packageRef(node);
    const entries = result.get(ref.key) ?? [];
    // The same package at the same version listed twice (two lockfiles) is one package.
    if (!entries.some((entry) => entry.ref.version === ref.version)) entries.push({ ref, license: licenseSummary(node.licenses) });
    result.set(ref.key, entries);
  }
  return result;
}

function packageRef(node: ComponentNode): PackageRef {
  let type = node.ecosystem;
  let namespace = node.group ?? '';
  let name = node.name;
  try {
    const purl = PackageURL.fromString(node.purl);
    type = purl.type;
    namespace = purl.namespace ?? '';
    name = purl.name;
  } catch {
    // Not a purl (cannot happen for graphs we built); the node's own fields stand.
  }
  const display = namespace ? `${namespace}${type === 'maven' ? ':' : '/'}${name}` : name;
  return { key: `${type}:${normaliseName(type, namespace ? `${namespace}/${name}` : name)}`, name: display, type, version: node.version, purl: node.purl };
}

/** Names as each registry compares them: PyPI per PEP 503, NuGet and Composer case-insensitively. */
function normaliseName(type: string, name: string): string {
  switch (type) {
    case 'pypi':
      return name.toLowerCase().replace(/[-_.]+/g, '-');
    case 'nuget':
    case 'composer':
      return name.toLowerCase();
    default:
      return name;
  }
}

/**
 * One comparable text per set of licence statements: every statement must hold, so the set is the AND of
 * their parts, sorted and spelled one way (`MIT AND Apache-2.0` equals `Apache-2.0` plus `MIT`); `unknown` when empty.
 */
function licenseSummary(facts: readonly LicenseFact[]): string {
  const texts = [...new Set(facts.flatMap((fact) => (fact.kind === 'expression' ? conjuncts(fact.expression) : [fact.name])))].sort();
  return texts.length === 0 ? 'unknown' : texts.join(' AND ');
}

function byVersion(a: Entry, b: Entry): number {
  return a.ref.version.localeCompare(b.ref.version, 'en', { numeric: true });
}
