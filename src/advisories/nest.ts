/**
 * Framework entry of the advisories module: the store of imported OSV records, findings of
 * scans and VEX statements (TypeORM entities, repositories, NestJS services and module).
 */
export { AdvisoryEntity, AdvisoryPackageEntity, FindingEntity, KnownExploitedEntity, VexStatementEntity } from './entities/index.js';
export { AdvisoriesRepository } from './advisories.repository.js';
export { AdvisoriesService, type ImportOptions, type ImportSummary, type InvalidAdvisory } from './advisories.service.js';
export { FindingsRepository } from './findings/findings.repository.js';
export { FindingsService, type FindingView } from './findings/findings.service.js';
export { VexRepository } from './vex/vex.repository.js';
export { VexService, type VexImportResult } from './vex/vex.service.js';
export { KevRepository, type StoredCatalogue } from './kev/kev.repository.js';
export { KevService, type KevImportSummary } from './kev/kev.service.js';
export { AdvisoriesModule } from './advisories.module.js';
