/**
 * Maven versions, ordered by ComparableVersion's rules (see maven-comparable-version.ts).
 * ComparableVersion accepts any string; a version here must at least be non-empty and
 * free of whitespace, so a broken lockfile entry is reported rather than ordered.
 */
import { canonicalMavenVersion, compareMavenVersions, parseMavenVersion } from './maven-comparable-version.js';
import { orderingFrom } from './types.js';

export const mavenOrdering = orderingFrom({
  name: 'Maven',
  parse: (version) => (version === '' || /\s/.test(version) ? undefined : parseMavenVersion(version)),
  compareParsed: compareMavenVersions,
  format: (parsed) => canonicalMavenVersion(parsed),
});
