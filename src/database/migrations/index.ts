import type { MigrationInterface } from 'typeorm';
import { InitialScans1764037200000 } from './1764037200000-InitialScans.js';

/**
 * Every migration, oldest first. Listed explicitly rather than globbed so the
 * built CLI, the tests and the TypeORM CLI all load the same set.
 */
export const MIGRATIONS: Array<new () => MigrationInterface> = [InitialScans1764037200000];
