import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ENTITIES } from '../../src/app/entities.js';
import { AuditLedgerRepository, AuditLedgerService } from '../../src/audit/nest.js';
import { openDatabase, type Database } from '../../src/database/index.js';
import { buildSbom, type SbomDocument } from '../../src/sbom/index.js';
import { ScansRepository, ScansService } from '../../src/scans/index.js';
import { PROJECT_ROOT } from '../support/cli.js';
import { testBackends } from '../support/databases.js';

const count = async (database: Database, table: string): Promise<number> =>
  Number(((await database.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`)) as Array<{ n: number }>)[0].n);

describe.each(testBackends())('ScansService on $name', (backend) => {
  let database: Database;
  let drop: () => Promise<void>;
  let service: ScansService;
  let document: SbomDocument;

  beforeAll(async () => {
    const created = await backend.create();
    drop = created.drop;
    database = await openDatabase(created.config, { entities: ENTITIES });
    service = new ScansService(new ScansRepository(database.dataSource), new AuditLedgerService(new AuditLedgerRepository(database.dataSource)));
    document = await buildSbom(path.join(PROJECT_ROOT, 'examples', 'npm-webapp'));
  });

  afterAll(async () => {
    await database?.close();
    await drop?.();
  });

  it('stores components, edges and the SBOM with the scan', async () => {
    const scan = await service.recordScan(document, new Date());
    const graph = document.scan.graph;
    const edges = [...graph.edges.values()].reduce((n, targets) => n + targets.size, 0);
    expect(await count(database, 'components')).toBe(graph.components.size);
    expect(await count(database, 'dependency_edges')).toBe(edges);
    const stored = await service.getSbom(scan.id);
    expect(stored.content).toBe(document.content);
    expect(stored.digest).toBe(document.digest);
    expect((await service.getScan(scan.id)).repository.name).toBe('npm-webapp');
  });

  it('writes nothing at all when any part of the scan fails to store', async () => {
    const before = await Promise.all(['repositories', 'scans', 'components', 'dependency_edges', 'sbom_documents'].map((t) => count(database, t)));
    // PostgreSQL refuses NUL in text: the last insert of the transaction fails.
    const broken: SbomDocument = { ...document, content: `${document.content}\u0000` };
    const moved = { ...broken, scan: { ...broken.scan, root: path.join(PROJECT_ROOT, 'examples') } };
    await expect(service.recordScan(moved, new Date())).rejects.toThrow();
    const after = await Promise.all(['repositories', 'scans', 'components', 'dependency_edges', 'sbom_documents'].map((t) => count(database, t)));
    expect(after).toEqual(before);
  });
});
