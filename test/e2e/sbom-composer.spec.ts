import { existsSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { cycloneDxJsonErrors } from '../support/cyclonedx-schema.js';
import { copyToTemp, FIXTURES, runCli } from '../support/cli.js';

const FIXTURE = path.join(FIXTURES, 'composer', 'bookstack-2022');
const temporary: string[] = [];
afterAll(async () => {
  await Promise.all(temporary.map((dir) => rm(dir, { recursive: true, force: true })));
});

interface CdxDocument {
  metadata: { component: { group?: string; name: string; 'bom-ref': string; licenses?: unknown[] } };
  components: Array<{ group?: string; name: string; version?: string; purl: string; scope?: string; licenses?: Array<{ license?: { id?: string } }> }>;
  dependencies: Array<{ ref: string; dependsOn?: string[] }>;
}

describe('chainward sbom on a Composer project', () => {
  it('writes a schema-valid CycloneDX 1.6 SBOM with every locked package and its licence', async () => {
    const result = await runCli(['sbom', FIXTURE]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(cycloneDxJsonErrors(result.stdout)).toEqual([]);
    const bom = JSON.parse(result.stdout) as CdxDocument;
    expect(bom.metadata.component).toMatchObject({ group: 'bookstackapp', name: 'bookstack', 'bom-ref': 'pkg:composer/bookstackapp/bookstack' });
    expect(bom.components).toHaveLength(157);
    expect(bom.components.filter((c) => c.scope === 'optional')).toHaveLength(54);
    const kernel = bom.components.find((c) => c.purl === 'pkg:composer/symfony/http-kernel@v5.4.15');
    expect(kernel).toMatchObject({ group: 'symfony', name: 'http-kernel', version: 'v5.4.15', scope: 'required' });
    expect(kernel?.licenses?.[0]?.license?.id).toBe('MIT');
    expect(bom.dependencies.find((d) => d.ref === 'pkg:composer/bookstackapp/bookstack')?.dependsOn).toHaveLength(34);
  });

  it('leaves packages-dev out with --no-dev', async () => {
    const result = await runCli(['sbom', FIXTURE, '--no-dev']);
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as CdxDocument).components).toHaveLength(103);
  });

  it('names file, line and column of a truncated composer.lock, exits 2 and writes nothing', async () => {
    const dir = await copyToTemp(FIXTURE);
    temporary.push(dir);
    const lockfile = path.join(dir, 'composer.lock');
    const cut = (await readFile(lockfile, 'utf8')).slice(0, 5000);
    await writeFile(lockfile, cut);
    const out = path.join(dir, 'sbom.json');
    const result = await runCli(['sbom', dir, '-o', out]);
    expect(result.code).toBe(2);
    const lines = cut.split('\n');
    expect(result.stderr).toContain(`composer.lock:${lines.length}:${(lines[lines.length - 1] as string).length + 1}: malformed composer.lock JSON`);
    expect(existsSync(out)).toBe(false);
  });
});
