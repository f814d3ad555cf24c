import { existsSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { copyToTemp, FIXTURES, runCli } from '../support/cli.js';
import { cycloneDxJsonErrors, cycloneDxXmlErrors } from '../support/cyclonedx-schema.js';

const JABREF = path.join(FIXTURES, 'gradle', 'jabref');
const RETROFIT = path.join(FIXTURES, 'gradle', 'retrofit');
const temporary: string[] = [];
afterAll(async () => {
  await Promise.all(temporary.map((dir) => rm(dir, { recursive: true, force: true })));
});

interface CdxDocument {
  metadata: { component: { 'bom-ref': string } };
  components: Array<{ type: string; name: string; group?: string; version?: string; purl: string; scope?: string }>;
  dependencies: Array<{ ref: string; dependsOn?: string[] }>;
}

/** What the lockfile pins, read independently: `group:name:version` before `=`, without the `empty` line. */
async function lockedPurls(file: string): Promise<string[]> {
  const text = await readFile(file, 'utf8');
  return [...text.matchAll(/^([^#\s=:]+):([^\s=:]+):([^\s=:]+)=/gm)].map((m) => `pkg:maven/${m[1]}/${m[2]}@${m[3]}`).sort();
}

describe('chainward sbom on Gradle files', () => {
  it('writes a schema-valid CycloneDX 1.6 SBOM with exactly the lockfile modules', async () => {
    const result = await runCli(['sbom', JABREF]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(cycloneDxJsonErrors(result.stdout)).toEqual([]);
    const bom = JSON.parse(result.stdout) as CdxDocument;
    expect(bom.components.map((c) => c.purl).sort()).toEqual(await lockedPurls(path.join(JABREF, 'gradle.lockfile')));
    expect(bom.components).toHaveLength(199);
    const root = bom.dependencies.find((d) => d.ref === bom.metadata.component['bom-ref']);
    expect(root?.dependsOn).toHaveLength(199);
    expect(bom.components.find((c) => c.purl === 'pkg:maven/org.yaml/snakeyaml@1.30')?.scope).toBe('required');

    const noDev = JSON.parse((await runCli(['sbom', JABREF, '--no-dev'])).stdout) as CdxDocument;
    expect(noDev.components).toHaveLength(120);

    const xml = await runCli(['sbom', JABREF, '--format', 'cyclonedx-xml']);
    expect(await cycloneDxXmlErrors(xml.stdout, '1.6')).toEqual([]);
  });

  it('reads a version catalog alone as declared components', async () => {
    const result = await runCli(['sbom', RETROFIT]);
    expect(result.code).toBe(0);
    expect(cycloneDxJsonErrors(result.stdout)).toEqual([]);
    const bom = JSON.parse(result.stdout) as CdxDocument;
    expect(bom.components).toHaveLength(53);
    expect(bom.components.find((c) => c.name === 'protobuf-java')).toMatchObject({ group: 'com.google.protobuf', version: '3.25.5' });
  });

  it('reports a truncated lockfile with file, line and column and exits 2', async () => {
    const dir = await copyToTemp(JABREF);
    temporary.push(dir);
    const file = path.join(dir, 'gradle.lockfile');
    const full = await readFile(file, 'utf8');
    // Cut inside the coordinates of a line, as an interrupted write would.
    const text = full.slice(0, full.indexOf('\n', 1000) + 15);
    await writeFile(file, text);
    const out = path.join(dir, 'out.json');
    const result = await runCli(['sbom', dir, '-o', out]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`gradle.lockfile:${text.split('\n').length}:1: malformed Gradle lockfile: expected group:name:version=configurations`);
    expect(existsSync(out)).toBe(false);
  });
});
