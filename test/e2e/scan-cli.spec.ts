import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { cycloneDxJsonErrors } from '../support/cyclonedx-schema.js';
import { copyToTemp, PROJECT_ROOT, runCli } from '../support/cli.js';
import { testBackends } from '../support/databases.js';

const EXAMPLE = path.join(PROJECT_ROOT, 'examples', 'npm-webapp');

/** Moves lodash from 4.17.20 to 4.17.21 in the project, as `npm install lodash@4.17.21` would. */
async function upgradeLodash(dir: string): Promise<void> {
  const manifestPath = path.join(dir, 'package.json');
  const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as { dependencies: Record<string, string> };
  manifest.dependencies.lodash = '4.17.21';
  await writeFile(manifestPath, JSON.stringify(manifest, null, 2));
  const lockPath = path.join(dir, 'package-lock.json');
  const lock = JSON.parse(await readFile(lockPath, 'utf8')) as {
    packages: Record<string, { version?: string; resolved?: string; integrity?: string; dependencies?: Record<string, string> }>;
  };
  lock.packages[''].dependencies = { ...lock.packages[''].dependencies, lodash: '4.17.21' };
  lock.packages['node_modules/lodash'].version = '4.17.21';
  lock.packages['node_modules/lodash'].integrity =
    'sha512-v2kDEe57lecTulaDIuNTPy3Ry4gLGJ6Z1O3vE1krgXZNrsQ+LFTGHVxVjcXPs17LhbZVGedAJv8XZ1tvj5FvSg==';
  await writeFile(lockPath, JSON.stringify(lock, null, 2));
}

describe.each(testBackends())('chainward scan and scans on $name', (backend) => {
  let dir: string;
  let env: Record<string, string | undefined>;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    dir = await copyToTemp(EXAMPLE);
    const git = (...args: string[]): void => {
      execFileSync('git', ['-C', dir, ...args], { stdio: 'ignore' });
    };
    git('init', '-q', '-b', 'main');
    git('-c', 'user.email=ci@example.com', '-c', 'user.name=CI', 'add', '.');
    git('-c', 'user.email=ci@example.com', '-c', 'user.name=CI', 'commit', '-qm', 'initial');
    const created = await backend.create();
    drop = created.drop;
    env = { CHAINWARD_HOME: created.config.home, DATABASE_URL: created.config.databaseUrl };
  });

  afterAll(async () => {
    await drop?.();
    await rm(dir, { recursive: true, force: true });
  });

  it('stores two scans around a dependency change, and diffs them', async () => {
    const first = await runCli(['scan', dir, '--json'], { env });
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const a = JSON.parse(first.stdout) as { id: string; commit: string; branch: string; sbom: { file: string; digest: string }; summary: { components: number } };
    expect(a.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(a.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(a.branch).toBe('main');
    expect(existsSync(a.sbom.file)).toBe(true);
    expect(cycloneDxJsonErrors(await readFile(a.sbom.file, 'utf8'))).toEqual([]);

    await upgradeLodash(dir);
    const second = await runCli(['scan', dir, '--json'], { env });
    expect(second.code).toBe(0);
    const b = JSON.parse(second.stdout) as { id: string; summary: { components: number } };
    expect(b.summary.components).toBe(a.summary.components);

    const diff = await runCli(['scans', 'diff', a.id, b.id], { env });
    expect(diff.code).toBe(0);
    expect(diff.stdout).toBe('~ lodash 4.17.20 -> 4.17.21 (npm)\n0 added, 0 removed, 1 changed\n');

    const list = await runCli(['scans', 'list', '--json'], { env });
    const scans = JSON.parse(list.stdout) as Array<{ id: string; repository: string }>;
    expect(scans.map((s) => s.id)).toEqual([b.id, a.id]);

    const show = await runCli(['scans', 'show', a.id], { env });
    expect(show.code).toBe(0);
    expect(show.stdout).toContain(`commit:     ${a.commit} (main)`);
    expect(show.stdout).toMatch(/components: \d+ \(6 direct/);
    expect(show.stdout).toContain(`SBOM:       sha256:${a.sbom.digest}`);
  });

  it('prints a readable summary without --json', async () => {
    const result = await runCli(['scan', dir], { env });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Scanned .*\n {2}lockfiles: {2}package-lock\.json\n {2}components: \d+ \(6 direct, \d+ transitive\)\n {4}npm +/);
    expect(result.stdout).toMatch(/licences: .*MIT \d+/);
    expect(result.stdout).toMatch(/SBOM: +.*\.cdx\.json/);
  });

  it('rejects unknown and malformed scan ids with exit 2', async () => {
    const unknown = await runCli(['scans', 'show', '00000000-0000-4000-8000-000000000000'], { env });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no scan with id 00000000-0000-4000-8000-000000000000');
    const malformed = await runCli(['scans', 'diff', 'latest', 'x'], { env });
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toContain('"latest" is not a scan id');
  });

  it('stores nothing when the input is bad', async () => {
    const before = JSON.parse((await runCli(['scans', 'list', '--json'], { env })).stdout) as unknown[];
    await writeFile(path.join(dir, 'package-lock.json'), '{ "lockfileVersion": 3, "packages": {');
    const failed = await runCli(['scan', dir], { env });
    expect(failed.code).toBe(2);
    const after = JSON.parse((await runCli(['scans', 'list', '--json'], { env })).stdout) as unknown[];
    expect(after).toHaveLength(before.length);
  });
});
