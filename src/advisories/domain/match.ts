/**
 * Does an OSV record affect a package at a version? The OSV evaluation algorithm
 * (https://ossf.github.io/osv-schema/#evaluation), followed literally: affected when the
 * record's `versions` list names the version, or when any range contains it (see
 * compiled-range.ts for the range loop).
 *
 * SEMVER ranges are ordered by SemVer whatever the ecosystem; ECOSYSTEM ranges by the
 * ecosystem's own ordering (`versions/`). GIT ranges hold commit hashes, which cannot be
 * ordered without the repository's commit graph, so only the record's `versions` list
 * (which OSV requires next to GIT ranges) decides for them. A withdrawn record never matches.
 */
import { compileRange, containingInterval, type CompiledRange, type MatchedRange } from './compiled-range.js';
import { splitEcosystem } from './ecosystems.js';
import { packageKey } from './names.js';
import type { OsvAffected, OsvRange, OsvRecord } from './osv-schema.js';
import { ecosystemOrdering } from './versions/registry.js';
import { semverRangeOrdering } from './versions/semver-ordering.js';
import type { VersionOrdering } from './versions/types.js';

export type { MatchedRange } from './compiled-range.js';

export interface PackageVersion {
  /** OSV ecosystem name (`npm`, `PyPI`, ...). */
  ecosystem: string;
  name: string;
  version: string;
}

export interface AffectsResult {
  affected: boolean;
  /** `versions`: the record's explicit list names the version; `range`: an interval contains it. */
  matchedBy?: 'range' | 'versions';
  range?: MatchedRange;
  /** When affected: every `fixed` version the record gives for this package, ascending (else empty). */
  fixedVersions: string[];
  /**
   * Ranges that could not be evaluated (GIT ranges, an ecosystem without an ordering, a version
   * that ecosystem refuses), with the reason. Filled only when the version was not found affected:
   * those are the answers a reader must know were not checked.
   */
  unevaluated: string[];
}

/** The record's entries for one package (an advisory may list a package several times, one per range). */
export function affectedEntriesFor(record: OsvRecord, ecosystem: string, name: string): OsvAffected[] {
  const key = packageKey(ecosystem, name);
  return record.affected.filter((entry) => packageKey(entry.package.ecosystem, entry.package.name) === key);
}

export function affects(record: OsvRecord, pkg: PackageVersion): AffectsResult {
  if (record.withdrawn !== undefined) return { affected: false, fixedVersions: [], unevaluated: [] };
  return evaluateAffected(affectedEntriesFor(record, pkg.ecosystem, pkg.name), pkg);
}

/** `affects` for entries already selected for the package. */
export function evaluateAffected(entries: readonly OsvAffected[], pkg: PackageVersion): AffectsResult {
  return evaluatePrepared(prepareEntries(entries), pkg);
}

/**
 * The smallest version the record names as fixed that is above `version` and not itself
 * affected: the upgrade that leaves this advisory behind with the least change.
 */
export function smallestFixAbove(record: OsvRecord, pkg: { ecosystem: string; name: string }, version: string): string | undefined {
  return smallestFixAboveIn(affectedEntriesFor(record, pkg.ecosystem, pkg.name), { ...pkg, version });
}

export function smallestFixAboveIn(entries: readonly OsvAffected[], pkg: PackageVersion): string | undefined {
  return smallestFixAbovePrepared(prepareEntries(entries), pkg);
}

// ---------------------------------------------------------------------------------------------
// Prepared entries: the work that does not depend on the version, done once.

type RangeSlot = CompiledRange | { ordering: VersionOrdering; unevaluated: string };

/**
 * A record's entries for one package, with the version-independent work (bounds parsed and
 * sorted, fixes listed) kept after its first use. The match index holds one per (record,
 * package), so matching many components mostly compares already-parsed versions.
 */
export interface PreparedEntries {
  readonly entries: readonly OsvAffected[];
  /** One slot per range of the entries, in order, keyed by the ordering it was compiled for. */
  readonly ranges: (RangeSlot | undefined)[];
  fixedVersions?: string[];
}

export function prepareEntries(entries: readonly OsvAffected[]): PreparedEntries {
  return { entries, ranges: [] };
}

export type Finding = { matchedBy: 'versions' } | { matchedBy: 'range'; range: MatchedRange };

export function evaluatePrepared(prepared: PreparedEntries, pkg: PackageVersion): AffectsResult {
  const unevaluated: string[] = [];
  const finding = findAffected(prepared, pkg, unevaluated);
  if (!finding) return { affected: false, fixedVersions: [], unevaluated: [...new Set(unevaluated)] };
  return affectedResult(prepared, pkg, finding);
}

/** The result for a finding of `findAffected`. */
export function affectedResult(prepared: PreparedEntries, pkg: PackageVersion, finding: Finding): AffectsResult & { affected: true } {
  return { affected: true, ...finding, fixedVersions: fixedVersionsOf(prepared, pkg.ecosystem), unevaluated: [] };
}

