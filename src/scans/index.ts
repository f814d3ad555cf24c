/** Public entry of the scans module: repositories, scans and their stored SBOMs. */
export { RepositoryEntity } from './entities/repository.entity.js';
export { ScanEntity, type ScanStatus, type ScanOrigin, type ImportedFrom } from './entities/scan.entity.js';
export { ComponentEntity } from './entities/component.entity.js';
export { DependencyEdgeEntity } from './entities/dependency-edge.entity.js';
export { SbomDocumentEntity } from './entities/sbom-document.entity.js';
export { PolicyResultEntity } from './entities/policy-result.entity.js';
export { ScansRepository } from './scans.repository.js';
export { ScansService, type RecordScanOptions, type RemoteOrigin, type ScanDetails, type ScanWithRepository } from './scans.service.js';
export { diffScans, displayName, type ScanDiff, type ComponentChange } from './domain/diff-scans.js';
export { summarize, type ScanSummary } from './domain/summarize.js';
export type { ComponentRecord } from './domain/component-record.js';
export { PolicyResultsRepository } from './policy-results.repository.js';
export { PolicyResultsService, type StoredScanFacts } from './policy-results.service.js';
export { graphFromStored } from './domain/stored-graph.js';
export { ScansModule } from './scans.module.js';
export { toScanView, type ScanView } from './scan-view.js';
