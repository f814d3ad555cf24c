import type { MigrationInterface } from 'typeorm';
import { InitialScans1764037200000 } from './1764037200000-InitialScans.js';
import { AuditLedger1795576891101 } from './1795576891101-AuditLedger.js';
import { Advisories1795577000000 } from './1795577000000-Advisories.js';
import { PolicyResults1795578218758 } from './1795578218758-PolicyResults.js';
import { ImportedScans1795579000000 } from './1795579000000-ImportedScans.js';
import { PolicySetsAndWaivers1795582606955 } from './1795582606955-PolicySetsAndWaivers.js';
import { KnownExploited1795582700000 } from './1795582700000-KnownExploited.js';

/**
 * Every migration, oldest first. Listed explicitly rather than globbed so the
 * built CLI, the tests and the TypeORM CLI all load the same set.
 */
export const MIGRATIONS: Array<new () => MigrationInterface> = [InitialScans1764037200000, AuditLedger1795576891101, Advisories1795577000000, PolicyResults1795578218758, ImportedScans1795579000000,
  PolicySetsAndWaivers1795582606955, KnownExploited1795582700000];
