/**
 * The advisory store on both backends: importing the real OSV records as a directory, as an
 * OSV export zip and as a GitHub Advisory Database checkout, idempotently by (id, modified);
 * an invalid record skipped with its file and reason; a snapshot round trip; findings of a
 * scan of examples/npm-webapp (lodash 4.17.20, minimist 1.2.5, express 4.18.2,
 * path-to-regexp 0.1.7) and their suppression by a CycloneDX VEX document.
 */
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { loadAdvisories } from '../../src/advisories/index.js';
import { AdvisoriesRepository, AdvisoriesService, FindingsRepository, FindingsService, KevRepository, VexRepository, VexService } from '../../src/advisories/nest.js';
import { MatchIndex } from '../../src/advisories/domain/index.js';
import { ENTITIES } from '../../src/app/entities.js';
import { AuditLedgerRepository, AuditLedgerService } from '../../src/audit/nest.js';
import { openDatabase, type Database } from '../../src/database/index.js';
import { buildSbom } from '../../src/sbom/index.js';
import { ScansRepository, ScansService } from '../../src/scans/index.js';
import { FIXTURES, PROJECT_ROOT } from '../support/cli.js';
import { testBackends } from '../support/databases.js';
import { buildZip } from '../support/zip-writer.js';

const OSV_DIR = path.join(FIXTURES, 'advisories', 'osv');

/** The advisories that affect examples/npm-webapp among the fixtures, as GitHub scores and fixes them. */
export const NPM_WEBAPP_FINDINGS = [
  { component: 'express@4.18.2', advisory: 'GHSA-rv95-896h-c2vc', severity: 'medium', score: 6.1, fixAbove: '4.19.2' },
  { component: 'lodash@4.17.20', advisory: 'GHSA-35jh-r3h4-6jhm', severity: 'high', score: 7.2, fixAbove: '4.17.21' },
  { component: 'minimist@1.2.5', advisory: 'GHSA-xvch-5gv4-984h', severity: 'critical', score: 9.8, fixAbove: '1.2.6' },
  { component: 'path-to-regexp@0.1.7', advisory: 'GHSA-9wv6-86v2-598j', severity: 'high', score: 7.5, fixAbove: '0.1.10' },
];

