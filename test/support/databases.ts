import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { ChainwardConfig } from '../../src/config/index.js';

export interface TestBackend {
  name: 'postgres' | 'embedded';
  /** A fresh, empty database (a new PostgreSQL database, or a new PGlite directory) and its cleanup. */
  create(): Promise<{ config: ChainwardConfig; drop(): Promise<void> }>;
}

/**
 * The databases integration tests run on: always the embedded PGlite, and
 * PostgreSQL too when TEST_DATABASE_URL is set (CI sets it).
 */
export function testBackends(): TestBackend[] {
  const backends: TestBackend[] = [{ name: 'embedded', create: createEmbedded }];
  const url = process.env.TEST_DATABASE_URL;
  if (url) backends.push({ name: 'postgres', create: () => createPostgres(url) });
  return backends;
}

export function baseConfig(home: string, databaseUrl?: string): ChainwardConfig {
  return {
    home,
    databaseUrl,
    logLevel: 'error',
    server: { host: '127.0.0.1', port: 0 },
    scan: { maxFileSize: 100 * 1024 * 1024 },
    registry: { urls: {}, cacheTtlSeconds: 86_400 },
  };
}

async function createEmbedded(): Promise<{ config: ChainwardConfig; drop(): Promise<void> }> {
  const home = await mkdtemp(path.join(tmpdir(), 'chainward-test-'));
  return { config: baseConfig(home), drop: () => rm(home, { recursive: true, force: true }) };
}

async function createPostgres(adminUrl: string): Promise<{ config: ChainwardConfig; drop(): Promise<void> }> {
  const name = `chainward_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  await adminQuery(adminUrl, `CREATE DATABASE "${name}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const home = await mkdtemp(path.join(tmpdir(), 'chainward-test-'));
  return {
    config: baseConfig(home, url.toString()),
    async drop() {
      await adminQuery(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await rm(home, { recursive: true, force: true });
    },
  };
}

async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
