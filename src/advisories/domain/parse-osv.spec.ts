import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { ChainwardError } from '../../common/errors.js';
import { osvIssueToError, parseOsvJson, parseOsvRecord, type OsvParseResult } from './parse-osv.js';

const fixtures = new URL('../../../test/fixtures/advisories/osv/', import.meta.url);
const fixtureFiles = readdirSync(fixtures).filter((file) => file.endsWith('.json')).sort();

function parsed(result: OsvParseResult): Extract<OsvParseResult, { ok: true }> {
  if (!result.ok) throw new Error(`expected a record, got ${JSON.stringify(result.error)}`);
  return result;
}

const minimal = { id: 'GHSA-aaaa-bbbb-cccc', modified: '2024-01-01T00:00:00Z' };
const npmRange = (events: object[]): object => ({ package: { ecosystem: 'npm', name: 'left-pad' }, ranges: [{ type: 'ECOSYSTEM', events }] });

describe('parseOsvJson on the real advisories', () => {
  it('reads all 44 fixture records, schema versions 1.2.0 to 1.4.0 and none', () => {
    expect(fixtureFiles).toHaveLength(44);
    for (const file of fixtureFiles) {
      const result = parsed(parseOsvJson(readFileSync(new URL(file, fixtures), 'utf8'), `osv/${file}`));
      expect(result.record.id).toBe(file.replace(/\.json$/, ''));
    }
  });

  it('accepts every record whole but two: a non-standard ecosystem and a reference that is not a URL', () => {
    const withWarnings = fixtureFiles.filter((file) => parsed(parseOsvJson(readFileSync(new URL(file, fixtures), 'utf8'))).warnings.length > 0);
    expect(withWarnings).toEqual(['GHSA-4374-p667-p6c8.json', 'GHSA-qppj-fm5r-hxr3.json']);
  });

  it('drops the one reference of GHSA-4374-p667-p6c8 whose url is a bare module path', () => {
    const { record, warnings } = parsed(parseOsvJson(readFileSync(new URL('GHSA-4374-p667-p6c8.json', fixtures), 'utf8')));
    expect(warnings).toEqual([{ file: undefined, pointer: '/references/38', message: 'references entry skipped: must match format "uri"' }]);
    expect(record.references).toHaveLength(38);
    expect(record.references.some((reference) => reference.url === 'golang.org/x/net')).toBe(false);
  });

  it('drops only the `purl-type:swift` package of GHSA-qppj-fm5r-hxr3 and keeps its Go packages', () => {
    const file = 'osv/GHSA-qppj-fm5r-hxr3.json';
    const { record, warnings } = parsed(parseOsvJson(readFileSync(new URL('GHSA-qppj-fm5r-hxr3.json', fixtures), 'utf8'), file));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ file, pointer: '/affected/0' });
    expect(warnings[0]?.message).toBe('affected package skipped: "purl-type:swift" does not match "Currently supported ecosystems"');
    expect(record.affected.map((entry) => `${entry.package.ecosystem} ${entry.package.name}`)).toEqual([
      'Go golang.org/x/net',
      'Go google.golang.org/grpc',
      'Go google.golang.org/grpc',
      'Go google.golang.org/grpc',
    ]);
  });

  it('keeps the typed fields of a GitHub record, empty arrays included', () => {
    const { record } = parsed(parseOsvJson(readFileSync(new URL('GHSA-78xj-cgh5-2h22.json', fixtures), 'utf8')));
    expect(record).toMatchObject({ schema_version: '1.4.0', id: 'GHSA-78xj-cgh5-2h22', aliases: ['CVE-2023-42282'], severity: [] });
    expect(record.affected[0]?.ranges[0]?.events).toEqual([{ introduced: '0' }, { last_affected: '1.1.8' }]);
    expect(record.database_specific).toMatchObject({ severity: 'HIGH' });
  });
});

