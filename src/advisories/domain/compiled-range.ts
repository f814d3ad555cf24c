/**
 * One OSV range, ready to be evaluated against many versions: its bounds parsed once by
 * the range's ordering and its events sorted in that order. Evaluation is the loop of
 * the OSV evaluation algorithm (https://ossf.github.io/osv-schema/#evaluation):
 *
 *   before one of its `limit`s (none means no limit), and after walking the events in
 *   order the last word was "vulnerable": `introduced` <= v turns it on, `fixed` <= v
 *   and `last_affected` < v turn it off.
 */
import { eventKind, eventVersion, type OsvRange, type OsvRangeType } from './osv-schema.js';
import type { ParsedVersion, VersionOrdering } from './versions/types.js';

interface Bound {
  kind: 'introduced' | 'fixed' | 'last_affected';
  version: string;
  /** Undefined for `introduced: "0"`, which is below every version. */
  parsed?: ParsedVersion;
}

export interface CompiledRange {
  type: OsvRangeType;
  ordering: VersionOrdering;
  bounds: Bound[];
  /** Parsed `limit`s; a limit containing `*` is no limit at all and makes the range unlimited. */
  limits: ParsedVersion[];
  unlimited: boolean;
}

/** The interval of a range that contains the version. */
export interface MatchedRange {
  type: OsvRangeType;
  introduced: string;
  /** The event that closes the interval, if there is one. */
  fixed?: string;
  last_affected?: string;
}

/** The range compiled for `ordering`, or why it cannot be: a bound that ordering refuses. */
export function compileRange(range: OsvRange, ordering: VersionOrdering): CompiledRange | { unevaluated: string } {
  const bounds: (Bound & { rank: number })[] = [];
  const limits: ParsedVersion[] = [];
  let unlimited = false;
  let hasLimit = false;
  for (const event of range.events) {
    const kind = eventKind(event);
    const version = eventVersion(event);
    if (kind === 'limit' && version.includes('*')) {
      unlimited = true;
      hasLimit = true;
      continue;
    }
    if (kind === 'introduced' && version === '0') {
      bounds.push({ kind, version, rank: -1 });
      continue;
    }
    const parsed = ordering.parse(version);
    if (parsed === undefined) {
      return { unevaluated: `${range.type} range: event ${kind} "${version}" is not a valid ${ordering.name} version` };
    }
    if (kind === 'limit') {
      hasLimit = true;
      limits.push(parsed);
    } else {
      bounds.push({ kind, version, parsed, rank: 0 });
    }
  }
  return { type: range.type, ordering, bounds: sortBounds(bounds, ordering), limits, unlimited: unlimited || !hasLimit };
}

/** At an equal version `introduced` comes first, so an interval `[x, x)` is empty. Sorts in place. */
function sortBounds(bounds: (Bound & { rank: number })[], ordering: VersionOrdering): Bound[] {
  const order = (a: Bound & { rank: number }, b: Bound & { rank: number }): number => {
    if (a.rank !== b.rank) return a.rank - b.rank;
    const byVersion = a.parsed && b.parsed ? ordering.compareParsed(a.parsed, b.parsed) : 0;
    if (byVersion !== 0) return byVersion;
    return (a.kind === 'introduced' ? 0 : 1) - (b.kind === 'introduced' ? 0 : 1);
  };
  // Advisories almost always list events in order already: check before sorting.
  for (let i = 1; i < bounds.length; i++) {
    if (order(bounds[i - 1] as Bound & { rank: number }, bounds[i] as Bound & { rank: number }) > 0) return bounds.sort(order);
  }
  return bounds;
}

/** The interval of the range containing `version` (parsed by the range's ordering), if any. */
export function containingInterval(range: CompiledRange, version: ParsedVersion): MatchedRange | undefined {
  const { ordering, bounds } = range;
  if (!range.unlimited && !range.limits.some((limit) => ordering.compareParsed(version, limit) < 0)) return undefined;

  let vulnerable = false;
  let openedAt = -1;
  for (let index = 0; index < bounds.length; index++) {
    const bound = bounds[index] as Bound;
    if (bound.kind === 'introduced') {
      if (!bound.parsed || ordering.compareParsed(version, bound.parsed) >= 0) {
        vulnerable = true;
        openedAt = index;
      }
    } else if (bound.kind === 'fixed') {
      if (ordering.compareParsed(version, bound.parsed as ParsedVersion) >= 0) vulnerable = false;
    } else if (ordering.compareParsed(version, bound.parsed as ParsedVersion) > 0) {
      vulnerable = false;
    }
  }
  if (!vulnerable) return undefined;

  const closing = bounds.slice(openedAt + 1).find((bound) => bound.kind !== 'introduced');
  return {
    type: range.type,
    introduced: (bounds[openedAt] as Bound).version,
    ...(closing?.kind === 'fixed' ? { fixed: closing.version } : {}),
    ...(closing?.kind === 'last_affected' ? { last_affected: closing.version } : {}),
  };
}
