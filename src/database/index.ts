/** Public entry of the database module: opening PostgreSQL or the embedded PGlite, with migrations. */
export { openDatabase, dataSourceOptions, redact, type Database, type OpenDatabaseOptions } from './open-database.js';
export { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres.js';
export { MIGRATIONS } from './migrations/index.js';
export { DatabaseModule, DATABASE } from './database.module.js';
