/**
 * SemVer 2.0 precedence with the `semver` package in strict mode (loose=false):
 * pre-releases sort before their release, numeric identifiers numerically,
 * build metadata is ignored. Shared by npm, crates.io and OSV SEMVER ranges.
 */
import semver from 'semver';
import { orderingFrom, type VersionOrdering } from './types.js';

export function semverOrdering(name: string): VersionOrdering {
  return orderingFrom<semver.SemVer>({
    name,
    parse: (version) => semver.parse(version, { loose: false }) ?? undefined,
    compareParsed: (a, b) => a.compare(b),
    format: (parsed) => parsed.version,
  });
}

/** Ordering of OSV `SEMVER` ranges, whatever the package's ecosystem. */
export const semverRangeOrdering = semverOrdering('SEMVER');
