import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { ChainwardError } from '../../common/errors.js';
import { knownExploitedLookup } from './known-exploited.js';
import { parseKevCatalogue } from './parse-kev.js';

const FIXTURE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../test/fixtures/advisories/kev/known_exploited_vulnerabilities.json');

describe('parseKevCatalogue', () => {
  it('reads an excerpt of the real catalogue: its version, release time, stated count and entries', async () => {
    const catalogue = parseKevCatalogue(await readFile(FIXTURE, 'utf8'), 'kev.json');
    expect(catalogue).toMatchObject({ catalogVersion: '2025.09.30', dateReleased: '2025-09-30T12:35:25.440Z', count: 1422 });
    expect(catalogue.entries.map((entry) => [entry.cveID, entry.dateAdded, entry.dueDate, entry.knownRansomwareCampaignUse])).toEqual([
      ['CVE-2025-32463', '2025-09-29', '2025-10-20', 'Unknown'],
      ['CVE-2025-59689', '2025-09-29', '2025-10-20', 'Unknown'],
      ['CVE-2023-44487', '2023-10-10', '2023-10-31', 'Unknown'],
      ['CVE-2021-21315', '2022-01-18', '2022-02-01', 'Unknown'],
    ]);
    expect(catalogue.entries[3]).toMatchObject({ vendorProject: 'Npm package', product: 'System Information Library for Node.JS', cwes: ['CWE-78'] });
    // The catalogue escapes a typographic apostrophe; it is read as the character.
    expect(catalogue.entries[0]?.shortDescription).toContain('sudo\u2019s -R (--chroot)');
  });

  it('looks ids up by CVE alias, whatever their case, and finds nothing for other ids', async () => {
    const lookup = knownExploitedLookup(parseKevCatalogue(await readFile(FIXTURE, 'utf8'), 'kev.json').entries);
    expect(lookup(['GHSA-2m8v-572m-ff2v', 'cve-2021-21315'])).toEqual({ cveID: 'CVE-2021-21315', dateAdded: '2022-01-18', dueDate: '2022-02-01', knownRansomwareCampaignUse: 'Unknown' });
    expect(lookup(['GHSA-35jh-r3h4-6jhm', 'CVE-2021-23337'])).toBeUndefined();
  });

  it('names the line and column of broken JSON: where V8 stopped, or the end of a truncated download', () => {
    const truncated = catchError(() => parseKevCatalogue('{"catalogVersion": "1",\n  "vulnerabilities": [', 'kev.json'));
    expect(truncated.category).toBe('bad-input');
    expect(truncated.describe()).toBe('kev.json:2:23: not a CISA Known Exploited Vulnerabilities catalogue: malformed JSON: Unexpected end of JSON input');
    expect(catchError(() => parseKevCatalogue('{"catalogVersion": "1",\n  "count": 1x}', 'kev.json')).describe()).toMatch(/^kev\.json:2:\d+: .*malformed JSON: /);
  });

  it('says which field of which entry is wrong', () => {
    const text = JSON.stringify({ catalogVersion: '1', dateReleased: '2025-01-01T00:00:00Z', vulnerabilities: [{ cveID: 'GHSA-xxxx', vendorProject: 'v', product: 'p', vulnerabilityName: 'n', dateAdded: '2025-01-01', dueDate: '2025-01-22' }] });
    expect(catchError(() => parseKevCatalogue(text, 'kev.json')).describe()).toBe(
      'kev.json: not a CISA Known Exploited Vulnerabilities catalogue: vulnerabilities[0].cveID: is not a CVE id (CVE-YYYY-NNNN)',
    );
    expect(catchError(() => parseKevCatalogue('{"vulnerabilities": []}', 'kev.json')).describe()).toMatch(/catalogVersion: /);
  });
});

function catchError(run: () => unknown): ChainwardError {
  try {
    run();
  } catch (error) {
    if (error instanceof ChainwardError) return error;
    throw error;
  }
  throw new Error('expected an error');
}
