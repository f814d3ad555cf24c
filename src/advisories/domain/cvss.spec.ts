import { describe, expect, it } from '@jest/globals';
import { bestSeverity, ratingForScore, scoreCvssVector } from './cvss.js';
import type { OsvAffected, OsvRecord } from './osv-schema.js';

describe('scoreCvssVector', () => {
  // Vectors of the fixture advisories. Expected scores are FIRST's CVSS v3.1 base equations worked out
  // independently of the library (and agree with the severity GitHub gives each advisory).
  it.each([
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 9.8, 'critical'], // GHSA-599f-7c49-w659, commons-text
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:L/A:H', 10.0, 'critical'], // GHSA-3cw5-7cxw-v5qg, dompdf
    ['CVSS:3.1/AV:L/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H', 9.3, 'critical'], // GHSA-67hx-6x53-jw92, @babel/traverse
    ['CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:C/C:H/I:H/A:N', 8.7, 'high'], // GHSA-98g6-xh36-x2p7
    ['CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:L', 8.3, 'high'], // GHSA-mjmj-j48q-9wg2, snakeyaml
    ['CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H', 8.1, 'high'], // GHSA-qc84-gqf4-9926
    ['CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:L/I:H/A:L', 7.6, 'high'], // GHSA-27h2-hvpr-p74q
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H', 7.5, 'high'], // GHSA-3h5v-q93c-6h6q, ws
    ['CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H', 7.2, 'high'], // GHSA-35jh-r3h4-6jhm, lodash
    ['CVSS:3.1/AV:N/AC:H/PR:L/UI:N/S:U/C:H/I:L/A:H', 7.1, 'high'], // GHSA-9c47-m6qq-7p4h, json5
    ['CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:C/C:N/I:N/A:H', 6.8, 'medium'], // GHSA-59j7-ghrg-fj52
    ['CVSS:3.1/AV:L/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H', 6.2, 'medium'], // GHSA-jjg7-2v4v-x38h, idna
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N', 6.1, 'medium'], // GHSA-rv95-896h-c2vc, express
    ['CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:C/C:H/I:N/A:N', 6.1, 'medium'], // GHSA-j8r2-6x86-q33q, requests
    ['CVSS:3.1/AV:N/AC:H/PR:H/UI:N/S:U/C:H/I:H/A:N', 5.9, 'medium'], // GHSA-v845-jxx5-vc9f, urllib3
    ['CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:N', 5.5, 'medium'], // GHSA-7g45-4rm6-3mm3, guava
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:L/I:L/A:N', 5.4, 'medium'], // GHSA-h5c8-rqwp-cp95, jinja2
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:L', 5.3, 'medium'], // GHSA-22f2-v57c-j9cx, rack
    ['CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 9.8, 'critical'],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N', 0, 'none'],
    // CVSS v4.0 vectors of GHSA-735f-pc8j-v9w8 (protobuf) and GHSA-jjg7-2v4v-x38h (idna), with the scores FIRST's calculator gives.
    ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:H/SC:N/SI:N/SA:N', 8.7, 'high'],
    ['CVSS:4.0/AV:L/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:H/SC:N/SI:N/SA:N', 6.9, 'medium'],
  ])('%s = %d (%s)', (vector, score, rating) => {
    expect(scoreCvssVector(vector)).toEqual({ version: vector.slice(5, 8), vector, baseScore: score, rating });
  });

  it.each([
    'CVSS:3.1/AV:N',
    'CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
    'AV:N/AC:L/Au:N/C:P/I:P/A:P',
    'CVSS:2.0/AV:N/AC:L/Au:N/C:P/I:P/A:P',
    'garbage',
    '',
  ])('gives no score for %j', (vector) => {
    expect(scoreCvssVector(vector)).toBeUndefined();
  });

  it.each([
    [0, 'none'], [0.1, 'low'], [3.9, 'low'], [4, 'medium'], [6.9, 'medium'], [7, 'high'], [8.9, 'high'], [9, 'critical'], [10, 'critical'],
  ])('rates %d as %s', (score, rating) => {
    expect(ratingForScore(score)).toBe(rating);
  });
});

describe('bestSeverity', () => {
  const base: OsvRecord = {
    id: 'GHSA-test', modified: '2024-01-01T00:00:00Z', aliases: [], related: [], upstream: [], severity: [], affected: [], references: [], credits: [],
  };
  const v3 = { type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H' } as const;
  const v4 = { type: 'CVSS_V4', score: 'CVSS:4.0/AV:L/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:H/SC:N/SI:N/SA:N' } as const;

  it('prefers a v4 vector to a v3 one, in whatever order they are listed', () => {
    expect(bestSeverity({ ...base, severity: [v3, v4] })).toEqual({ source: 'CVSS_V4', rating: 'medium', score: 6.9, vector: v4.score });
  });

  it('falls back to v3, then to the database word (MODERATE is medium)', () => {
    expect(bestSeverity({ ...base, severity: [v3] })).toEqual({ source: 'CVSS_V3', rating: 'high', score: 7.5, vector: v3.score });
    expect(bestSeverity({ ...base, database_specific: { severity: 'MODERATE' } })).toEqual({ source: 'database', rating: 'medium' });
    expect(bestSeverity({ ...base, severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N' }], database_specific: { severity: 'LOW' } })).toEqual({
      source: 'database',
      rating: 'low',
    });
  });

  it('uses the package severity when the package carries one', () => {
    const entry: OsvAffected = { package: { ecosystem: 'npm', name: 'a' }, severity: [v4], ranges: [], versions: [] };
    expect(bestSeverity({ ...base, affected: [entry] }, [entry])?.score).toBe(6.9);
  });

  it('has nothing to say about a record without any severity', () => {
    expect(bestSeverity(base)).toBeUndefined();
    expect(bestSeverity({ ...base, database_specific: { severity: 'UNKNOWN' } })).toBeUndefined();
  });
});
