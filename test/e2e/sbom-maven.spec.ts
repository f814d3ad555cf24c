import { existsSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { copyToTemp, FIXTURES, runCli } from '../support/cli.js';
import { cycloneDxJsonErrors, cycloneDxXmlErrors } from '../support/cyclonedx-schema.js';

const MALL = path.join(FIXTURES, 'maven', 'macrozheng-mall');
const temporary: string[] = [];
afterAll(async () => {
  await Promise.all(temporary.map((dir) => rm(dir, { recursive: true, force: true })));
});

interface CdxDocument {
  metadata: { component: { 'bom-ref': string; name: string; version: string } };
  components: Array<{ 'bom-ref': string; type: string; name: string; version?: string; purl: string; scope?: string; properties?: Array<{ name: string; value: string }> }>;
  dependencies: Array<{ ref: string; dependsOn?: string[] }>;
}

describe('chainward sbom on a Maven reactor', () => {
  it('writes a schema-valid CycloneDX 1.6 SBOM: one root per module, declared dependencies without invented versions', async () => {
    const result = await runCli(['sbom', MALL]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(cycloneDxJsonErrors(result.stdout)).toEqual([]);
    const bom = JSON.parse(result.stdout) as CdxDocument;
    expect(bom.metadata.component).toMatchObject({ 'bom-ref': 'pkg:maven/com.macro.mall/mall@1.0-SNAPSHOT', name: 'mall', version: '1.0-SNAPSHOT' });
    // 7 modules besides the top POM, and 27 declared libraries (counted independently of the parser).
    expect(bom.components.filter((c) => c.type === 'application')).toHaveLength(7);
    expect(bom.components.filter((c) => c.type === 'library')).toHaveLength(27);
    const web = bom.components.find((c) => c.purl === 'pkg:maven/org.springframework.boot/spring-boot-starter-web');
    // No version is written at all rather than an empty or a guessed one.
    expect(web && 'version' in web).toBe(false);
    expect(web?.properties).toEqual(
      expect.arrayContaining([
        { name: 'chainward:declared-only', value: 'true' },
        { name: 'chainward:maven:version-managed-outside', value: 'org.springframework.boot:spring-boot-starter-parent:2.7.5' },
      ]),
    );
    const admin = bom.dependencies.find((d) => d.ref === 'pkg:maven/com.macro.mall/mall-admin@1.0-SNAPSHOT');
    expect(admin?.dependsOn).toEqual(expect.arrayContaining(['pkg:maven/com.macro.mall/mall-mbg@1.0-SNAPSHOT', 'pkg:maven/io.minio/minio@8.4.5']));

    const xml = await runCli(['sbom', MALL, '--format', 'cyclonedx-xml']);
    expect(xml.code).toBe(0);
    expect(await cycloneDxXmlErrors(xml.stdout, '1.6')).toEqual([]);
  });

  it('leaves test-scoped dependencies out with --no-dev', async () => {
    const result = await runCli(['sbom', MALL, '--no-dev']);
    expect(result.code).toBe(0);
    const bom = JSON.parse(result.stdout) as CdxDocument;
    expect(bom.components.filter((c) => c.type === 'library')).toHaveLength(26);
    expect(bom.components.some((c) => c.name === 'spring-boot-starter-test')).toBe(false);
  });

  it('reports a truncated module POM with file, line and column, exits 2 and writes nothing', async () => {
    const dir = await copyToTemp(MALL);
    temporary.push(dir);
    const file = path.join(dir, 'mall-admin', 'pom.xml');
    const text = (await readFile(file, 'utf8')).slice(0, 900);
    await writeFile(file, text);
    const out = path.join(dir, 'out.json');
    const result = await runCli(['sbom', dir, '-o', out]);
    expect(result.code).toBe(2);
    const lines = text.split('\n');
    expect(result.stderr).toContain(`mall-admin/pom.xml:${lines.length}:${(lines.at(-1) as string).length + 1}: malformed Maven POM: `);
    expect(existsSync(out)).toBe(false);
  });
});
