/**
 * Version order per ecosystem (purl type) and the small range syntax policies
 * use: `>=1.0.0, <1.4.2 || =2.0.0` (comparators joined by commas must all
 * hold; `||` separates alternatives). The syntax is our own because policies
 * span ecosystems whose native range languages differ; only the ordering is
 * delegated to each ecosystem's library.
 */
import * as pep440 from '@renovatebot/pep440';
import * as rubySemver from '@renovatebot/ruby-semver';
import semver from 'semver';

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

const SEMVER_TYPES = new Set(['npm', 'cargo', 'golang', 'composer', 'hex', 'pub', 'swift', 'cocoapods', 'conan']);

/**
 * Compares two versions of one ecosystem: negative, zero or positive, or
 * `undefined` when either cannot be read in that ecosystem's scheme.
 */
export function compareVersions(purlType: string, a: string, b: string): number | undefined {
  if (SEMVER_TYPES.has(purlType)) {
    const left = semver.valid(a.replace(/^v/, ''), { loose: true });
    const right = semver.valid(b.replace(/^v/, ''), { loose: true });
    if (left && right) return semver.compare(left, right);
  } else if (purlType === 'pypi') {
    if (pep440.valid(a) && pep440.valid(b)) return pep440.compare(a, b);
    return undefined;
  } else if (purlType === 'gem') {
    if (rubySemver.valid(a) && rubySemver.valid(b)) return rubySemver.eq(a, b) ? 0 : rubySemver.lt(a, b) ? -1 : 1;
    return undefined;
  }
  return compareDottedNumbers(a, b);
}

/**
 * Fallback order for schemes without a library here (Maven, NuGet's four
 * parts): numeric dot-separated release parts, then a release sorts after any
 * pre-release suffix. Anything else is not comparable.
 */
function compareDottedNumbers(a: string, b: string): number | undefined {
  const read = (v: string): { parts: number[]; suffix: string } | undefined => {
    const match = /^v?(\d+(?:\.\d+)*)(?:[-.+]?(.*))?$/.exec(v);
    if (!match) return undefined;
    return { parts: (match[1] as string).split('.').map(Number), suffix: match[2] ?? '' };
  };
  const left = read(a);
  const right = read(b);
  if (!left || !right) return undefined;
  const length = Math.max(left.parts.length, right.parts.length);
  for (let i = 0; i < length; i++) {
    const diff = (left.parts[i] ?? 0) - (right.parts[i] ?? 0);
    if (diff !== 0) return Math.sign(diff);
  }
  if (left.suffix === right.suffix) return 0;
  if (left.suffix === '' || right.suffix === '') return left.suffix === '' ? 1 : -1;
  return left.suffix < right.suffix ? -1 : 1;
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
