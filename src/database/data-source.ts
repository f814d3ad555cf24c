/**
 * DataSource for the TypeORM CLI (`npx typeorm -d dist/database/data-source.js migration:run`).
 * Needs DATABASE_URL; the application itself opens the database through openDatabase().
 */
import { DataSource } from 'typeorm';
import { ENTITIES } from '../app/entities.js';
import { dataSourceOptions } from './open-database.js';

const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL must be set to use the TypeORM CLI');

export default new DataSource(dataSourceOptions(url, ENTITIES, false));
