import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { FIXTURES, runCli } from '../support/cli.js';
import { cycloneDxJsonErrors } from '../support/cyclonedx-schema.js';
import { spdxJsonErrors } from '../support/spdx-schema.js';

const temporary: string[] = [];
const tempDir = async (): Promise<string> => {
  const dir = await mkdtemp(path.join(tmpdir(), 'chainward-interchange-'));
  temporary.push(dir);
  return dir;
};
afterAll(async () => Promise.all(temporary.map((dir) => rm(dir, { recursive: true, force: true }))));

const NIGHTSCOUT = path.join(FIXTURES, 'npm', 'nightscout-lock-v3');

interface CdxComponent {
  purl: string;
  licenses?: Array<{ license?: { id?: string; name?: string; properties?: Array<{ name: string; value: string }> }; expression?: string }>;
  properties?: Array<{ name: string; value: string }>;
}

describe('chainward sbom --format spdx-json', () => {
  it('writes SPDX 2.3 valid against the official schema, one package per component, reproducibly', async () => {
    const env = { SOURCE_DATE_EPOCH: '1700000000' };
    const result = await runCli(['sbom', NIGHTSCOUT, '--format', 'spdx-json', '--reproducible'], { env });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(spdxJsonErrors(result.stdout)).toEqual([]);
    const spdx = JSON.parse(result.stdout) as { creationInfo: { created: string; creators: string[] }; packages: unknown[]; documentNamespace: string };
    expect(spdx.creationInfo.created).toBe('2023-11-14T22:13:20Z');
    expect(spdx.creationInfo.creators).toEqual([expect.stringMatching(/^Tool: chainward-\d+\.\d+\.\d+/)]);
    const cdx = JSON.parse((await runCli(['sbom', NIGHTSCOUT])).stdout) as { components: unknown[] };
    // CycloneDX lists the project in metadata; SPDX lists it as a package.
    expect(spdx.packages).toHaveLength(cdx.components.length + 1);
    expect((await runCli(['sbom', NIGHTSCOUT, '--format', 'spdx-json', '--reproducible'], { env })).stdout).toBe(result.stdout);
  });

  it('records in CycloneDX where each licence was read and the text it was corrected from, schema-valid', async () => {
    const result = await runCli(['sbom', NIGHTSCOUT]);
    expect(cycloneDxJsonErrors(result.stdout)).toEqual([]);
    const bom = JSON.parse(result.stdout) as { components: CdxComponent[] };
    const parser = bom.components.find((c) => c.purl === 'pkg:npm/mongo-url-parser@1.0.2');
    expect(parser?.licenses).toEqual([
      {
        license: {
          id: 'Apache-2.0',
          acknowledgement: 'declared',
          properties: [
            { name: 'chainward:license:original', value: 'Apache 2.0' },
            { name: 'chainward:license:source', value: 'lockfile' },
          ],
        },
      },
    ]);
    const named = bom.components.filter((c) => c.licenses?.some((l) => l.license?.name === 'MIT/X11'));
    expect(named.length).toBe(2);
  });
});

