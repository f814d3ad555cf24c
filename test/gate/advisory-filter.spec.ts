/**
 * The gate loads only the advisories about its project's packages. The filter may keep too much, never
 * too little: the same findings as loading everything, on real OSV records, from a directory and a snapshot.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { componentPackage, loadAdvisories, MatchIndex, matchComponents, packageKey, parseOsvJson, writeSnapshot, type OsvRecord } from '../../src/advisories/index.js';
import { scanRepository } from '../../src/sbom/index.js';
import { FIXTURES, PROJECT_ROOT } from '../support/cli.js';

const OSV = path.join(FIXTURES, 'advisories', 'osv');
const scratch: string[] = [];
afterAll(async () => Promise.all(scratch.map((dir) => rm(dir, { recursive: true, force: true }))));

async function allRecords(): Promise<OsvRecord[]> {
  const files = (await readdir(OSV)).filter((file) => file.endsWith('.json')).sort();
  return Promise.all(
    files.map(async (file) => {
      const parsed = parseOsvJson(await readFile(path.join(OSV, file), 'utf8'), file);
      if (!parsed.ok) throw new Error(parsed.error.message);
      return parsed.record;
    }),
  );
}

describe('loadAdvisories with a package filter', () => {
  it.each(['directory', 'snapshot'])('keeps exactly the records about the packages (%s) and matches the same findings', async (kind) => {
    const records = await allRecords();
    let location = OSV;
    if (kind === 'snapshot') {
      const dir = await mkdtemp(path.join(tmpdir(), 'chainward-filter-'));
      scratch.push(dir);
      location = path.join(dir, 'snapshot.jsonl.gz');
      await writeSnapshot(location, records.length, (async function* () {
        yield* records;
      })());
    }
    const { graph } = await scanRepository(path.join(PROJECT_ROOT, 'examples', 'npm-webapp'));
    const libraries = [...graph.components.values()].filter((node) => node.type === 'library');
    const packages = new Set(
      libraries.flatMap((node) => {
        const pkg = componentPackage(node.purl);
        return pkg ? [packageKey(pkg.ecosystem, pkg.name)] : [];
      }),
    );
    const filtered = await loadAdvisories(location, { packages });
    const expected = records.filter((record) => record.affected.some((entry) => packages.has(packageKey(entry.package.ecosystem, entry.package.name))));
    expect(filtered.invalid).toEqual([]);
    expect(filtered.records.map((record) => record.id).sort()).toEqual(expected.map((record) => record.id).sort());
    expect(expected.length).toBeLessThan(records.length);
    const ids = (list: OsvRecord[]): string[] => matchComponents(MatchIndex.build(list), libraries).map((finding) => `${finding.purl} ${finding.advisoryId}`);
    expect(ids(filtered.records)).toEqual(ids(records));
    expect(ids(filtered.records)).toHaveLength(4);
  });

  it('does not judge a name written with a JSON escape by its text', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'chainward-filter-'));
    scratch.push(dir);
    const lodash = (await allRecords()).find((record) => record.id === 'GHSA-35jh-r3h4-6jhm') as OsvRecord;
    const file = path.join(dir, 'GHSA-35jh-r3h4-6jhm.json');
    // "lodash" with its "l" escaped, as a JSON writer may legitimately write it.
    await writeFile(file, JSON.stringify(lodash).replace('"name":"lodash"', '"name":"\\u006codash"'));
    const { records } = await loadAdvisories(dir, { packages: new Set([packageKey('npm', 'lodash')]) });
    expect(records.map((record) => record.id)).toEqual(['GHSA-35jh-r3h4-6jhm']);
  });
});
