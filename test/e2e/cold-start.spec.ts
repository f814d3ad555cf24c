import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { createBundle, formatVerifierKey, generateNoteSigner, leafHashBytes, rootHash, signCheckpoint } from '../../src/audit/index.js';
import { PROJECT_ROOT } from '../support/cli.js';
import { sampleLedger } from '../support/sample-ledger.js';

const SERVER_STACK = /^(@nestjs\/|typeorm|pg$|pg\/|@electric-sql\/|reflect-metadata|express)/;

/** The packages a CLI run imports, as recorded by resolution hooks. */
async function packagesImportedBy(args: string[], expectedStatus = 0): Promise<string[]> {
  const home = await mkdtemp(path.join(tmpdir(), 'chainward-trace-'));
  const trace = path.join(home, 'imports.txt');
  const result = spawnSync(
    process.execPath,
    ['--import', path.join(PROJECT_ROOT, 'test', 'support', 'import-trace.mjs'), path.join(PROJECT_ROOT, 'bin', 'chainward'), ...args],
    { env: { ...process.env, CHAINWARD_IMPORT_TRACE: trace, CHAINWARD_HOME: home, DATABASE_URL: undefined }, encoding: 'utf8' },
  );
  expect(result.stderr).toBe('');
  expect(result.status).toBe(expectedStatus);
  return (await readFile(trace, 'utf8').catch(() => '')).split('\n').filter(Boolean);
}

describe('cold start', () => {
  it('chainward sbom loads neither NestJS, TypeORM nor a database driver', async () => {
    const imported = await packagesImportedBy(['sbom', path.join(PROJECT_ROOT, 'examples', 'npm-webapp')]);
    expect(imported.filter((p) => SERVER_STACK.test(p))).toEqual([]);
  });

  it('chainward gate (SBOM, advisories, policy, every output) loads neither NestJS, TypeORM nor a database driver', async () => {
    const out = await mkdtemp(path.join(tmpdir(), 'chainward-gate-out-'));
    // npm-webapp has vulnerable packages: the gate parses their advisories and fails (exit 1).
    const imported = await packagesImportedBy(
      [
        'gate',
        path.join(PROJECT_ROOT, 'examples', 'npm-webapp'),
        '--advisories',
        path.join(PROJECT_ROOT, 'test', 'fixtures', 'advisories', 'osv'),
        '--format',
        'sarif,junit,markdown,json,gitlab',
        '--output-dir',
        out,
      ],
      1,
    );
    expect(imported.filter((p) => SERVER_STACK.test(p))).toEqual([]);
    // A real check of the trace: the gate did load the OSV validator (the rest is bundled, hence not traced).
    expect(imported).toContain('ajv/dist/2020.js');
  });

  it('chainward audit verify --bundle (offline verification of an exported ledger) loads neither NestJS, TypeORM nor a database driver', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'chainward-bundle-'));
    const origin = 'chainward.example/ledger';
    const signer = generateNoteSigner(origin);
    const entries = [...sampleLedger(5)];
    const checkpoint = signCheckpoint({ origin, treeSize: 5n, rootHash: rootHash(entries.map((entry) => leafHashBytes(entry))), extensions: [] }, signer);
    const bundle = path.join(dir, 'bundle.json');
    await writeFile(bundle, createBundle({ origin, publicKey: formatVerifierKey(signer), entries, checkpoints: [checkpoint] }));
    await writeFile(path.join(dir, 'ledger.pub'), `${formatVerifierKey(signer)}\n`);
    const imported = await packagesImportedBy(['audit', 'verify', '--bundle', bundle, '--public-key', path.join(dir, 'ledger.pub')]);
    expect(imported.filter((p) => SERVER_STACK.test(p))).toEqual([]);
  });

  it('is a real check: a command that opens the database does load TypeORM', async () => {
    expect(await packagesImportedBy(['scans', 'list'])).toContain('typeorm');
  });
});