describe('chainward sbom import', () => {
  const DOCUMENTS: Array<[file: string, repository: string, components: number, madeBy: string]> = [
    ['cdxgen/npm-webapp.cdx.json', 'npm-webapp', 356, 'cyclonedx-json 1.6, made by @cyclonedx/cdxgen 12.8.4'],
    ['cdxgen/bookstack-lock-v1.cdx.json', 'bookstack-lock-v1', 125, 'cyclonedx-json 1.4, made by cdxgen 12.8.4'],
    ['syft/sca-lab.syft.spdx.json', 'sca-lab', 4, 'spdx-json 2.3, made by syft 1.52.0'],
    ['trivy/repository-no-packages.trivy.spdx.json', 'repository-no-packages', 0, 'spdx-json 2.3, made by trivy 0.71.2'],
    ['trivy/flclash-fs.trivy.cdx.json', 'flclash-fs', 258, 'cyclonedx-json 1.5, made by trivy 0.52.2'],
    [
      'github/sounds-believable.dependency-graph.spdx.json',
      'darcyclarke/sounds-believable-often-misleading',
      147,
      'spdx-json 2.3, made by protobom v0.0.0-20260130170711-0b8e67cacb3b+dirty, GitHub.com-Dependency-Graph',
    ],
  ];

  it.each(DOCUMENTS)('stores %s as a scan of %s that `scans show` describes as imported', async (file, repository, components, madeBy) => {
    const home = await tempDir();
    const imported = await runCli(['sbom', 'import', path.join(FIXTURES, 'sbom', file), '--json'], { env: { CHAINWARD_HOME: home } });
    expect(imported.code).toBe(0);
    const view = JSON.parse(imported.stdout) as { id: string; repository: { name: string; location: string }; components: number; origin: string; importedFrom: { file: string; tools: unknown[] } };
    expect(view).toMatchObject({ repository: { name: repository, location: `sbom:${repository}` }, components, origin: 'import', importedFrom: { file: path.basename(file) } });
    const shown = await runCli(['scans', 'show', view.id], { env: { CHAINWARD_HOME: home } });
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain(`  repository: ${repository} (sbom:${repository})`);
    expect(shown.stdout).toContain(`  imported:   ${path.basename(file)} (${madeBy})`);
    expect(shown.stdout).toContain(`  components: ${components} (`);
  });

  it('matches advisories on GitHub\'s dependency-graph export with `chainward findings`: none of its packages is in an affected range', async () => {
    const home = await tempDir();
    const env = { CHAINWARD_HOME: home };
    expect((await runCli(['advisories', 'import', path.join(FIXTURES, 'advisories', 'osv')], { env })).code).toBe(0);
    const imported = await runCli(['sbom', 'import', path.join(FIXTURES, 'sbom', 'github', 'sounds-believable.dependency-graph.spdx.json'), '--json'], { env });
    expect(imported.code).toBe(0);
    const view = JSON.parse(imported.stdout) as { id: string; components: number; findings: number | null };
    // qs 6.14.1 is past every fixed version of GHSA-hrpp-h998-j3pp, semver 7.7.3 past GHSA-c2qf-rxjj-qqgw's.
    expect(view).toMatchObject({ components: 147, findings: 0 });
    const findings = await runCli(['findings', view.id, '--json'], { env });
    expect(findings.code).toBe(0);
    expect(JSON.parse(findings.stdout)).toEqual({ scan: view.id, repository: 'darcyclarke/sounds-believable-often-misleading', findings: [] });
  });

  it('files the scan under --repo, and the stored document is the imported file byte for byte', async () => {
    const home = await tempDir();
    const file = path.join(FIXTURES, 'sbom', 'syft', 'sca-lab.syft.spdx.json');
    const view = JSON.parse((await runCli(['sbom', 'import', file, '--repo', 'payments-api', '--json'], { env: { CHAINWARD_HOME: home } })).stdout) as { repository: { name: string }; sbom: { digest: string } };
    expect(view.repository.name).toBe('payments-api');
    const { createHash } = await import('node:crypto');
    expect(view.sbom.digest).toBe(createHash('sha256').update(await readFile(file, 'utf8')).digest('hex'));
  });

  it('refuses a malformed document with file:line:column, exit 2, and stores nothing', async () => {
    const home = await tempDir();
    const bad = path.join(home, 'bad.cdx.json');
    await writeFile(bad, '{\n  "bomFormat": "CycloneDX",\n  "specVersion": "1.6",\n  "components": [ { "name": "a" } ]]\n}\n');
    const result = await runCli(['sbom', 'import', bad], { env: { CHAINWARD_HOME: home } });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(new RegExp(`^chainward: ${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:4:36: malformed SBOM JSON`));
    expect((await runCli(['scans', 'list', '--json'], { env: { CHAINWARD_HOME: home } })).stdout.trim()).toBe('[]');
  });
});

