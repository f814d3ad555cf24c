import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { cycloneDxJsonErrors, cycloneDxXmlErrors } from '../support/cyclonedx-schema.js';
import { copyToTemp, FIXTURES, runCli } from '../support/cli.js';

const PYPI = path.join(FIXTURES, 'pypi');
const temporary: string[] = [];
afterAll(async () => {
  await Promise.all(temporary.map((dir) => rm(dir, { recursive: true, force: true })));
});

interface CdxComponent {
  name: string;
  version?: string;
  purl: string;
  'bom-ref': string;
  scope?: string;
  hashes?: Array<{ alg: string; content: string }>;
  properties?: Array<{ name: string; value: string }>;
}
interface CdxDocument {
  metadata: { component: { name: string; version?: string; purl?: string; 'bom-ref': string } };
  components: CdxComponent[];
  dependencies: Array<{ ref: string; dependsOn?: string[] }>;
}

const property = (component: CdxComponent | undefined, name: string): string | undefined => component?.properties?.find((p) => p.name === name)?.value;

describe('chainward sbom on Python projects', () => {
  it.each([
    // fixture, components besides the metadata component, metadata purl
    ['poetry-lock-2.1', 78, 'pkg:pypi/poetry@2.5.0.dev0'],
    ['pydantic-uv-2025-01', 111, 'pkg:pypi/pydantic@2.10.5'],
    ['pipenv-pipfile-2023', 81, 'pkg:pypi/pipenv'],
    ['warehouse-requirements-2023', 150, 'pkg:pypi/project'],
  ] as const)('%s: schema-valid CycloneDX 1.6 with exactly the locked packages', async (fixture, count, metadataPurl) => {
    const result = await runCli(['sbom', path.join(PYPI, fixture)]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(cycloneDxJsonErrors(result.stdout)).toEqual([]);
    const bom = JSON.parse(result.stdout) as CdxDocument;
    expect(bom.metadata.component.purl).toBe(metadataPurl);
    expect(bom.components).toHaveLength(count);
    expect(bom.components.every((c) => c.purl.startsWith('pkg:pypi/'))).toBe(true);
    const refs = new Set([...bom.components.map((c) => c['bom-ref']), bom.metadata.component['bom-ref']]);
    for (const entry of bom.dependencies) for (const target of entry.dependsOn ?? []) expect(refs.has(target)).toBe(true);
  });

  it('a uv workspace (two members, one without a version): schema-valid CycloneDX XML', async () => {
    const result = await runCli(['sbom', path.join(PYPI, 'pydantic-uv-rev3'), '--format', 'cyclonedx-xml']);
    expect(result.code).toBe(0);
    expect(await cycloneDxXmlErrors(result.stdout, '1.6')).toEqual([]);
    expect(result.stdout).toContain('<purl>pkg:pypi/pydantic-core</purl>');
  });

  it('leaves development groups out with --no-dev', async () => {
    const all = JSON.parse((await runCli(['sbom', path.join(PYPI, 'poetry-lock-1.1')])).stdout) as CdxDocument;
    const result = await runCli(['sbom', path.join(PYPI, 'poetry-lock-1.1'), '--no-dev']);
    expect(result.code).toBe(0);
    const prod = JSON.parse(result.stdout) as CdxDocument;
    // 83 locked packages, 33 of category "dev".
    expect(all.components).toHaveLength(83);
    expect(prod.components).toHaveLength(50);
    expect(prod.components.some((c) => c.name === 'pytest')).toBe(false);
    expect(prod.components.find((c) => c.name === 'requests')).toMatchObject({ version: '2.28.1', scope: 'required' });
  });

  it('writes declared-only components (pyproject.toml alone, unpinned requirements) without a version, and still valid', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'chainward-pypi-e2e-'));
    temporary.push(dir);
    await writeFile(path.join(dir, 'pyproject.toml'), '[project]\nname = "svc"\nversion = "0.1.0"\ndependencies = ["fastapi>=0.110", "uvicorn==0.29.0"]\n');
    await mkdir(path.join(dir, 'worker'));
    await writeFile(path.join(dir, 'worker', 'requirements.txt'), 'celery[redis]>=5.3 ; python_version >= "3.9"\n');
    const result = await runCli(['sbom', dir]);
    expect(result.code).toBe(0);
    expect(cycloneDxJsonErrors(result.stdout)).toEqual([]);
    const bom = JSON.parse(result.stdout) as CdxDocument;
    const fastapi = bom.components.find((c) => c.name === 'fastapi');
    expect(fastapi).toMatchObject({ purl: 'pkg:pypi/fastapi' });
    expect(fastapi && 'version' in fastapi).toBe(false);
    expect(property(fastapi, 'chainward:declared-only')).toBe('true');
    expect(property(fastapi, 'chainward:version-constraint')).toBe('>=0.110');
    expect(bom.components.find((c) => c.name === 'uvicorn')?.version).toBe('0.29.0');
    const celery = bom.components.find((c) => c.name === 'celery');
    expect(property(celery, 'chainward:unpinned')).toBe('true');
    expect(property(celery, 'chainward:pypi:marker')).toBe('python_version >= "3.9"');
    expect(property(celery, 'chainward:pypi:extras')).toBe('redis');
  });

  it('exits 2 naming file, line and column for a truncated poetry.lock, and writes nothing', async () => {
    const dir = await copyToTemp(path.join(PYPI, 'poetry-lock-2.1'));
    temporary.push(dir);
    const lock = await readFile(path.join(dir, 'poetry.lock'), 'utf8');
    const cut = lock.indexOf('files = [', 5000) + 20;
    await writeFile(path.join(dir, 'poetry.lock'), lock.slice(0, cut));
    const lines = lock.slice(0, cut).split('\n');
    const output = path.join(dir, 'sbom.json');
    const result = await runCli(['sbom', dir, '-o', output]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    // Cut inside `{file = ...}` on the last line: the parser stops at the key it cannot finish.
    const last = lines[lines.length - 1];
    expect(result.stderr).toContain(`poetry.lock:${lines.length}:${last.indexOf('file') + 1}: malformed poetry.lock: incomplete key-value`);
    await expect(readFile(output, 'utf8')).rejects.toThrow();
  });
});
