/**
 * The pure core of vulnerability matching: OSV records, per-ecosystem version
 * ordering, OSV range evaluation, package names, CVSS. No framework, no I/O.
 */
export type {
  OsvAffected,
  OsvCredit,
  OsvEvent,
  OsvEventKind,
  OsvPackage,
  OsvRange,
  OsvRangeType,
  OsvRecord,
  OsvReference,
  OsvReferenceType,
  OsvSeverity,
  OsvSeverityType,
} from './osv-schema.js';
export { eventKind, eventVersion } from './osv-schema.js';
export { osvIssueToError, parseOsvJson, parseOsvRecord, type OsvIssue, type OsvParseResult } from './parse-osv.js';
export { canonicalEcosystem, ORDERED_ECOSYSTEMS, orderedEcosystem, splitEcosystem, type EcosystemParts, type OrderedEcosystem } from './ecosystems.js';
export { InvalidVersionError, type ParsedVersion, type VersionOrdering } from './versions/types.js';
export { ECOSYSTEM_ORDERINGS, ecosystemOrdering } from './versions/registry.js';
export { semverRangeOrdering } from './versions/semver-ordering.js';
export { normalisePackageName, osvEcosystemOfPurlType, packageKey, purlToOsvPackage, type OsvPackageVersion } from './names.js';
export {
  affectedEntriesFor,
  affects,
  evaluateAffected,
  smallestFixAbove,
  smallestFixAboveIn,
  type AffectsResult,
  type MatchedRange,
  type PackageVersion,
} from './match.js';
export { MatchIndex, type AdvisoryMatch, type UnevaluatedAdvisory } from './match-index.js';
export {
  bestSeverity,
  ratingForScore,
  scoreCvssVector,
  type CvssScore,
  type CvssVersion,
  type RecordSeverity,
  type SeverityRating,
  type SeveritySource,
} from './cvss.js';