describe('chainward sbom diff', () => {
  it('compares the SBOMs of the bookstack v1 and v3 lockfiles across formats, exiting 1 with --exit-code', async () => {
    const dir = await tempDir();
    const before = path.join(dir, 'v1.cdx.xml');
    const after = path.join(dir, 'v3.spdx.json');
    expect((await runCli(['sbom', path.join(FIXTURES, 'npm', 'bookstack-lock-v1'), '--format', 'cyclonedx-xml', '-o', before])).code).toBe(0);
    expect((await runCli(['sbom', path.join(FIXTURES, 'npm', 'bookstack-lock-v3'), '--format', 'spdx-json', '-o', after])).code).toBe(0);
    const text = await runCli(['sbom', 'diff', before, after, '--exit-code']);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('~ codemirror 5.60.0 -> 6.0.1 (npm)\n');
    expect(text.stdout).toContain('- pkg:npm/dropzone@5.9.2\n');
    expect(text.stdout.trim().split('\n').at(-1)).toBe('506 added, 8 removed, 52 changed version, 0 changed licence');
    const json = JSON.parse((await runCli(['sbom', 'diff', before, after, '--json'])).stdout) as { added: string[]; removed: string[]; changedVersion: unknown[] };
    expect([json.added.length, json.removed.length, json.changedVersion.length]).toEqual([506, 8, 52]);
  });

  it('finds no difference between cdxgen\'s SBOM of a project and ours, and exits 0', async () => {
    const dir = await tempDir();
    const ours = path.join(dir, 'ours.spdx.json');
    await runCli(['sbom', path.join(FIXTURES, 'npm', 'bookstack-lock-v1'), '--format', 'spdx-json', '-o', ours]);
    const result = await runCli(['sbom', 'diff', path.join(FIXTURES, 'sbom', 'cdxgen', 'bookstack-lock-v1.cdx.json'), ours, '--exit-code']);
    expect(result).toMatchObject({ code: 0, stdout: 'No component changes.\n' });
  });
});

describe('chainward sbom --licenses registry', () => {
  it('fills the licences a yarn lockfile lacks from the npm registry, then from the cache alone', async () => {
    const home = await tempDir();
    const project = path.join(FIXTURES, 'yarn', 'vue-core-classic-v1');
    const licensed = (stdout: string): CdxComponent[] => (JSON.parse(stdout) as { components: CdxComponent[] }).components;
    const without = licensed((await runCli(['sbom', project, '--no-dev'], { env: { CHAINWARD_HOME: home } })).stdout);
    expect(without.filter((c) => c.licenses?.length)).toHaveLength(0);

    const online = await runCli(['sbom', project, '--no-dev', '--licenses', 'registry', '--reproducible'], { env: { CHAINWARD_HOME: home } });
    expect(online.code).toBe(0);
    const components = licensed(online.stdout);
    expect(components).toHaveLength(89);
    expect(components.filter((c) => c.licenses?.length)).toHaveLength(89);
    const source = (c: CdxComponent): string | undefined => c.properties?.find((p) => p.name === 'chainward:license:source')?.value;
    expect(components.every((c) => source(c) === 'registry')).toBe(true);
    expect(components.find((c) => c.purl === 'pkg:npm/lru-cache@5.1.1')?.licenses).toEqual([
      { license: { id: 'ISC', acknowledgement: 'declared', properties: [{ name: 'chainward:license:source', value: 'registry' }] } },
    ]);
    expect(components.every((c) => c.properties?.some((p) => p.name === 'chainward:release-date'))).toBe(true);

    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    await new Promise((resolve) => server.close(resolve));
    const offline = await runCli(['sbom', project, '--no-dev', '--licenses', 'registry', '--reproducible'], { env: { CHAINWARD_HOME: home, CHAINWARD_REGISTRY_NPM: `http://127.0.0.1:${port}` } });
    expect(offline.stdout).toBe(online.stdout);
    expect(offline.stderr).not.toContain('unreachable');
  });
});
