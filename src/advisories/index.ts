/**
 * Public entry of the advisories module, framework-free: OSV parsing, per-ecosystem version
 * ordering, matching and CVSS (the pure core), snapshots, OSV sources, VEX parsing and the
 * Known Exploited Vulnerabilities catalogue. The CLI
 * gate loads this without NestJS or TypeORM; the stored side is in `./nest.ts`.
 */
export * from './domain/index.js';
export { matchComponents, componentPackage, type ComponentFinding, type MatchableComponent } from './findings/match-components.js';
export { toSbomVulnerabilities } from './findings/sbom-vulnerabilities.js';
export { parseCycloneDxVex, type ParsedVex } from './vex/parse-vex.js';
export { findSuppression, type Suppression } from './vex/suppression.js';
export type { VexStatement } from './vex/vex-statement.js';
export { openOsvSource, type OsvSource, type OsvSourceKind } from './import/osv-source.js';
export { loadAdvisories, loadMatchIndex, readSnapshot, readSnapshotHeader, type LoadedAdvisories, type LoadOptions } from './snapshot/read-snapshot.js';
export type { SnapshotHeader, SnapshotKnownExploited } from './snapshot/snapshot-format.js';
export {
  knownExploitedLookup,
  summariseEntry,
  type KnownExploited,
  type KnownExploitedCatalogue,
  type KnownExploitedEntry,
  type KnownExploitedLookup,
} from './kev/known-exploited.js';
export { MAX_KEV_BYTES, parseKevCatalogue } from './kev/parse-kev.js';
export { writeSnapshot } from './snapshot/write-snapshot.js';
export { MAX_BATCH_QUERIES, OsvApiClient, type OsvApiClientOptions, type OsvBatchResult, type OsvQuery, type OsvVulnerabilityRef } from './sync/osv-api-client.js';
export { OsvApiCache } from './sync/osv-api-cache.js';
export { syncFromOsvApi, type OsvApiSyncCounts, type OsvApiSyncInput, type SyncPackage } from './sync/sync-osv-api.js';
export type { OsvSourceItem } from './import/osv-source-item.js';
