/**
 * Many records, indexed for matching many components: a Map from
 * `${ecosystem}\u0000${normalisedName}` to the records that name that package and
 * their entries for it, so a component costs one lookup plus the ranges of the
 * few advisories about its own package.
 */
import { packageKey } from './names.js';
import type { OsvAffected, OsvRecord } from './osv-schema.js';
import { affectedResult, findAffected, prepareEntries, smallestFixAbovePrepared, type AffectsResult, type PackageVersion, type PreparedEntries } from './match.js';

export interface AdvisoryMatch {
  record: OsvRecord;
  result: AffectsResult & { affected: true };
  /** The smallest fixed version above the component's, if the record names one. */
  fixAbove?: string;
}

interface IndexedRecord {
  record: OsvRecord;
  /** The record's entries for the package, with their version-independent work kept. */
  prepared: PreparedEntries;
}

/** A candidate record whose ranges could not all be evaluated for the package, and why. */
export interface UnevaluatedAdvisory {
  id: string;
  reasons: string[];
}

export class MatchIndex {
  private readonly byPackage = new Map<string, IndexedRecord[]>();
  /** id -> the package keys it was indexed under, so a newer version of a record replaces the older. */
  private readonly keysById = new Map<string, string[]>();

  static build(records: Iterable<OsvRecord>): MatchIndex {
    const index = new MatchIndex();
    for (const record of records) index.add(record);
    return index;
  }

  /** Adds a record, replacing one with the same id; a withdrawn record only removes its predecessor. */
  add(record: OsvRecord): void {
    this.remove(record.id);
    if (record.withdrawn !== undefined) return;
    const entriesByKey = new Map<string, OsvAffected[]>();
    for (const entry of record.affected) {
      const key = packageKey(entry.package.ecosystem, entry.package.name);
      const entries = entriesByKey.get(key);
      if (entries) entries.push(entry);
      else entriesByKey.set(key, [entry]);
    }
    for (const [key, entries] of entriesByKey) {
      const indexed = this.byPackage.get(key);
      const prepared = prepareEntries(entries);
      if (indexed) indexed.push({ record, prepared });
      else this.byPackage.set(key, [{ record, prepared }]);
    }
    this.keysById.set(record.id, [...entriesByKey.keys()]);
  }

  remove(id: string): void {
    for (const key of this.keysById.get(id) ?? []) {
      const remaining = (this.byPackage.get(key) ?? []).filter((indexed) => indexed.record.id !== id);
      if (remaining.length > 0) this.byPackage.set(key, remaining);
      else this.byPackage.delete(key);
    }
    this.keysById.delete(id);
  }

  /** Records indexed (withdrawn ones excluded). */
  get size(): number {
    return this.keysById.size;
  }

  /** The records that affect the package at its version, by advisory id. */
  match(pkg: PackageVersion): AdvisoryMatch[] {
    return this.lookup(pkg).matches;
  }

  /** `match`, plus the candidate records that could not be fully evaluated for this version. */
  lookup(pkg: PackageVersion): { matches: AdvisoryMatch[]; unevaluated: UnevaluatedAdvisory[] } {
    const matches: AdvisoryMatch[] = [];
    const unevaluated: UnevaluatedAdvisory[] = [];
    const reasons: string[] = [];
    for (const { record, prepared } of this.byPackage.get(packageKey(pkg.ecosystem, pkg.name)) ?? []) {
      reasons.length = 0;
      const finding = findAffected(prepared, pkg, reasons);
      if (finding) {
        const fixAbove = smallestFixAbovePrepared(prepared, pkg);
        matches.push({ record, result: affectedResult(prepared, pkg, finding), ...(fixAbove === undefined ? {} : { fixAbove }) });
      } else if (reasons.length > 0) {
        unevaluated.push({ id: record.id, reasons: [...new Set(reasons)] });
      }
    }
    const byId = (a: { id: string }, b: { id: string }): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    matches.sort((a, b) => byId(a.record, b.record));
    unevaluated.sort(byId);
    return { matches, unevaluated };
  }
}
