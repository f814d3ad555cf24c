/**
 * Version order per ecosystem (purl type) and the small range syntax policies
 * use: `>=1.0.0, <1.4.2 || =2.0.0` (comparators joined by commas must all
 * hold; `||` separates alternatives). The syntax is our own because policies
 * span ecosystems whose native range languages differ; the ordering is the
 * advisories' (one per ecosystem, the same that matches OSV ranges).
 */
import { ecosystemOrdering, osvEcosystemOfPurlType, semverRangeOrdering } from '../../advisories/index.js';

export type Comparator = '<' | '<=' | '>' | '>=' | '=' | '!=';

export interface VersionConstraint {
  operator: Comparator;
  version: string;
}

/** Alternatives (OR) of constraint lists (AND). */
export type VersionRange = VersionConstraint[][];

const CONSTRAINT = /^(<=|>=|<|>|==|=|!=)?\s*([0-9A-Za-z][^\s<>=!,|]*)$/;

/** Parses a range, or returns a plain-words reason it cannot be read. */
export function parseVersionRange(text: string): VersionRange | string {
  const alternatives: VersionRange = [];
  for (const alternative of text.split('||')) {
    const constraints: VersionConstraint[] = [];
    for (const part of alternative.split(',')) {
      const match = CONSTRAINT.exec(part.trim());
      if (!match) return `"${part.trim()}" is not a version constraint such as ">=1.2.0" or "=3.3.6"`;
      const operator = (match[1] === '==' || match[1] === undefined ? '=' : match[1]) as Comparator;
      constraints.push({ operator, version: match[2] as string });
    }
    alternatives.push(constraints);
  }
  return alternatives;
}

/**
 * Compares two versions of one ecosystem (the purl type's), with the advisories'
 * per-ecosystem ordering (npm and crates.io SemVer, Go, PEP 440, RubyGems, Maven,
 * NuGet, Packagist): negative, zero or positive, or `undefined` when either
 * cannot be read in that ecosystem's scheme. Types without an ordering of their
 * own (hex, pub, swift, ...) are compared as SemVer when both versions are SemVer.
 */
export function compareVersions(purlType: string, a: string, b: string): number | undefined {
  const ecosystem = osvEcosystemOfPurlType(purlType);
  const ordering = (ecosystem === undefined ? undefined : ecosystemOrdering(ecosystem)) ?? semverRangeOrdering;
  return ordering.isValid(a) && ordering.isValid(b) ? ordering.compare(a, b) : undefined;
}

/** Whether `version` lies in `range`; `undefined` when the versions cannot be compared. */
export function versionInRange(purlType: string, version: string, range: VersionRange): boolean | undefined {
  let unknown = false;
  for (const constraints of range) {
    let holds = true;
    for (const { operator, version: bound } of constraints) {
      const order = compareVersions(purlType, version, bound);
      if (order === undefined) {
        unknown = true;
        holds = false;
        break;
      }
      if (!satisfiesComparator(order, operator)) {
        holds = false;
        break;
      }
    }
    if (holds) return true;
  }
  return unknown ? undefined : false;
}

function satisfiesComparator(order: number, operator: Comparator): boolean {
  switch (operator) {
    case '<':
      return order < 0;
    case '<=':
      return order <= 0;
    case '>':
      return order > 0;
    case '>=':
      return order >= 0;
    case '=':
      return order === 0;
    case '!=':
      return order !== 0;
  }
}
