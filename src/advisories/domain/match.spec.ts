import { describe, expect, it } from '@jest/globals';
import { affects, smallestFixAbove } from './match.js';
import type { OsvAffected, OsvEvent, OsvRange, OsvRecord } from './osv-schema.js';

function record(affected: OsvAffected[], extra: Partial<OsvRecord> = {}): OsvRecord {
  return { id: 'TEST-1', modified: '2024-01-01T00:00:00Z', aliases: [], related: [], upstream: [], severity: [], affected, references: [], credits: [], ...extra };
}

function entry(ecosystem: string, name: string, ranges: OsvRange[], versions: string[] = []): OsvAffected {
  return { package: { ecosystem, name }, ranges, versions };
}

const range = (type: OsvRange['type'], ...events: OsvEvent[]): OsvRange => ({ type, events });

/** Which of `versions` the record says are affected. */
function affectedAmong(advisory: OsvRecord, ecosystem: string, name: string, versions: string[]): string[] {
  return versions.filter((version) => affects(advisory, { ecosystem, name, version }).affected);
}

describe('affects: the OSV evaluation algorithm', () => {
  it('introduced "0" and fixed: everything below the fix', () => {
    const advisory = record([entry('npm', 'lodash', [range('ECOSYSTEM', { introduced: '0' }, { fixed: '4.17.21' })])]);
    expect(affectedAmong(advisory, 'npm', 'lodash', ['0.0.1', '4.17.20', '4.17.21-rc.1', '4.17.21', '4.17.22', '5.0.0'])).toEqual(['0.0.1', '4.17.20', '4.17.21-rc.1']);
  });

  it('several introduced/fixed pairs in one range, in any order', () => {
    const advisory = record([
      entry('Go', 'stdlib', [range('SEMVER', { introduced: '1.21.0-0' }, { fixed: '1.21.3' }, { introduced: '0' }, { fixed: '1.20.10' })]),
    ]);
    expect(affectedAmong(advisory, 'Go', 'stdlib', ['1.19.0', '1.20.9', '1.20.10', '1.20.11', '1.21.0-rc.2', '1.21.0', '1.21.2', '1.21.3', '1.22.0'])).toEqual([
      '1.19.0', '1.20.9', '1.21.0-rc.2', '1.21.0', '1.21.2',
    ]);
  });

  it('last_affected is inclusive; the next version is not affected', () => {
    const advisory = record([entry('PyPI', 'py', [range('ECOSYSTEM', { introduced: '0' }, { last_affected: '1.11.0' })])]);
    expect(affectedAmong(advisory, 'PyPI', 'py', ['1.10.0', '1.11.0', '1.11.0.post1', '1.11.1', '1.12.0'])).toEqual(['1.10.0', '1.11.0']);
  });

  it('an introduced-only range affects everything from there on', () => {
    const advisory = record([entry('npm', 'babel-traverse', [range('ECOSYSTEM', { introduced: '6.0.0' })])]);
    expect(affectedAmong(advisory, 'npm', 'babel-traverse', ['5.8.38', '6.0.0', '6.26.0', '99.0.0'])).toEqual(['6.0.0', '6.26.0', '99.0.0']);
  });

  it('limit caps a range; "*" is no cap; several limits widen it', () => {
    const limited = record([entry('npm', 'a', [range('ECOSYSTEM', { introduced: '1.0.0' }, { limit: '2.0.0' })])]);
    expect(affectedAmong(limited, 'npm', 'a', ['0.9.0', '1.0.0', '1.9.9', '2.0.0', '3.0.0'])).toEqual(['1.0.0', '1.9.9']);
    const unlimited = record([entry('npm', 'a', [range('ECOSYSTEM', { introduced: '1.0.0' }, { limit: '*' })])]);
    expect(affectedAmong(unlimited, 'npm', 'a', ['0.9.0', '1.0.0', '9.0.0'])).toEqual(['1.0.0', '9.0.0']);
    const two = record([entry('npm', 'a', [range('ECOSYSTEM', { introduced: '1.0.0' }, { limit: '2.0.0' }, { limit: '3.0.0' })])]);
    expect(affectedAmong(two, 'npm', 'a', ['1.0.0', '2.5.0', '3.0.0'])).toEqual(['1.0.0', '2.5.0']);
  });

  it('an interval that opens and closes at the same version is empty', () => {
    const advisory = record([entry('npm', 'a', [range('ECOSYSTEM', { fixed: '1.0.0' }, { introduced: '1.0.0' })])]);
    expect(affectedAmong(advisory, 'npm', 'a', ['0.9.0', '1.0.0', '1.0.1'])).toEqual([]);
  });

  it('orders SEMVER ranges by SemVer and ECOSYSTEM ranges by the ecosystem, for the same Maven version', () => {
    // Maven: 1.0.0-sp is a service pack above 1.0.0; SemVer: a pre-release below it.
    const semver = record([entry('Maven', 'g:a', [range('SEMVER', { introduced: '0' }, { fixed: '1.0.0' })])]);
    const ecosystem = record([entry('Maven', 'g:a', [range('ECOSYSTEM', { introduced: '0' }, { fixed: '1.0.0' })])]);
    expect(affects(semver, { ecosystem: 'Maven', name: 'g:a', version: '1.0.0-sp' }).affected).toBe(true);
    expect(affects(ecosystem, { ecosystem: 'Maven', name: 'g:a', version: '1.0.0-sp' }).affected).toBe(false);
  });

  it('reports the interval that matched and every fix, ascending', () => {
    const advisory = record([
      entry('npm', 'qs', [range('ECOSYSTEM', { introduced: '6.7.0' }, { fixed: '6.7.3' })]),
      entry('npm', 'qs', [range('ECOSYSTEM', { introduced: '0' }, { fixed: '6.2.4' })]),
      entry('npm', 'qs', [range('ECOSYSTEM', { introduced: '6.10.0' }, { fixed: '6.10.3' })]),
    ]);
    expect(affects(advisory, { ecosystem: 'npm', name: 'qs', version: '6.7.0' })).toEqual({
      affected: true,
      matchedBy: 'range',
      range: { type: 'ECOSYSTEM', introduced: '6.7.0', fixed: '6.7.3' },
      fixedVersions: ['6.2.4', '6.7.3', '6.10.3'],
      unevaluated: [],
    });
    expect(affects(advisory, { ecosystem: 'npm', name: 'qs', version: '6.8.0' })).toEqual({ affected: false, fixedVersions: [], unevaluated: [] });
  });

  it('matches the explicit versions list, exactly or as the same version', () => {
    const advisory = record([entry('PyPI', 'requests', [], ['2.28.1', '2015.04.28'])]);
    expect(affects(advisory, { ecosystem: 'PyPI', name: 'Requests', version: '2.28.1' })).toMatchObject({ affected: true, matchedBy: 'versions' });
    expect(affects(advisory, { ecosystem: 'PyPI', name: 'requests', version: '2015.4.28' }).affected).toBe(true);
    expect(affects(advisory, { ecosystem: 'PyPI', name: 'requests', version: '2.28.2' }).affected).toBe(false);
  });

  it('cannot order GIT ranges: the versions list decides, and without one the result says so', () => {
    const git: OsvRange = { type: 'GIT', repo: 'https://github.com/psf/requests', events: [{ introduced: '0' }, { fixed: '74ea7cf7a6a27a4eeb2ae24e162bcc942a6706d5' }] };
    const listed = record([entry('PyPI', 'requests', [git], ['2.28.1'])]);
    expect(affects(listed, { ecosystem: 'PyPI', name: 'requests', version: '2.28.1' })).toEqual({ affected: true, matchedBy: 'versions', fixedVersions: [], unevaluated: [] });
    expect(affects(listed, { ecosystem: 'PyPI', name: 'requests', version: '2.28.3' })).toEqual({ affected: false, fixedVersions: [], unevaluated: [] });
    const unlisted = record([entry('PyPI', 'requests', [git])]);
    expect(affects(unlisted, { ecosystem: 'PyPI', name: 'requests', version: '2.28.1' })).toEqual({
      affected: false,
      fixedVersions: [],
      unevaluated: ['GIT range of https://github.com/psf/requests: commits cannot be ordered without the repository, and no versions are listed'],
    });
  });

  it('says which ranges it could not evaluate: unknown ecosystem, invalid version, invalid bound', () => {
    const debian = record([entry('Debian:12', 'openssl', [range('ECOSYSTEM', { introduced: '0' }, { fixed: '3.0.11-1~deb12u1' })], ['3.0.9-1'])]);
    expect(affects(debian, { ecosystem: 'Debian:12', name: 'openssl', version: '3.0.9-1' }).affected).toBe(true);
    expect(affects(debian, { ecosystem: 'Debian:12', name: 'openssl', version: '3.0.10-1' }).unevaluated).toEqual([
      'ECOSYSTEM range: no version ordering for ecosystem "Debian"',
    ]);
    const npm = record([entry('npm', 'a', [range('ECOSYSTEM', { introduced: '0' }, { fixed: '1.0' })])]);
    expect(affects(npm, { ecosystem: 'npm', name: 'a', version: 'latest' }).unevaluated).toEqual(['ECOSYSTEM range: "latest" is not a valid npm version']);
    expect(affects(npm, { ecosystem: 'npm', name: 'a', version: '0.5.0' }).unevaluated).toEqual(['ECOSYSTEM range: event fixed "1.0" is not a valid npm version']);
  });

  it('never matches a withdrawn record', () => {
    const advisory = record([entry('npm', 'jsonwebtoken', [range('ECOSYSTEM', { introduced: '0' }, { fixed: '9.0.0' })], ['8.5.1'])], {
      withdrawn: '2023-01-27T21:51:55Z',
    });
    expect(affects(advisory, { ecosystem: 'npm', name: 'jsonwebtoken', version: '8.5.1' })).toEqual({ affected: false, fixedVersions: [], unevaluated: [] });
  });

  it('looks at the named package only, in the same ecosystem', () => {
    const advisory = record([entry('npm', 'lodash', [range('ECOSYSTEM', { introduced: '0' })])]);
    expect(affects(advisory, { ecosystem: 'npm', name: 'lodash-es', version: '1.0.0' }).affected).toBe(false);
    expect(affects(advisory, { ecosystem: 'PyPI', name: 'lodash', version: '1.0.0' }).affected).toBe(false);
  });
});

