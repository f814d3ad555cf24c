export { AdvisoryEntity } from './advisory.entity.js';
export { AdvisoryPackageEntity } from './advisory-package.entity.js';
export { FindingEntity } from './finding.entity.js';
export { VexStatementEntity } from './vex-statement.entity.js';
export { KnownExploitedEntity } from './known-exploited.entity.js';
