import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { cycloneDxJsonErrors, cycloneDxXmlErrors } from '../support/cyclonedx-schema.js';
import { copyToTemp, PROJECT_ROOT, runCli } from '../support/cli.js';

const EXAMPLE = path.join(PROJECT_ROOT, 'examples', 'npm-webapp');
const temporary: string[] = [];
const tempCopy = async (source = EXAMPLE): Promise<string> => {
  const dir = await copyToTemp(source);
  temporary.push(dir);
  return dir;
};
afterAll(async () => {
  await Promise.all(temporary.map((dir) => rm(dir, { recursive: true, force: true })));
});

/** What the example's lockfile resolves, read independently of the parser: distinct name@version of installed packages. */
async function lockfilePackages(dir: string): Promise<Set<string>> {
  const lock = JSON.parse(await readFile(path.join(dir, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { version?: string; link?: boolean }>;
  };
  const result = new Set<string>();
  for (const [key, entry] of Object.entries(lock.packages)) {
    if (key === '' || entry.link) continue;
    result.add(`${key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length)}@${entry.version}`);
  }
  return result;
}

interface CdxDocument {
  serialNumber: string;
  metadata: { component: { name: string; version: string; 'bom-ref': string }; timestamp?: string };
  components: Array<{ name: string; group?: string; version: string; purl: string; 'bom-ref': string; scope?: string }>;
  dependencies: Array<{ ref: string; dependsOn?: string[] }>;
}

describe('chainward sbom', () => {
  it('writes a schema-valid CycloneDX 1.6 JSON SBOM listing exactly the lockfile packages', async () => {
    const result = await runCli(['sbom', EXAMPLE]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(cycloneDxJsonErrors(result.stdout)).toEqual([]);
    const bom = JSON.parse(result.stdout) as CdxDocument;
    expect(bom.metadata.component).toMatchObject({ name: 'npm-webapp', version: '1.4.0' });
    const listed = new Set(bom.components.map((c) => `${c.group ? `${c.group}/` : ''}${c.name}@${c.version}`));
    expect(listed).toEqual(await lockfilePackages(EXAMPLE));
    // Every dependency edge points at a listed component, and the root depends on its direct dependencies.
    const refs = new Set([...bom.components.map((c) => c['bom-ref']), bom.metadata.component['bom-ref']]);
    for (const entry of bom.dependencies) for (const target of entry.dependsOn ?? []) expect(refs.has(target)).toBe(true);
    const root = bom.dependencies.find((d) => d.ref === bom.metadata.component['bom-ref']);
    expect(root?.dependsOn).toEqual(
      expect.arrayContaining(['pkg:npm/express@4.18.2', 'pkg:npm/lodash@4.17.20', 'pkg:npm/minimist@1.2.5', 'pkg:npm/pino@8.16.0', 'pkg:npm/jest@29.7.0']),
    );
    expect(bom.components.find((c) => c.name === 'jest' && !c.group)?.scope).toBe('optional');
    expect(bom.components.find((c) => c.name === 'express')?.scope).toBe('required');
  });

  it('leaves development-only components out with --no-dev', async () => {
    const all = JSON.parse((await runCli(['sbom', EXAMPLE])).stdout) as CdxDocument;
    const result = await runCli(['sbom', EXAMPLE, '--no-dev']);
    expect(result.code).toBe(0);
    const prod = JSON.parse(result.stdout) as CdxDocument;
    expect(prod.components.length).toBeLessThan(all.components.length);
    expect(prod.components.some((c) => c.name === 'jest')).toBe(false);
    expect(prod.components.some((c) => c.name === 'express')).toBe(true);
    expect(cycloneDxJsonErrors(result.stdout)).toEqual([]);
  });

  it('writes schema-valid CycloneDX XML, for 1.6 and 1.5', async () => {
    for (const version of ['1.6', '1.5'] as const) {
      const result = await runCli(['sbom', EXAMPLE, '--format', 'cyclonedx-xml', '--spec-version', version]);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain(`xmlns="http://cyclonedx.org/schema/bom/${version}"`);
      expect(await cycloneDxXmlErrors(result.stdout, version)).toEqual([]);
    }
  });

  it('writes schema-valid CycloneDX 1.5 JSON', async () => {
    const result = await runCli(['sbom', EXAMPLE, '--spec-version', '1.5']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ specVersion: '1.5' });
    expect(cycloneDxJsonErrors(result.stdout)).toEqual([]);
  });

  it('is byte-identical across runs with --reproducible, and not without it', async () => {
    const env = { SOURCE_DATE_EPOCH: '1700000000' };
    const [a, b] = await Promise.all([runCli(['sbom', EXAMPLE, '--reproducible'], { env }), runCli(['sbom', EXAMPLE, '--reproducible'], { env })]);
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    expect((JSON.parse(a.stdout) as CdxDocument).metadata.timestamp).toBe('2023-11-14T22:13:20.000Z');
    const [c, d] = await Promise.all([runCli(['sbom', EXAMPLE]), runCli(['sbom', EXAMPLE])]);
    expect((JSON.parse(c.stdout) as CdxDocument).serialNumber).not.toBe((JSON.parse(d.stdout) as CdxDocument).serialNumber);
  });

  it('writes -o files whole, and reports where', async () => {
    const out = path.join(await mkdtemp(path.join(tmpdir(), 'chainward-out-')), 'nested', 'sbom.cdx.json');
    temporary.push(path.dirname(path.dirname(out)));
    const result = await runCli(['sbom', EXAMPLE, '-o', out]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/wrote .*sbom\.cdx\.json \(\d+ components, cyclonedx-json 1\.6\)/);
    expect(cycloneDxJsonErrors(await readFile(out, 'utf8'))).toEqual([]);
  });
});

describe('chainward sbom on bad input', () => {
  it('names file, line and column of a truncated lockfile, exits 2 and writes nothing', async () => {
    const dir = await tempCopy();
    const lockfile = path.join(dir, 'package-lock.json');
    const text = await readFile(lockfile, 'utf8');
    await writeFile(lockfile, text.slice(0, 2000));
    const out = path.join(dir, 'out.json');
    const result = await runCli(['sbom', dir, '-o', out]);
    expect(result.code).toBe(2);
    const lines = text.slice(0, 2000).split('\n');
    expect(result.stderr).toContain(`package-lock.json:${lines.length}:${lines[lines.length - 1].length + 1}: malformed`);
    expect(existsSync(out)).toBe(false);
  });

  it('rejects an unknown lockfile version with the line and column of the key', async () => {
    const dir = await tempCopy();
    const lockfile = path.join(dir, 'package-lock.json');
    await writeFile(lockfile, (await readFile(lockfile, 'utf8')).replace('"lockfileVersion": 3', '"lockfileVersion": 7'));
    const result = await runCli(['sbom', dir]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/package-lock\.json:4:\d+: .*lockfileVersion.*7/);
    expect(result.stdout).toBe('');
  });

  it('requires package.json beside a lockfile', async () => {
    const dir = await tempCopy();
    await rm(path.join(dir, 'package.json'));
    const result = await runCli(['sbom', dir]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('package-lock.json: package.json is missing');
  });

  it('says so when there is no lockfile, and when the directory does not exist', async () => {
    const empty = await mkdtemp(path.join(tmpdir(), 'chainward-empty-'));
    temporary.push(empty);
    const none = await runCli(['sbom', empty]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/no lockfile found in .* \(looked for .*package-lock\.json/);
    const missing = await runCli(['sbom', path.join(empty, 'nope')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no such directory');
  });

  it('refuses a lockfile over the size limit', async () => {
    const result = await runCli(['sbom', EXAMPLE, '--max-file-size', '10KB']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/package-lock\.json: file is .* over the 10240 bytes limit/);
  });

  it('exits 2 on bad usage', async () => {
    const unknown = await runCli(['sbom', EXAMPLE, '--format', 'pdf']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("argument 'pdf' is invalid");
    expect((await runCli(['sbom'])).code).toBe(2);
    expect((await runCli(['frobnicate'])).code).toBe(2);
  });
});

describe('chainward --help', () => {
  it.each([[[]], [['sbom']], [['scan']], [['scans']], [['scans', 'list']], [['scans', 'show']], [['scans', 'diff']], [['serve']], [['db', 'migrate']]])(
    'explains %j and exits 0',
    async (command) => {
      const result = await runCli([...command, '--help']);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/^Usage: chainward/);
    },
  );
});
