import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PROJECT_ROOT, runCli } from '../support/cli.js';

describe('chainward serve', () => {
  let home: string;

  beforeAll(async () => {
    home = await mkdtemp(path.join(tmpdir(), 'chainward-serve-'));
    expect((await runCli(['scan', path.join(PROJECT_ROOT, 'examples', 'npm-webapp')], { env: { CHAINWARD_HOME: home } })).code).toBe(0);
  });

  afterAll(async () => {
    await rm(home, { recursive: true, force: true });
  });

  it('answers over HTTP and signs a checkpoint of the grown ledger on its schedule, outside the database too', async () => {
    const child = spawn(process.execPath, [path.join(PROJECT_ROOT, 'bin', 'chainward'), 'serve', '--port', '0', '--checkpoint-every', '1s'], {
      env: { ...process.env, CHAINWARD_HOME: home, DATABASE_URL: undefined },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        const match = /listening on (\S+)/.exec(stderr);
        if (match) resolve(match[1].replace('[::1]', '127.0.0.1'));
      });
      child.on('exit', (code) => reject(new Error(`serve exited with ${code}: ${stderr}`)));
    });
    try {
      expect((await fetch(`${url}/readyz`)).status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 2500));
      expect(stderr).toContain('audit checkpoint at tree size 2');
    } finally {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.on('close', resolve));
    }
    // The checkpoint went to the file outside the database as well: the signed note for the two scan entries.
    expect(await readFile(path.join(home, 'checkpoints'), 'utf8')).toMatch(/^chainward\.local\/\S+\n2\n\S{44}\n\n\u2014 /m);
  });

  it('refuses a malformed interval with exit 2', async () => {
    const result = await runCli(['serve', '--checkpoint-every', 'often'], { env: { CHAINWARD_HOME: home } });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('expected a duration such as 30s, 15m or 1h');
  });
});
