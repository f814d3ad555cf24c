/**
 * Public entry of the advisories module, framework-free: OSV parsing, per-ecosystem version
 * ordering, matching and CVSS (the pure core), snapshots, OSV sources and VEX parsing. The CLI
 * gate loads this without NestJS or TypeORM; the stored side is in `./nest.ts`.
 */
export * from './domain/index.js';
export { matchComponents, componentPackage, type ComponentFinding, type MatchableComponent } from './findings/match-components.js';
export { toSbomVulnerabilities } from './findings/sbom-vulnerabilities.js';
export { parseCycloneDxVex, type ParsedVex } from './vex/parse-vex.js';
export { findSuppression, type Suppression } from './vex/suppression.js';
export type { VexStatement } from './vex/vex-statement.js';
export { openOsvSource, type OsvSource, type OsvSourceKind } from './import/osv-source.js';
export { loadAdvisories, loadMatchIndex, readSnapshot, type LoadedAdvisories, type LoadOptions } from './snapshot/read-snapshot.js';
export { writeSnapshot } from './snapshot/write-snapshot.js';
