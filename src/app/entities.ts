import { AdvisoryEntity, AdvisoryPackageEntity, FindingEntity, KnownExploitedEntity, VexStatementEntity } from '../advisories/nest.js';
import { AuditCheckpointEntity, AuditEntryEntity } from '../audit/nest.js';
import { PolicyActivationEntity, PolicySetEntity, WaiverEntity } from '../policy/nest.js';
import { ComponentEntity, DependencyEdgeEntity, PolicyResultEntity, RepositoryEntity, SbomDocumentEntity, ScanEntity } from '../scans/index.js';

/** Every TypeORM entity of the application: the composition root hands this list to the database. */
export const ENTITIES = [RepositoryEntity, ScanEntity, ComponentEntity, DependencyEdgeEntity, SbomDocumentEntity, PolicyResultEntity, AuditEntryEntity, AuditCheckpointEntity,
  AdvisoryEntity, AdvisoryPackageEntity, FindingEntity, VexStatementEntity, KnownExploitedEntity, PolicySetEntity, PolicyActivationEntity, WaiverEntity];