describe.each(testBackends())('advisory store on $name', (backend) => {
  let database: Database;
  let drop: () => Promise<void>;
  let work: string;
  let advisories: AdvisoriesService;
  let findings: FindingsService;
  let vex: VexService;
  let scans: ScansService;
  let ledger: AuditLedgerService;
  let fixtureCount: number;

  beforeAll(async () => {
    const created = await backend.create();
    drop = created.drop;
    database = await openDatabase(created.config, { entities: ENTITIES });
    const repository = new AdvisoriesRepository(database.dataSource);
    const vexRepository = new VexRepository(database.dataSource);
    ledger = new AuditLedgerService(new AuditLedgerRepository(database.dataSource));
    scans = new ScansService(new ScansRepository(database.dataSource), ledger);
    const kev = new KevRepository(database.dataSource);
    advisories = new AdvisoriesService(repository, ledger, kev);
    findings = new FindingsService(new FindingsRepository(database.dataSource), repository, vexRepository, scans, kev);
    vex = new VexService(vexRepository);
    work = await mkdtemp(path.join(tmpdir(), 'chainward-advisories-'));
    fixtureCount = (await readdir(OSV_DIR)).filter((name) => name.endsWith('.json')).length;
  });

  afterAll(async () => {
    await database?.close();
    await drop?.();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('imports an OSV export zip, streamed entry by entry, with a small batch size', async () => {
    const names = (await readdir(OSV_DIR)).filter((name) => name.endsWith('.json')).sort();
    const zip = path.join(work, 'all.zip');
    await writeFile(zip, await buildZip(await Promise.all(names.map(async (name) => ({ name, content: await readFile(path.join(OSV_DIR, name)) })))));
    const summary = await advisories.importFrom(zip, { batchSize: 7 });
    expect(summary).toEqual({ source: 'zip', files: 44, imported: 44, updated: 0, unchanged: 0, invalid: [], repaired: expect.any(Number) });
    expect(fixtureCount).toBe(44);
    expect(await advisories.count()).toBe(44);
    const packages = (await database.dataSource.query(
      `SELECT ecosystem, name FROM advisory_packages WHERE advisory_id = 'GHSA-735f-pc8j-v9w8' ORDER BY ecosystem, name`,
    )) as Array<{ ecosystem: string; name: string }>;
    expect(packages).toEqual([
      { ecosystem: 'Maven', name: 'com.google.protobuf:protobuf-java' },
      { ecosystem: 'Maven', name: 'com.google.protobuf:protobuf-javalite' },
      { ecosystem: 'Maven', name: 'com.google.protobuf:protobuf-kotlin' },
      { ecosystem: 'Maven', name: 'com.google.protobuf:protobuf-kotlin-lite' },
      { ecosystem: 'RubyGems', name: 'google-protobuf' },
    ]);
  });

  it('leaves every record unchanged when the same records come again as a directory', async () => {
    const summary = await advisories.importFrom(OSV_DIR);
    expect(summary).toMatchObject({ source: 'directory', files: 44, imported: 0, updated: 0, unchanged: 44, invalid: [] });
  });

  it('reads a GitHub Advisory Database checkout, updates a record whose modified is newer, and skips an invalid one with its reason', async () => {
    const checkout = path.join(work, 'advisory-database');
    const lodashDir = path.join(checkout, 'advisories', 'github-reviewed', '2021', '05', 'GHSA-35jh-r3h4-6jhm');
    const minimistDir = path.join(checkout, 'advisories', 'github-reviewed', '2022', '03', 'GHSA-xvch-5gv4-984h');
    const brokenDir = path.join(checkout, 'advisories', 'unreviewed', '2024', '01', 'GHSA-0000-0000-0000');
    for (const dir of [lodashDir, minimistDir, brokenDir]) await mkdir(dir, { recursive: true });
    // Outside advisories/: a checkout's other JSON files are not records.
    await writeFile(path.join(checkout, 'package.json'), '{"name": "not-an-advisory"}');
    const lodash = JSON.parse(await readFile(path.join(OSV_DIR, 'GHSA-35jh-r3h4-6jhm.json'), 'utf8')) as Record<string, unknown>;
    await writeFile(path.join(lodashDir, 'GHSA-35jh-r3h4-6jhm.json'), JSON.stringify({ ...lodash, modified: '2025-01-02T03:04:05Z', summary: 'Updated summary' }));
    await writeFile(path.join(minimistDir, 'GHSA-xvch-5gv4-984h.json'), await readFile(path.join(OSV_DIR, 'GHSA-xvch-5gv4-984h.json')));
    await writeFile(path.join(brokenDir, 'GHSA-0000-0000-0000.json'), JSON.stringify({ id: 'GHSA-0000-0000-0000', summary: 'no modified' }));

    const summary = await advisories.importFrom(checkout);
    expect(summary).toMatchObject({ source: 'ghsa-checkout', files: 3, imported: 0, updated: 1, unchanged: 1 });
    expect(summary.invalid).toHaveLength(1);
    expect(summary.invalid[0]?.file).toBe(path.join(brokenDir, 'GHSA-0000-0000-0000.json'));
    expect(summary.invalid[0]?.reason).toMatch(/modified/);
    const [row] = (await database.dataSource.query(`SELECT summary, modified FROM advisories WHERE id = 'GHSA-35jh-r3h4-6jhm'`)) as Array<{
      summary: string;
      modified: Date;
    }>;
    expect(row?.summary).toBe('Updated summary');
    expect(row?.modified.toISOString()).toBe('2025-01-02T03:04:05.000Z');
    expect(await advisories.count()).toBe(44);
  });

  it('puts every batch that changed the store on the audit ledger, and nothing for an import that changed nothing', async () => {
    const imports = await ledger.listEntries({ action: 'advisories.imported', order: 'asc' });
    // The zip came in batches of 7 (44 records: 7 batches), the unchanged directory added none, the checkout one.
    expect(imports).toHaveLength(8);
    expect(imports.at(-1)?.payload).toEqual({ records: ['GHSA-35jh-r3h4-6jhm@2025-01-02T03:04:05Z'], total: 1 });
    expect((await ledger.verify()).ok).toBe(true);
  });

  it('exports a snapshot that loads without a database, record for record', async () => {
    const file = path.join(work, 'snapshot.osv.jsonl.gz');
    expect(await advisories.exportSnapshot(file)).toBe(44);
    const loaded = await loadAdvisories(file);
    expect(loaded.invalid).toEqual([]);
    expect(loaded.records.map((record) => record.id)).toHaveLength(44);
    const index = MatchIndex.build(loaded.records);
    // GHSA-27h2-hvpr-p74q is withdrawn: kept in the snapshot, never matched.
    expect(loaded.records.some((record) => record.id === 'GHSA-27h2-hvpr-p74q' && record.withdrawn !== undefined)).toBe(true);
    expect(index.size).toBe(43);
    expect(index.match({ ecosystem: 'npm', name: 'minimist', version: '1.2.5' }).map((m) => [m.record.id, m.fixAbove])).toEqual([['GHSA-xvch-5gv4-984h', '1.2.6']]);
  });

  it('matches a scan of examples/npm-webapp: exactly the advisories in range, with CVSS scores and fixes', async () => {
    const document = await buildSbom(path.join(PROJECT_ROOT, 'examples', 'npm-webapp'));
    const scan = await scans.recordScan(document, new Date());
    const result = await findings.matchScan(scan.id);
    expect(result.findings).toBe(4);
    const { findings: listed } = await findings.listFindings(scan.id);
    expect(
      listed.map((f) => ({ component: `${f.component.name}@${f.component.version}`, advisory: f.advisory, severity: f.severity, score: f.score, fixAbove: f.fixAbove })),
    ).toEqual(NPM_WEBAPP_FINDINGS);
    const minimist = listed.find((f) => f.advisory === 'GHSA-xvch-5gv4-984h');
    expect(minimist?.aliases).toEqual(['CVE-2021-44906']);
    expect(minimist?.vector).toBe('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H');
    expect(listed.every((f) => f.suppressed === null)).toBe(true);

    // Matching again replaces, never duplicates.
    await findings.matchScan(scan.id);
    expect((await findings.listFindings(scan.id)).findings).toHaveLength(4);

    // A VEX statement naming the CVE alias and the versioned purl suppresses the minimist finding only.
    const vexFile = path.join(work, 'vex.cdx.json');
    await writeFile(
      vexFile,
      JSON.stringify({
        bomFormat: 'CycloneDX',
        specVersion: '1.6',
        version: 1,
        components: [{ 'bom-ref': 'minimist-ref', type: 'library', name: 'minimist', version: '1.2.5', purl: 'pkg:npm/minimist@1.2.5' }],
        vulnerabilities: [
          { id: 'CVE-2021-44906', analysis: { state: 'not_affected', justification: 'code_not_reachable', detail: 'only parses our own flags' }, affects: [{ ref: 'minimist-ref' }] },
          { id: 'GHSA-35jh-r3h4-6jhm', analysis: { state: 'exploitable' }, affects: [{ ref: 'pkg:npm/lodash@4.17.20' }] },
        ],
      }),
    );
    const imported = await vex.importVex(vexFile, 'npm-webapp');
    expect(imported.statements).toBe(1);
    expect(imported.ignored).toEqual(['GHSA-35jh-r3h4-6jhm: analysis state exploitable does not suppress']);
    const after = (await findings.listFindings(scan.id)).findings;
    expect(after.filter((f) => f.suppressed).map((f) => [f.advisory, f.suppressed])).toEqual([
      ['GHSA-xvch-5gv4-984h', { state: 'not_affected', justification: 'code_not_reachable', detail: 'only parses our own flags', vulnerabilityId: 'CVE-2021-44906' }],
    ]);
  });

  it('refuses VEX for a repository never scanned', async () => {
    await expect(vex.importVex(path.join(work, 'vex.cdx.json'), 'no-such-repository')).rejects.toMatchObject({ code: 'REPOSITORY_NOT_FOUND' });
  });
});
