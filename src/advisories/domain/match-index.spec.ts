import { describe, expect, it } from '@jest/globals';
import { MatchIndex } from './match-index.js';
import type { OsvAffected, OsvRecord } from './osv-schema.js';

function record(id: string, affected: OsvAffected[], extra: Partial<OsvRecord> = {}): OsvRecord {
  return { id, modified: '2024-01-01T00:00:00Z', aliases: [], related: [], upstream: [], severity: [], affected, references: [], credits: [], ...extra };
}

const below = (ecosystem: string, name: string, fixed: string): OsvAffected => ({
  package: { ecosystem, name },
  ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed }] }],
  versions: [],
});

describe('MatchIndex', () => {
  it('finds records by ecosystem and normalised name, sorted by id', () => {
    const index = MatchIndex.build([
      record('PYSEC-2', [below('PyPI', 'Jinja2', '3.1.3')]),
      record('GHSA-1', [below('PyPI', 'jinja2', '3.1.4')]),
      record('GHSA-3', [below('npm', 'jinja2', '9.0.0')]),
    ]);
    expect(index.match({ ecosystem: 'pypi', name: 'JINJA2', version: '3.1.2' }).map((m) => [m.record.id, m.fixAbove])).toEqual([
      ['GHSA-1', '3.1.4'],
      ['PYSEC-2', '3.1.3'],
    ]);
    expect(index.match({ ecosystem: 'PyPI', name: 'jinja2', version: '3.1.3' }).map((m) => m.record.id)).toEqual(['GHSA-1']);
    expect(index.match({ ecosystem: 'PyPI', name: 'flask', version: '1.0' })).toEqual([]);
  });

  it('evaluates all of a record\'s entries for the package together', () => {
    const index = MatchIndex.build([record('GHSA-ws', [below('npm', 'ws', '5.2.4'), { ...below('npm', 'ws', '6.2.3'), ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '6.0.0' }, { fixed: '6.2.3' }] }] }])]);
    const [match] = index.match({ ecosystem: 'npm', name: 'ws', version: '6.2.1' });
    expect(match?.result.fixedVersions).toEqual(['5.2.4', '6.2.3']);
    expect(match?.fixAbove).toBe('6.2.3');
  });

  it('replaces a record added again under the same id, and forgets one withdrawn since', () => {
    const index = MatchIndex.build([record('GHSA-1', [below('npm', 'a', '2.0.0')])]);
    index.add(record('GHSA-1', [below('npm', 'b', '2.0.0')], { modified: '2024-02-01T00:00:00Z' }));
    expect(index.size).toBe(1);
    expect(index.match({ ecosystem: 'npm', name: 'a', version: '1.0.0' })).toEqual([]);
    expect(index.match({ ecosystem: 'npm', name: 'b', version: '1.0.0' })).toHaveLength(1);
    index.add(record('GHSA-1', [below('npm', 'b', '2.0.0')], { withdrawn: '2024-03-01T00:00:00Z' }));
    expect(index.size).toBe(0);
    expect(index.match({ ecosystem: 'npm', name: 'b', version: '1.0.0' })).toEqual([]);
  });

  it('lists the candidates it could not evaluate for a version', () => {
    const index = MatchIndex.build([record('GHSA-1', [below('npm', 'a', '2.0.0')]), record('GHSA-2', [below('npm', 'a', '3.0')])]);
    expect(index.lookup({ ecosystem: 'npm', name: 'a', version: '2.5.0' })).toEqual({
      matches: [],
      unevaluated: [{ id: 'GHSA-2', reasons: ['ECOSYSTEM range: event fixed "3.0" is not a valid npm version'] }],
    });
  });
});
