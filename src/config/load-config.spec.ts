import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { ChainwardError } from '../common/errors.js';
import { loadConfig } from './load-config.js';

const dir = (): Promise<string> => mkdtemp(path.join(tmpdir(), 'chainward-config-'));

describe('loadConfig', () => {
  it('uses the defaults when nothing is configured', async () => {
    const cwd = await dir();
    expect(await loadConfig({ env: {}, cwd })).toEqual({
      home: path.join(cwd, '.chainward'),
      logLevel: 'info',
      server: { host: '127.0.0.1', port: 8080 },
      scan: { maxFileSize: 104857600 },
      registry: { urls: {}, cacheTtlSeconds: 86400 },
    });
  });

  it('reads registry base URLs and the cache lifetime from chainward.yaml and the environment, refusing what is not an http(s) URL', async () => {
    const cwd = await dir();
    await writeFile(path.join(cwd, 'chainward.yaml'), 'registry:\n  cacheTtl: 600\n  urls:\n    pypi: https://pypi.internal.example\n    npm: https://npm.internal.example\n');
    const config = await loadConfig({ env: { CHAINWARD_REGISTRY_NPM: 'http://127.0.0.1:4873' }, cwd });
    expect(config.registry).toEqual({ urls: { npm: 'http://127.0.0.1:4873', pypi: 'https://pypi.internal.example' }, cacheTtlSeconds: 600 });
    await writeFile(path.join(cwd, 'chainward.yaml'), 'registry:\n  urls:\n    go: https://proxy.golang.org\n');
    const error = (await loadConfig({ env: { CHAINWARD_REGISTRY_CARGO: 'crates.io' }, cwd }).catch((e: unknown) => e)) as ChainwardError;
    expect(error.message).toContain('unknown key go under registry.urls');
    expect(error.message).toContain('environment variable CHAINWARD_REGISTRY_CARGO: must be an http:// or https:// URL');
  });

  it('lets environment variables override chainward.yaml, which overrides the defaults', async () => {
    const cwd = await dir();
    await writeFile(path.join(cwd, 'chainward.yaml'), 'home: state\nlogLevel: warn\nserver:\n  port: 9000\n  host: 0.0.0.0\n');
    const config = await loadConfig({ env: { CHAINWARD_PORT: '9100', DATABASE_URL: 'postgres://u@db:5432/cw' }, cwd });
    expect(config).toMatchObject({
      home: path.join(cwd, 'state'),
      logLevel: 'warn',
      server: { host: '0.0.0.0', port: 9100 },
      databaseUrl: 'postgres://u@db:5432/cw',
      configFile: path.join(cwd, 'chainward.yaml'),
    });
  });

  it('lists every problem at once', async () => {
    const cwd = await dir();
    await writeFile(path.join(cwd, 'chainward.yaml'), 'logLevel: loud\nserver:\n  prot: 1\ncolour: blue\n');
    const error = await loadConfig({ env: { DATABASE_URL: 'mysql://x', CHAINWARD_PORT: '70000' }, cwd }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChainwardError);
    const message = (error as ChainwardError).message;
    expect(message).toContain('unknown key colour');
    expect(message).toContain('unknown key prot under server');
    expect(message).toMatch(/logLevel: .*"error"\|"warn"\|"info"\|"debug"/);
    expect(message).toContain('environment variable DATABASE_URL: must be a postgres:// or postgresql:// URL');
    expect(message).toContain('environment variable CHAINWARD_PORT');
    expect((error as ChainwardError).category).toBe('bad-input');
  });

  it('points at the line and column of broken YAML, and refuses aliases', async () => {
    const cwd = await dir();
    await writeFile(path.join(cwd, 'chainward.yaml'), 'server:\n  port: [1, 2\n');
    await expect(loadConfig({ env: {}, cwd })).rejects.toThrow(/chainward\.yaml:\d+:\d+: /);
    await writeFile(path.join(cwd, 'chainward.yaml'), 'home: &h a\nlogLevel: *h\n');
    await expect(loadConfig({ env: {}, cwd })).rejects.toThrow(/alias/i);
  });

  it('reads the API token from chainward.yaml or CHAINWARD_API_TOKEN, the variable first, and refuses a short one', async () => {
    const cwd = await dir();
    await writeFile(path.join(cwd, 'chainward.yaml'), 'server:\n  apiToken: from-the-file-0123456789\n');
    expect((await loadConfig({ env: {}, cwd })).server.apiToken).toBe('from-the-file-0123456789');
    expect((await loadConfig({ env: { CHAINWARD_API_TOKEN: 'from-the-environment-0123' }, cwd })).server.apiToken).toBe('from-the-environment-0123');
    const error = await loadConfig({ env: { CHAINWARD_API_TOKEN: 'short' }, cwd: await dir() }).catch((e: unknown) => e);
    expect((error as ChainwardError).message).toContain('environment variable CHAINWARD_API_TOKEN: must be at least 16 characters');
    expect((await loadConfig({ env: {}, cwd: await dir() })).server).toEqual({ host: '127.0.0.1', port: 8080 });
  });

  it('fails when CHAINWARD_CONFIG names a missing file', async () => {
    const cwd = await dir();
    await expect(loadConfig({ env: { CHAINWARD_CONFIG: 'nope.yaml' }, cwd })).rejects.toThrow(/CHAINWARD_CONFIG names .*nope\.yaml, which does not exist/);
  });
});