describe('smallestFixAbove', () => {
  const advisory = record([
    entry('npm', 'ws', [range('ECOSYSTEM', { introduced: '2.1.0' }, { fixed: '5.2.4' })]),
    entry('npm', 'ws', [range('ECOSYSTEM', { introduced: '6.0.0' }, { fixed: '6.2.3' })]),
    entry('npm', 'ws', [range('ECOSYSTEM', { introduced: '8.0.0' }, { fixed: '8.17.1' })]),
  ]);

  it.each([
    ['3.3.3', '5.2.4'],
    ['6.2.1', '6.2.3'],
    ['8.2.3', '8.17.1'],
    ['5.2.4', '6.2.3'],
    ['8.17.1', undefined],
  ])('above %s: %s', (version, fix) => {
    expect(smallestFixAbove(advisory, { ecosystem: 'npm', name: 'ws' }, version)).toBe(fix);
  });

  it('skips a fixed version that another range marks affected', () => {
    const reopened = record([entry('npm', 'a', [range('ECOSYSTEM', { introduced: '1.0.0' }, { fixed: '2.0.0' }), range('ECOSYSTEM', { introduced: '2.0.0' }, { fixed: '3.0.0' })])]);
    expect(smallestFixAbove(reopened, { ecosystem: 'npm', name: 'a' }, '1.5.0')).toBe('3.0.0');
  });

  it('has none for a last_affected range', () => {
    const advisory2 = record([entry('npm', 'ip', [range('ECOSYSTEM', { introduced: '0' }, { last_affected: '1.1.8' })])]);
    expect(smallestFixAbove(advisory2, { ecosystem: 'npm', name: 'ip' }, '1.1.8')).toBeUndefined();
  });
});
