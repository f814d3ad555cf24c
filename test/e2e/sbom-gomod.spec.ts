import { existsSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { cycloneDxJsonErrors, cycloneDxXmlErrors } from '../support/cyclonedx-schema.js';
import { copyToTemp, FIXTURES, runCli } from '../support/cli.js';

const FIXTURE = path.join(FIXTURES, 'gomod', 'gh-cli-2023');
const temporary: string[] = [];
afterAll(async () => {
  await Promise.all(temporary.map((dir) => rm(dir, { recursive: true, force: true })));
});

interface CdxComponent {
  name: string;
  version?: string;
  purl: string;
  'bom-ref': string;
  properties?: Array<{ name: string; value: string }>;
}
interface CdxDocument {
  metadata: { component: CdxComponent };
  components: CdxComponent[];
  dependencies: Array<{ ref: string; dependsOn?: string[] }>;
}

/** The go.mod's requirements read with a regex (path version), the replaced one swapped by hand. */
async function expectedModules(): Promise<string[]> {
  const text = await readFile(path.join(FIXTURE, 'go.mod'), 'utf8');
  const modules = [...text.matchAll(/^\t(\S+) (v\S+)/gm)].map((m) => `${m[1]}@${m[2]}`);
  return modules.map((m) => (m === 'golang.org/x/crypto@v0.12.0' ? 'github.com/cli/crypto@v0.0.0-20210929142629-6be313f59b03' : m)).sort();
}

describe('chainward sbom on a Go module', () => {
  it('writes a schema-valid CycloneDX 1.6 SBOM with one component per go.mod requirement', async () => {
    const result = await runCli(['sbom', FIXTURE]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(cycloneDxJsonErrors(result.stdout)).toEqual([]);
    const bom = JSON.parse(result.stdout) as CdxDocument;
    expect(bom.metadata.component).toMatchObject({ name: 'github.com/cli/cli/v2', purl: 'pkg:golang/github.com/cli/cli/v2' });
    expect(bom.metadata.component.version).toBeUndefined();
    expect(bom.components.map((c) => `${c.name}@${c.version}`).sort()).toEqual(await expectedModules());
    expect(bom.components).toHaveLength(81);
    const net = bom.components.find((c) => c.purl === 'pkg:golang/golang.org/x/net@v0.14.0');
    expect(net?.properties).toEqual(
      expect.arrayContaining([
        { name: 'chainward:dependency:direct', value: 'false' },
        { name: 'chainward:go:sum', value: 'h1:BONx9s002vGdD9umnlX1Po8vOZmrgH34qlHcD1MfK14=' },
      ]),
    );
    const root = bom.dependencies.find((d) => d.ref === bom.metadata.component['bom-ref']);
    expect(root?.dependsOn).toHaveLength(81);

    const xml = await runCli(['sbom', FIXTURE, '--format', 'cyclonedx-xml']);
    expect(xml.code).toBe(0);
    expect(await cycloneDxXmlErrors(xml.stdout, '1.6')).toEqual([]);
  });

  it('names file, line and column of a cut-off go.mod, exits 2 and writes nothing', async () => {
    const dir = await copyToTemp(FIXTURE);
    temporary.push(dir);
    const text = await readFile(path.join(dir, 'go.mod'), 'utf8');
    const cut = text.slice(0, text.indexOf('github.com/cli/oauth') + 'github.com/cli/oauth v1.'.length);
    await writeFile(path.join(dir, 'go.mod'), cut);
    const out = path.join(dir, 'sbom.json');
    const result = await runCli(['sbom', dir, '-o', out]);
    expect(result.code).toBe(2);
    const lines = cut.split('\n');
    expect(result.stderr).toContain(`go.mod:${lines.length}:${lines[lines.length - 1].length + 1}: malformed go.mod: unterminated require block (opened at line 5, column 9)`);
    expect(existsSync(out)).toBe(false);
  });
});