/** Whether the entries affect the version and how; reasons for skipped ranges go to `unevaluated`. */
export function findAffected(prepared: PreparedEntries, pkg: PackageVersion, unevaluated?: string[]): Finding | undefined {
  const ordering = ecosystemOrdering(pkg.ecosystem);
  for (const entry of prepared.entries) {
    for (const listed of entry.versions) {
      if (sameVersion(listed, pkg.version, ordering)) return { matchedBy: 'versions' };
    }
  }
  let slot = 0;
  for (const entry of prepared.entries) {
    for (const range of entry.ranges) {
      const index = slot++;
      if (range.type === 'GIT') {
        // OSV requires the versions a GIT range covers to be listed; only without that list is something left unchecked.
        if (entry.versions.length === 0) {
          unevaluated?.push(`GIT range of ${range.repo ?? 'an unnamed repository'}: commits cannot be ordered without the repository, and no versions are listed`);
        }
        continue;
      }
      const rangeOrdering = range.type === 'SEMVER' ? semverRangeOrdering : ordering;
      if (!rangeOrdering) {
        unevaluated?.push(`ECOSYSTEM range: no version ordering for ecosystem "${splitEcosystem(pkg.ecosystem).base}"`);
        continue;
      }
      const version = rangeOrdering.parse(range.type === 'SEMVER' ? asSemver(pkg) : pkg.version);
      if (version === undefined) {
        unevaluated?.push(`${range.type} range: "${pkg.version}" is not a valid ${rangeOrdering.name} version`);
        continue;
      }
      const compiled = compiledSlot(prepared, index, range, rangeOrdering);
      if ('unevaluated' in compiled) {
        unevaluated?.push(compiled.unevaluated);
        continue;
      }
      const interval = containingInterval(compiled, version);
      if (interval) return { matchedBy: 'range', range: interval };
    }
  }
  return undefined;
}

export function smallestFixAbovePrepared(prepared: PreparedEntries, pkg: PackageVersion): string | undefined {
  for (const candidate of sortedFixes(prepared, pkg.ecosystem)) {
    const ordering = comparableOrdering(pkg.ecosystem, candidate, pkg.version);
    if (!ordering || ordering.compare(candidate, pkg.version) <= 0) continue;
    if (!findAffected(prepared, { ...pkg, version: candidate })) return candidate;
  }
  return undefined;
}

function compiledSlot(prepared: PreparedEntries, index: number, range: OsvRange, ordering: VersionOrdering): RangeSlot {
  let slot = prepared.ranges[index];
  // A range is read with its package's ordering, so a slot is compiled once in practice.
  if (slot?.ordering !== ordering) {
    const compiled = compileRange(range, ordering);
    slot = 'unevaluated' in compiled ? { ordering, unevaluated: compiled.unevaluated } : compiled;
    prepared.ranges[index] = slot;
  }
  return slot;
}

/**
 * The component's version as SemVer, for a SEMVER range: as written when it is SemVer, else in
 * its ecosystem's normal form when that is (a Go toolchain `go1.21.2` is `v1.21.2`).
 */
function asSemver(pkg: PackageVersion): string {
  if (semverRangeOrdering.isValid(pkg.version)) return pkg.version;
  const own = ecosystemOrdering(pkg.ecosystem);
  return own && own.isValid(pkg.version) ? own.normalise(pkg.version) : pkg.version;
}

function sameVersion(listed: string, version: string, ordering: VersionOrdering | undefined): boolean {
  if (listed === version) return true;
  return ordering !== undefined && ordering.isValid(listed) && ordering.isValid(version) && ordering.compare(listed, version) === 0;
}

/** The ecosystem's ordering when it accepts both versions, else SemVer when it does (SEMVER ranges). */
function comparableOrdering(ecosystem: string, a: string, b: string): VersionOrdering | undefined {
  const own = ecosystemOrdering(ecosystem);
  if (own && own.isValid(a) && own.isValid(b)) return own;
  if (semverRangeOrdering.isValid(a) && semverRangeOrdering.isValid(b)) return semverRangeOrdering;
  return undefined;
}

/** Every `fixed` of the entries' orderable ranges, ascending (a copy the caller may keep). */
function fixedVersionsOf(prepared: PreparedEntries, ecosystem: string): string[] {
  return [...sortedFixes(prepared, ecosystem)];
}

/** The fixes, listed and sorted once per prepared entries; not to be modified. */
function sortedFixes(prepared: PreparedEntries, ecosystem: string): readonly string[] {
  if (!prepared.fixedVersions) {
    const fixed = new Set<string>();
    for (const entry of prepared.entries) {
      for (const range of entry.ranges) {
        if (range.type === 'GIT') continue;
        for (const event of range.events) if ('fixed' in event) fixed.add(event.fixed);
      }
    }
    prepared.fixedVersions = [...fixed].sort((a, b) => {
      const ordering = comparableOrdering(ecosystem, a, b);
      const byText = a < b ? -1 : a > b ? 1 : 0;
      return ordering ? ordering.compare(a, b) || byText : byText;
    });
  }
  return prepared.fixedVersions;
}
