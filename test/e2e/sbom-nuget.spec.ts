import { existsSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { cycloneDxJsonErrors } from '../support/cyclonedx-schema.js';
import { copyToTemp, FIXTURES, runCli } from '../support/cli.js';

const FIXTURE = path.join(FIXTURES, 'nuget', 'bitwarden-server-core-2023');
const temporary: string[] = [];
afterAll(async () => {
  await Promise.all(temporary.map((dir) => rm(dir, { recursive: true, force: true })));
});

interface CdxDocument {
  metadata: { component: { name: string; 'bom-ref': string } };
  components: Array<{ name: string; version?: string; purl: string; scope?: string; hashes?: Array<{ alg: string; content: string }>; properties?: Array<{ name: string; value: string }> }>;
  dependencies: Array<{ ref: string; dependsOn?: string[] }>;
}

describe('chainward sbom on a .NET project', () => {
  it('writes a schema-valid CycloneDX 1.6 SBOM from packages.lock.json, the project file read beside it', async () => {
    const result = await runCli(['sbom', FIXTURE]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(cycloneDxJsonErrors(result.stdout)).toEqual([]);
    const bom = JSON.parse(result.stdout) as CdxDocument;
    expect(bom.metadata.component).toMatchObject({ name: 'Core', 'bom-ref': 'pkg:nuget/Core' });
    expect(bom.components).toHaveLength(243);
    expect(bom.components.find((c) => c.purl === 'pkg:nuget/Microsoft.Data.SqlClient@5.0.1')?.hashes?.[0]?.alg).toBe('SHA-512');
    expect(bom.dependencies.find((d) => d.ref === 'pkg:nuget/Core')?.dependsOn).toHaveLength(37);
  });

  it('reads a project file without a lockfile as declared components, and the SBOM stays valid without versions', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'chainward-nuget-'));
    temporary.push(dir);
    const project = (await readFile(path.join(FIXTURE, 'Core.csproj'), 'utf8')).replace('Version="1.0.1" />', 'Version="1.*" />');
    await writeFile(path.join(dir, 'Core.csproj'), project);
    const result = await runCli(['sbom', dir]);
    expect(result.code).toBe(0);
    expect(cycloneDxJsonErrors(result.stdout)).toEqual([]);
    const bom = JSON.parse(result.stdout) as CdxDocument;
    expect(bom.components).toHaveLength(37);
    const floating = bom.components.find((c) => c.name === 'AspNetCoreRateLimit.Redis');
    expect(floating).toMatchObject({ purl: 'pkg:nuget/AspNetCoreRateLimit.Redis' });
    expect(floating?.version).toBeUndefined();
    expect(floating?.properties).toEqual(expect.arrayContaining([{ name: 'chainward:unpinned', value: 'true' }, { name: 'chainward:version-constraint', value: '1.*' }]));
  });

  it('joins a repository holding Bundler, Composer and .NET projects into one valid SBOM, a root per project', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'chainward-polyglot-'));
    temporary.push(dir);
    await cp(path.join(FIXTURES, 'rubygems', 'rubygems-org-2023'), path.join(dir, 'web'), { recursive: true });
    await cp(path.join(FIXTURES, 'composer', 'composer'), path.join(dir, 'api'), { recursive: true });
    await cp(FIXTURE, path.join(dir, 'svc'), { recursive: true });
    const result = await runCli(['sbom', dir]);
    expect(result.code).toBe(0);
    expect(cycloneDxJsonErrors(result.stdout)).toEqual([]);
    const bom = JSON.parse(result.stdout) as CdxDocument;
    expect(bom.metadata.component['bom-ref']).toBe('chainward:repository');
    expect(bom.dependencies.find((d) => d.ref === 'chainward:repository')?.dependsOn).toEqual(['pkg:composer/composer/composer', 'pkg:gem/web', 'pkg:nuget/Core']);
    expect(bom.components).toHaveLength(3 + 242 + 36 + 243);
  });

  it('names file, line and column of a truncated packages.lock.json, exits 2 and writes nothing', async () => {
    const dir = await copyToTemp(FIXTURE);
    temporary.push(dir);
    const lockfile = path.join(dir, 'packages.lock.json');
    const cut = (await readFile(lockfile, 'utf8')).slice(0, 3000);
    await writeFile(lockfile, cut);
    const out = path.join(dir, 'sbom.json');
    const result = await runCli(['sbom', dir, '-o', out]);
    expect(result.code).toBe(2);
    const lines = cut.split('\n');
    expect(result.stderr).toContain(`packages.lock.json:${lines.length}:${(lines[lines.length - 1] as string).length + 1}: malformed packages.lock.json JSON`);
    expect(existsSync(out)).toBe(false);
  });
});
