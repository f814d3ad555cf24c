/**
 * One ecosystem's version ordering. `compare` is a total order on valid versions
 * (negative, zero, positive); it throws `InvalidVersionError` for a version the
 * ecosystem would not accept, so a caller never compares garbage silently.
 */
export interface VersionOrdering {
  /** `npm`, `PyPI`, ... or `SEMVER` for OSV SEMVER ranges. */
  readonly name: string;
  isValid(version: string): boolean;
  compare(a: string, b: string): number;
  /** The canonical spelling (`2015.04.28` -> `2015.4.28` for PyPI); throws for an invalid version. */
  normalise(version: string): string;
  /** The version parsed once, for many comparisons (`compareParsed`); undefined when invalid. */
  parse(version: string): ParsedVersion | undefined;
  /** Compares two versions parsed by this same ordering. */
  compareParsed(a: ParsedVersion, b: ParsedVersion): number;
}

declare const parsedBy: unique symbol;

/** A version as one ordering parsed it; only that ordering can compare it. */
export interface ParsedVersion {
  readonly [parsedBy]: 'VersionOrdering';
}

export class InvalidVersionError extends Error {
  readonly ordering: string;
  readonly version: string;

  constructor(ordering: string, version: string) {
    super(`"${version}" is not a valid ${ordering} version`);
    this.name = 'InvalidVersionError';
    this.ordering = ordering;
    this.version = version;
  }
}

/** Parsed versions kept per ordering; matching compares the same few thousand strings over and over. */
const PARSE_CACHE_LIMIT = 50_000;

/** Builds a `VersionOrdering` from a parser and a comparison of parsed values (parsed values must not be mutated). */
export function orderingFrom<T>(options: {
  name: string;
  parse: (version: string) => T | undefined;
  compareParsed: (a: T, b: T) => number;
  format: (parsed: T, original: string) => string;
}): VersionOrdering {
  const { name, compareParsed, format } = options;
  const cache = new Map<string, T | null>();
  // The component's version is compared with each bound in turn: remember the last one parsed.
  let lastVersion: string | undefined;
  let lastParsed: T | null = null;
  const parse = (version: string): T | undefined => {
    if (version === lastVersion) return lastParsed ?? undefined;
    let parsed = cache.get(version);
    if (parsed === undefined) {
      parsed = options.parse(version) ?? null;
      if (cache.size >= PARSE_CACHE_LIMIT) cache.clear();
      cache.set(version, parsed);
    }
    lastVersion = version;
    lastParsed = parsed;
    return parsed ?? undefined;
  };
  const parseOrThrow = (version: string): T => {
    const parsed = parse(version);
    if (parsed === undefined) throw new InvalidVersionError(name, version);
    return parsed;
  };
  return {
    name,
    isValid: (version) => parse(version) !== undefined,
    compare: (a, b) => Math.sign(compareParsed(parseOrThrow(a), parseOrThrow(b))),
    normalise: (version) => format(parseOrThrow(version), version),
    // The parsed value itself, behind the opaque type: callers can only hand it back here.
    parse: (version) => parse(version) as ParsedVersion | undefined,
    compareParsed: (a, b) => Math.sign(compareParsed(a as T, b as T)),
  };
}
