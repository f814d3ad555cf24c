import { describe, expect, it } from '@jest/globals';
import { parseCycloneDxVex } from './parse-vex.js';
import { findSuppression } from './suppression.js';

const vex = (vulnerabilities: unknown[], components: unknown[] = []): string =>
  JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6', version: 1, components, vulnerabilities });

describe('parseCycloneDxVex', () => {
  it('resolves affects refs through components (nested too), BOM-Links and bare purls', () => {
    const text = vex(
      [
        {
          id: 'CVE-2021-44906',
          analysis: { state: 'not_affected', justification: 'code_not_reachable', detail: 'flags are ours' },
          affects: [{ ref: 'minimist' }, { ref: 'urn:cdx:3e671687-395b-41f5-a30f-a58921a69b79/1#nested' }, { ref: 'pkg:npm/qs@6.5.2' }],
        },
      ],
      [{ 'bom-ref': 'minimist', purl: 'pkg:npm/minimist@1.2.5', components: [{ 'bom-ref': 'nested', purl: 'pkg:npm/ws@3.3.3' }] }],
    );
    expect(parseCycloneDxVex(text, 'vex.json')).toEqual({
      statements: ['pkg:npm/minimist@1.2.5', 'pkg:npm/ws@3.3.3', 'pkg:npm/qs@6.5.2'].map((purl) => ({
        vulnerabilityId: 'CVE-2021-44906',
        purl,
        state: 'not_affected',
        justification: 'code_not_reachable',
        detail: 'flags are ours',
      })),
      ignored: [],
    });
  });

  it('ignores analyses that do not suppress and refs that name no package, saying why', () => {
    const text = vex([
      { id: 'GHSA-1', analysis: { state: 'in_triage' }, affects: [{ ref: 'pkg:npm/a@1.0.0' }] },
      { id: 'GHSA-2', affects: [{ ref: 'pkg:npm/a@1.0.0' }] },
      { id: 'GHSA-3', analysis: { state: 'false_positive' }, affects: [{ ref: 'unknown-ref' }] },
    ]);
    expect(parseCycloneDxVex(text, 'vex.json')).toEqual({
      statements: [],
      ignored: ['GHSA-1: analysis state in_triage does not suppress', 'GHSA-2: analysis state none does not suppress', 'GHSA-3: affects unknown-ref names no package URL'],
    });
  });

  it('refuses a document that is not CycloneDX or has no vulnerabilities', () => {
    expect(() => parseCycloneDxVex('{"spdxVersion": "SPDX-2.3"}', 'x.json')).toThrow(/not a CycloneDX JSON document/);
    expect(() => parseCycloneDxVex('{"bomFormat": "CycloneDX"}', 'x.json')).toThrow(/"vulnerabilities" array/);
    expect(() => parseCycloneDxVex('{', 'x.json')).toThrow(/not valid JSON/);
  });
});

describe('findSuppression', () => {
  const finding = { advisoryId: 'GHSA-xvch-5gv4-984h', aliases: ['CVE-2021-44906'], purl: 'pkg:npm/minimist@1.2.5' };

  it('matches by advisory id or alias, and by purl with or without a version', () => {
    const byAlias = { vulnerabilityId: 'CVE-2021-44906', purl: 'pkg:npm/minimist@1.2.5', state: 'not_affected' as const, justification: 'code_not_present' };
    expect(findSuppression(finding, [byAlias])).toEqual({ state: 'not_affected', justification: 'code_not_present', vulnerabilityId: 'CVE-2021-44906' });
    const anyVersion = { vulnerabilityId: 'GHSA-xvch-5gv4-984h', purl: 'pkg:npm/minimist', state: 'false_positive' as const };
    expect(findSuppression(finding, [anyVersion])?.state).toBe('false_positive');
  });

  it('does not match another version, another package or another vulnerability', () => {
    expect(findSuppression(finding, [{ vulnerabilityId: 'CVE-2021-44906', purl: 'pkg:npm/minimist@1.2.6', state: 'not_affected' }])).toBeUndefined();
    expect(findSuppression(finding, [{ vulnerabilityId: 'CVE-2021-44906', purl: 'pkg:npm/minimist-lite@1.2.5', state: 'not_affected' }])).toBeUndefined();
    expect(findSuppression(finding, [{ vulnerabilityId: 'CVE-2020-7598', purl: 'pkg:npm/minimist@1.2.5', state: 'not_affected' }])).toBeUndefined();
  });
});
