/** The pure document model: figures, licence categories, pass-rate buckets, periods, the manifest and the layout. */
import { describe, expect, it } from '@jest/globals';
import { ChainwardError } from '../../src/common/errors.js';
import {
  buildReportLayout,
  formatSeqRanges,
  keyFigures,
  licenceCategoryOf,
  parseManifest,
  parseSeqRanges,
  passRateOverTime,
  resolvePeriod,
  type Block,
  type LayoutSection,
} from '../../src/reports/index.js';
import { sampleReportData } from './sample-report-data.js';

function allSections(sections: readonly LayoutSection[]): LayoutSection[] {
  return sections.flatMap((section) => [section, ...allSections(section.children)]);
}

function tables(section: LayoutSection): Array<Extract<Block, { kind: 'table' }>> {
  return section.blocks.filter((block): block is Extract<Block, { kind: 'table' }> => block.kind === 'table');
}

describe('licenceCategoryOf', () => {
  it.each([
    [['MIT'], 'permissive'],
    [['(MIT OR GPL-3.0-only)'], 'permissive'],
    [['MIT AND GPL-3.0-only'], 'strong-copyleft'],
    [['MIT', 'AGPL-3.0-only'], 'network-copyleft'],
    [['GPL-2.0-only WITH Classpath-exception-2.0'], 'weak-copyleft'],
    [['CC0-1.0'], 'public-domain'],
    [['UNLICENSED'], 'proprietary'],
    [['Custom licence'], 'unknown'],
    [['MIT AND LicenseRef-Acme'], 'unknown'],
    [['LicenseRef-Acme OR Apache-2.0'], 'permissive'],
    [[], 'unknown'],
  ])('%j is %s', (licences, category) => {
    expect(licenceCategoryOf(licences)).toBe(category);
  });
});

describe('keyFigures', () => {
  it('counts open findings by severity, VEX resolutions, fixes, waivers and licence categories', () => {
    const data = sampleReportData({ components: 16, findings: 40, entries: 7 });
    const findings = data.repositories[0]!.findings;
    const open = findings.filter((f) => f.vex === null);
    const figures = keyFigures(data);
    expect(figures.findings).toBe(40);
    expect(figures.openFindings).toBe(open.length);
    expect(figures.suppressedFindings).toBe(8);
    expect(figures.openBySeverity.critical).toBe(open.filter((f) => f.severity === 'critical').length);
    expect(figures.openBySeverity.unrated).toBe(open.filter((f) => f.severity === null).length);
    expect(figures.fixableOpen).toBe(open.filter((f) => f.fixAbove !== null).length);
    expect(figures.components).toBe(16);
    expect(figures.directComponents).toBe(4);
    expect(figures.componentsWithoutLicence).toBe(2);
    // The licence cycle: MIT, Apache-2.0, (MIT OR GPL-3.0-only), GPL-3.0-only, LGPL-2.1-only, none, ISC, custom.
    expect(figures.licenceCategories).toEqual({
      permissive: 8,
      'weak-copyleft': 2,
      'strong-copyleft': 2,
      'network-copyleft': 0,
      'public-domain': 0,
      proprietary: 0,
      unknown: 4,
    });
    expect(figures.evaluations).toBe(10);
    expect(figures.passRate).toBeCloseTo(80);
    expect(figures.waiversApplied).toBe(1);
    expect(figures.ledgerEntries).toBe(7);
  });
});

describe('passRateOverTime', () => {
  it('uses days for a short period and counts only the judged evaluations of each day', () => {
    const buckets = passRateOverTime({ from: '2026-03-01T00:00:00.000Z', to: '2026-03-03T23:59:59.999Z' }, [
      { evaluatedAt: '2026-03-01T10:00:00.000Z', outcome: 'passed' },
      { evaluatedAt: '2026-03-01T11:00:00.000Z', outcome: 'failed' },
      { evaluatedAt: '2026-03-03T11:00:00.000Z', outcome: 'not-applicable' },
      { evaluatedAt: '2026-03-04T00:00:00.000Z', outcome: 'failed' },
    ]);
    expect(buckets.map((b) => [b.label, b.passed, b.failed, b.rate])).toEqual([
      ['03-01', 1, 1, 50],
      ['03-02', 0, 0, null],
      ['03-03', 0, 0, null],
    ]);
  });

  it('uses weeks from Monday for a month and months for a year', () => {
    expect(passRateOverTime({ from: '2026-03-01T00:00:00.000Z', to: '2026-03-31T23:59:59.999Z' }, []).map((b) => b.label)).toEqual([
      'wk 02-23',
      'wk 03-02',
      'wk 03-09',
      'wk 03-16',
      'wk 03-23',
      'wk 03-30',
    ]);
    expect(passRateOverTime({ from: '2026-01-01T00:00:00.000Z', to: '2026-12-31T23:59:59.999Z' }, [])).toHaveLength(12);
  });
});

