import { existsSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { cycloneDxJsonErrors, cycloneDxXmlErrors } from '../support/cyclonedx-schema.js';
import { copyToTemp, FIXTURES, runCli } from '../support/cli.js';

const FIXTURE = path.join(FIXTURES, 'cargo', 'ripgrep-cargo-lock-v3');
const temporary: string[] = [];
afterAll(async () => {
  await Promise.all(temporary.map((dir) => rm(dir, { recursive: true, force: true })));
});

interface CdxComponent {
  type: string;
  name: string;
  version: string;
  purl: string;
  'bom-ref': string;
  scope?: string;
  hashes?: Array<{ alg: string; content: string }>;
  licenses?: Array<{ expression?: string }>;
}
interface CdxDocument {
  metadata: { component: CdxComponent };
  components: CdxComponent[];
  dependencies: Array<{ ref: string; dependsOn?: string[] }>;
}

/** name@version of each [[package]] of the lockfile, read with a regex. */
async function lockedPackages(): Promise<string[]> {
  const text = await readFile(path.join(FIXTURE, 'Cargo.lock'), 'utf8');
  return [...text.matchAll(/^\[\[package\]\]\nname = "([^"]+)"\nversion = "([^"]+)"/gm)].map((m) => `${m[1]}@${m[2]}`).sort();
}

describe('chainward sbom on a Cargo workspace', () => {
  it('writes a schema-valid CycloneDX 1.6 SBOM listing exactly the locked packages, warning about absent members', async () => {
    const result = await runCli(['sbom', FIXTURE]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('workspace members without a Cargo.toml in the scanned tree: crates/globset');
    expect(cycloneDxJsonErrors(result.stdout)).toEqual([]);
    const bom = JSON.parse(result.stdout) as CdxDocument;
    expect(bom.metadata.component).toMatchObject({ type: 'application', name: 'ripgrep', version: '14.1.1', purl: 'pkg:cargo/ripgrep@14.1.1', licenses: [{ expression: 'Unlicense OR MIT' }] });
    const listed = [...bom.components, bom.metadata.component].map((c) => `${c.name}@${c.version}`).sort();
    expect(listed).toEqual(await lockedPackages());
    expect(listed).toHaveLength(68);
    expect(bom.components.find((c) => c.purl === 'pkg:cargo/regex@1.11.1')).toMatchObject({
      scope: 'required',
      hashes: [{ alg: 'SHA-256', content: 'b544ef1b4eac5dc2db33ea63606ae9ffcfac26c1416a2806ae0bf5f56b201191' }],
    });
    expect(bom.dependencies.reduce((n, d) => n + (d.dependsOn?.length ?? 0), 0)).toBe(143);

    const xml = await runCli(['sbom', FIXTURE, '--format', 'cyclonedx-xml']);
    expect(xml.code).toBe(0);
    expect(await cycloneDxXmlErrors(xml.stdout, '1.6')).toEqual([]);
  });

  it('names file, line and column of a cut-off Cargo.lock, exits 2 and writes nothing', async () => {
    const dir = await copyToTemp(FIXTURE);
    temporary.push(dir);
    const text = await readFile(path.join(dir, 'Cargo.lock'), 'utf8');
    const cut = text.slice(0, text.indexOf('checksum = "', text.indexOf('name = "bstr"')) + 'checksum = "'.length + 10);
    await writeFile(path.join(dir, 'Cargo.lock'), cut);
    const out = path.join(dir, 'sbom.json');
    const result = await runCli(['sbom', dir, '-o', out]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(new RegExp(`Cargo\\.lock:${cut.split('\n').length}:\\d+: malformed Cargo\\.lock: `));
    expect(existsSync(out)).toBe(false);
  });
});
