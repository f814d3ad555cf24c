/**
 * Public entry of the advisories module: OSV parsing, per-ecosystem version ordering, matching
 * and CVSS (the pure core), and the store: imported OSV records, findings of scans, VEX.
 */
export * from './domain/index.js';
export { AdvisoryEntity, AdvisoryPackageEntity, FindingEntity, VexStatementEntity } from './entities/index.js';
export { AdvisoriesRepository } from './advisories.repository.js';
export { AdvisoriesService, type ImportOptions, type ImportSummary, type InvalidAdvisory } from './advisories.service.js';
export { FindingsRepository } from './findings/findings.repository.js';
export { FindingsService, type FindingView } from './findings/findings.service.js';
export { matchComponents, componentPackage, type ComponentFinding, type MatchableComponent } from './findings/match-components.js';
export { toSbomVulnerabilities } from './findings/sbom-vulnerabilities.js';
export { VexRepository } from './vex/vex.repository.js';
export { VexService, type VexImportResult } from './vex/vex.service.js';
export { parseCycloneDxVex, type ParsedVex } from './vex/parse-vex.js';
export { findSuppression, type Suppression } from './vex/suppression.js';
export type { VexStatement } from './vex/vex-statement.js';
export { openOsvSource, type OsvSource, type OsvSourceKind } from './import/osv-source.js';
export { loadAdvisories, loadMatchIndex, readSnapshot, type LoadedAdvisories } from './snapshot/read-snapshot.js';
export { writeSnapshot } from './snapshot/write-snapshot.js';
export { AdvisoriesModule } from './advisories.module.js';
