import { existsSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { cycloneDxJsonErrors, cycloneDxXmlErrors } from '../support/cyclonedx-schema.js';
import { copyToTemp, FIXTURES, runCli } from '../support/cli.js';

const FIXTURE = path.join(FIXTURES, 'rubygems', 'rubygems-org-2026');
const temporary: string[] = [];
afterAll(async () => {
  await Promise.all(temporary.map((dir) => rm(dir, { recursive: true, force: true })));
});

interface CdxDocument {
  metadata: { component: { name: string; 'bom-ref': string } };
  components: Array<{ name: string; version?: string; purl: string; scope?: string; hashes?: Array<{ alg: string; content: string }> }>;
  dependencies: Array<{ ref: string; dependsOn?: string[] }>;
}

describe('chainward sbom on a Bundler project', () => {
  it('writes a schema-valid CycloneDX 1.6 SBOM with one component per locked gem', async () => {
    const result = await runCli(['sbom', FIXTURE]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(cycloneDxJsonErrors(result.stdout)).toEqual([]);
    const bom = JSON.parse(result.stdout) as CdxDocument;
    expect(bom.metadata.component).toMatchObject({ name: 'project', 'bom-ref': 'pkg:gem/project' });
    expect(bom.components).toHaveLength(298);
    expect(bom.components.find((c) => c.purl === 'pkg:gem/rack@3.2.6')).toMatchObject({ scope: 'required', hashes: [{ alg: 'SHA-256' }] });
    expect(bom.components.find((c) => c.purl === 'pkg:gem/rubocop@1.89.0')?.scope).toBe('optional');
    expect(bom.dependencies.find((d) => d.ref === 'pkg:gem/project')?.dependsOn).toHaveLength(120);
  });

  it('writes schema-valid CycloneDX 1.6 XML', async () => {
    const result = await runCli(['sbom', FIXTURE, '--format', 'cyclonedx-xml']);
    expect(result.code).toBe(0);
    expect(await cycloneDxXmlErrors(result.stdout, '1.6')).toEqual([]);
  });

  it('names file, line and column of a damaged Gemfile.lock, exits 2 and writes nothing', async () => {
    const dir = await copyToTemp(FIXTURE);
    temporary.push(dir);
    const lockfile = path.join(dir, 'Gemfile.lock');
    const lines = (await readFile(lockfile, 'utf8')).split('\n');
    lines[33] = '    actioncable (8.1.3.1';
    await writeFile(lockfile, lines.join('\n'));
    const out = path.join(dir, 'sbom.json');
    const result = await runCli(['sbom', dir, '-o', out]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Gemfile.lock:34:5: malformed Gemfile.lock: "actioncable (8.1.3.1" is not "name (version)"');
    expect(existsSync(out)).toBe(false);
  });
});