describe('resolvePeriod', () => {
  const now = new Date('2026-04-15T12:00:00.000Z');

  it('takes whole days inclusively and defaults to the 30 days before the end', () => {
    expect(resolvePeriod({ from: '2026-03-01', to: '2026-03-31' }, now)).toEqual({ from: '2026-03-01T00:00:00.000Z', to: '2026-03-31T23:59:59.999Z' });
    expect(resolvePeriod({}, now)).toEqual({ from: '2026-03-16T12:00:00.000Z', to: '2026-04-15T12:00:00.000Z' });
    expect(resolvePeriod({ from: '2026-04-01T08:00:00+02:00' }, now).from).toBe('2026-04-01T06:00:00.000Z');
  });

  it('refuses impossible dates, instants without a zone and reversed periods', () => {
    expect(() => resolvePeriod({ from: '2026-02-30' }, now)).toThrow('--from 2026-02-30 is not a calendar date');
    expect(() => resolvePeriod({ to: '2026-04-01T10:00' }, now)).toThrow(/--to must be a date \(2026-03-31\) or an ISO-8601 instant with a zone/);
    const error = (() => {
      try {
        resolvePeriod({ from: '2026-04-02', to: '2026-04-01' }, now);
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(ChainwardError);
    expect((error as ChainwardError).category).toBe('bad-input');
  });
});

describe('sequence ranges', () => {
  it('round-trips and refuses what is not ascending', () => {
    const seqs = [1n, 2n, 3n, 4n, 7n, 9n, 10n, 11n, 12n, 20n];
    expect(formatSeqRanges(seqs)).toBe('1-4,7,9-12,20');
    expect(parseSeqRanges('1-4,7,9-12,20')).toEqual(seqs);
    expect(parseSeqRanges('')).toEqual([]);
    expect(() => parseSeqRanges('4,2')).toThrow('not ascending');
    expect(() => parseSeqRanges('1-x')).toThrow('malformed');
  });
});

describe('buildReportLayout', () => {
  const data = sampleReportData({ components: 30, findings: 25, entries: 9 });
  const layout = buildReportLayout(data);
  const sections = allSections(layout.sections);

  it('has the sections auditors look for, in order, one bookmark each', () => {
    expect(sections.map((s) => s.title)).toEqual([
      'Cover',
      'Executive summary',
      'Repositories',
      'webapp',
      'SBOM — NTIA minimum elements',
      'Vulnerabilities',
      'Policy results',
      'Remediation history',
      'Audit trail',
      'How to verify this report',
    ]);
  });

  it('lists every component, every open and every VEX-resolved finding, and every ledger entry', () => {
    const byTitle = new Map(sections.map((s) => [s.title, s]));
    const [components] = tables(byTitle.get('SBOM — NTIA minimum elements')!);
    expect(components!.rows).toHaveLength(30);
    expect(components!.columns.map((c) => c.header)).toEqual(['Component / unique identifier (purl)', 'Version', 'Supplier', 'Dependency relationship', 'Licence', 'Hash']);
    const [open, resolved] = tables(byTitle.get('Vulnerabilities')!);
    expect(open!.rows).toHaveLength(20);
    expect(resolved!.rows).toHaveLength(5);
    const [, entries] = tables(byTitle.get('Audit trail')!);
    expect(entries!.rows.map((row) => row[0])).toEqual(data.auditTrail.map((e) => e.seq));
  });

  it('embeds a manifest that parses back to what the report is bound to', () => {
    const manifest = parseManifest(layout.manifest);
    expect(manifest.reportId).toBe(data.id);
    expect(manifest.ledger).toMatchObject({ treeSize: data.checkpoint.treeSize, rootHash: data.checkpoint.rootHash, checkpoint: data.checkpoint.note });
    expect(manifest.auditTrail).toMatchObject({ entries: 9, seqs: '1-9' });
    expect(manifest.repositories).toEqual([{ id: data.repositories[0]!.id, name: 'webapp', scan: data.repositories[0]!.scan!.id, sbomDigest: data.repositories[0]!.scan!.sbom!.digest }]);
    expect(layout.attachments.map((a) => a.name)).toEqual(['chainward-report.json', 'checkpoint.txt', 'ledger.pub']);
    expect(layout.metadata.keywords).toContain(`ledger-checkpoint:${data.checkpoint.origin} ${data.checkpoint.treeSize} ${data.checkpoint.rootHash}`);
  });

  it('says plainly that there is no remediation history', () => {
    const remediation = sections.find((s) => s.title === 'Remediation history')!;
    expect(remediation.blocks).toEqual([expect.objectContaining({ kind: 'paragraph', text: expect.stringMatching(/^None recorded\. /) })]);
  });

  it('is deterministic', () => {
    expect(JSON.stringify(buildReportLayout(sampleReportData({ components: 30, findings: 25, entries: 9 })))).toBe(JSON.stringify(layout));
  });

  it('refuses a manifest that is not one', () => {
    expect(() => parseManifest('{"format":"something-else"}')).toThrow(/not a Chainward report: its manifest is malformed at format/);
  });
});