describe('parseOsvRecord', () => {
  it('turns null arrays into empty ones', () => {
    const { record } = parsed(parseOsvRecord({ ...minimal, aliases: null, affected: null, references: null, severity: null }));
    expect(record).toEqual({ ...minimal, aliases: [], related: [], upstream: [], severity: [], affected: [], references: [], credits: [] });
  });

  it('refuses a record without its core fields, pointing at the document', () => {
    expect(parseOsvRecord({ id: 'GHSA-x' })).toEqual({ ok: false, error: { file: undefined, pointer: '', message: "must have required property 'modified'" } });
    expect(parseOsvRecord([])).toMatchObject({ ok: false, error: { pointer: '', message: 'an OSV record must be a JSON object' } });
  });

  it('refuses a bad timestamp, pointing at it', () => {
    const result = parseOsvRecord({ ...minimal, modified: 'yesterday' }, 'a.json');
    expect(result).toMatchObject({ ok: false, error: { file: 'a.json', pointer: '/modified' } });
  });

  it('drops a range that mixes fixed and last_affected, keeping the others', () => {
    const record = {
      ...minimal,
      affected: [
        {
          package: { ecosystem: 'npm', name: 'left-pad' },
          ranges: [
            { type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '1.0.0' }, { last_affected: '0.9.0' }] },
            { type: 'ECOSYSTEM', events: [{ introduced: '2.0.0' }, { fixed: '2.1.0' }] },
          ],
        },
      ],
    };
    const { record: kept, warnings } = parsed(parseOsvRecord(record));
    expect(kept.affected[0]?.ranges).toEqual([{ type: 'ECOSYSTEM', events: [{ introduced: '2.0.0' }, { fixed: '2.1.0' }] }]);
    expect(warnings).toEqual([
      { file: undefined, pointer: '/affected/0/ranges/0', message: 'range skipped: must NOT be valid (last_affected and fixed events are mutually exclusive)' },
    ]);
  });

  it('drops events-without-introduced and short GIT hashes as bad ranges', () => {
    const record = {
      ...minimal,
      affected: [
        npmRange([{ fixed: '1.0.0' }]),
        { package: { ecosystem: 'PyPI', name: 'x' }, ranges: [{ type: 'GIT', repo: 'https://example.org/x', events: [{ introduced: 'abc123' }] }], versions: ['1.0'] },
      ],
    };
    const { record: kept, warnings } = parsed(parseOsvRecord(record));
    expect(warnings.map((warning) => warning.pointer)).toEqual(['/affected/0/ranges/0', '/affected/1/ranges/0']);
    expect(kept.affected.map((entry) => entry.ranges.length)).toEqual([0, 0]);
    expect(kept.affected[1]?.versions).toEqual(['1.0']);
  });

  it('ignores fields newer than the schema and keeps an id with an unknown prefix, saying so', () => {
    const { record, warnings } = parsed(parseOsvRecord({ ...minimal, id: 'NEWDB-2024-1', future_field: { a: 1 } }));
    expect(record.id).toBe('NEWDB-2024-1');
    expect(record).not.toHaveProperty('future_field');
    expect(warnings.map((warning) => [warning.pointer, warning.message])).toEqual([
      ['/future_field', 'unknown field "future_field" ignored'],
      ['/id', 'id prefix is not one the OSV schema lists; kept'],
    ]);
  });

  it('drops a reference with an unparseable URL and a severity with a malformed vector', () => {
    const { record, warnings } = parsed(
      parseOsvRecord({
        ...minimal,
        severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:Q' }, { type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }],
        references: [{ type: 'WEB', url: 'not a url' }, { type: 'ADVISORY', url: 'https://example.org/a' }],
      }),
    );
    expect(record.severity).toHaveLength(1);
    expect(record.references).toEqual([{ type: 'ADVISORY', url: 'https://example.org/a' }]);
    expect(warnings.map((warning) => warning.pointer)).toEqual(['/references/0', '/severity/0']);
  });
});

describe('parseOsvJson errors', () => {
  it('gives the line and column of a JSON syntax error', () => {
    const result = parseOsvJson('{\n  "id": "GHSA-x"\n  "modified": "2024-01-01T00:00:00Z"\n}\n', 'bad.json');
    expect(result).toMatchObject({ ok: false, error: { file: 'bad.json', pointer: '', line: 3, column: 3 } });
  });

  it('reads a file with a byte-order mark', () => {
    expect(parseOsvJson(`\ufeff${JSON.stringify(minimal)}`).ok).toBe(true);
  });

  it('turns an issue into a bad-input ChainwardError naming file and pointer', () => {
    const error = osvIssueToError({ file: 'osv/a.json', pointer: '/modified', message: 'must match format "date-time"' });
    expect(error).toBeInstanceOf(ChainwardError);
    expect(error.code).toBe('ADVISORY_INVALID_OSV');
    expect(error.category).toBe('bad-input');
    expect(error.describe()).toBe('osv/a.json: invalid OSV record at /modified: must match format "date-time"');
  });
});
