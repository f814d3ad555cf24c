import { createHash } from 'node:crypto';
import type { ReportData, ReportFinding, ReportComponent, ReportLedgerEntry } from '../../src/reports/index.js';

const SEVERITY_CYCLE = ['critical', 'high', 'high', 'medium', 'medium', 'medium', 'low', null] as const;
const LICENCES = [['MIT'], ['Apache-2.0'], ['(MIT OR GPL-3.0-only)'], ['GPL-3.0-only'], ['LGPL-2.1-only'], [], ['ISC'], ['Custom licence']];

function hex(seed: string): string {
  return createHash('sha256').update(seed).digest('hex');
}

/**
 * Deterministic report data of any size, for the layout tests and the benchmark: `components` packages, `findings`
 * findings spread over them (every fifth resolved by VEX), one policy evaluation per day, a ledger entry per scan.
 */
export function sampleReportData({ components = 12, findings = 9, entries = 6 }: { components?: number; findings?: number; entries?: number } = {}): ReportData {
  const componentList: ReportComponent[] = Array.from({ length: components }, (_, i) => ({
    name: `package-${i}`,
    group: i % 7 === 0 ? '@scope' : null,
    version: `1.${i % 10}.${i % 3}`,
    purl: `pkg:npm/${i % 7 === 0 ? '%40scope/' : ''}package-${i}@1.${i % 10}.${i % 3}`,
    ecosystem: 'npm',
    direct: i % 4 === 0,
    dependents: i % 4 === 0 ? [] : [`package-${i - (i % 4)}`],
    scope: i % 9 === 0 ? 'optional' : 'required',
    development: i % 9 === 0,
    licences: LICENCES[i % LICENCES.length]!,
    hash: { alg: 'SHA-512', content: hex(`c${i}`) + hex(`d${i}`) },
  }));
  const findingList: ReportFinding[] = Array.from({ length: findings }, (_, i) => {
    const component = componentList[i % Math.max(1, components)]!;
    const severity = SEVERITY_CYCLE[i % SEVERITY_CYCLE.length]!;
    return {
      advisory: `GHSA-${hex(`a${i}`).slice(0, 4)}-${hex(`b${i}`).slice(0, 4)}-${hex(`e${i}`).slice(0, 4)}`,
      aliases: [`CVE-2026-${String(10000 + i)}`],
      component: { name: component.name, version: component.version, purl: component.purl },
      severity,
      score: severity === null ? null : { critical: 9.8, high: 7.5, medium: 5.3, low: 3.1 }[severity],
      vector: severity === null ? null : 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N',
      fixedVersions: i % 3 === 2 ? [] : [`1.${(i % 10) + 1}.0`, `2.0.${i % 5}`],
      fixAbove: i % 3 === 2 ? null : `1.${(i % 10) + 1}.0`,
      vex: i % 5 === 4 ? { state: 'not_affected', justification: 'code_not_reachable', detail: 'The vulnerable function is never called.' } : null,
    };
  });
  const trail: ReportLedgerEntry[] = Array.from({ length: entries }, (_, i) => ({
    seq: String(i + 1),
    recordedAt: new Date(Date.UTC(2026, 2, 2 + (i % 28), 9, i % 60, 0)).toISOString(),
    actor: 'system:chainward@0.1.0',
    action: i % 3 === 2 ? 'policy.evaluated' : i % 3 === 0 ? 'scan.started' : 'scan.finished',
    subject: 'repository=3f1c5d2e-0000-4000-8000-000000000001 scan=9a1b2c3d-0000-4000-8000-000000000002',
    rationale: i % 3 === 2 ? 'Policy set default 1.0.0 failed on webapp: 2 failing rule(s).' : 'Scanned webapp: 12 components from 1 lockfile(s).',
    leafHash: hex(`entry${i}`),
  }));
  return {
    id: '0b9d3c5e-8f2a-4c1d-9e7f-123456789abc',
    organisation: 'Example Bank plc',
    scope: { kind: 'repository', repository: 'webapp' },
    period: { from: '2026-03-01T00:00:00.000Z', to: '2026-03-31T23:59:59.999Z' },
    generatedAt: '2026-04-01T08:00:00.000Z',
    generator: { name: 'chainward', version: '0.1.0' },
    checkpoint: {
      origin: 'chainward.local/ci-host',
      treeSize: String(entries + 2),
      rootHash: Buffer.from(hex('root'), 'hex').toString('base64'),
      note: `chainward.local/ci-host\n${entries + 2}\n${Buffer.from(hex('root'), 'hex').toString('base64')}\n\n\u2014 chainward.local/ci-host abcdEFGH1234signature==\n`,
      publicKey: 'chainward.local/ci-host+1a2b3c4d+AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcdefghi=',
    },
    previous: null,
    signer: {
      subject: 'O=Example Bank plc, OU=Chainward compliance reports, CN=Example Bank plc report signing',
      issuer: 'O=Example Bank plc, OU=Chainward compliance reports, CN=Example Bank plc report root CA',
      serial: '4f2a',
      fingerprint: 'AB:CD',
      notAfter: '2028-04-01T08:00:00.000Z',
      rootFingerprint: 'EF:01',
      rootSubject: 'O=Example Bank plc, OU=Chainward compliance reports, CN=Example Bank plc report root CA',
      source: 'local-ca',
    },
    repositories: [
      {
        id: '3f1c5d2e-0000-4000-8000-000000000001',
        name: 'webapp',
        location: '/srv/checkouts/webapp',
        scan: {
          id: '9a1b2c3d-0000-4000-8000-000000000002',
          startedAt: '2026-03-30T10:00:00.000Z',
          finishedAt: '2026-03-30T10:00:02.000Z',
          commit: hex('commit').slice(0, 40),
          branch: 'main',
          toolVersion: '0.1.0',
          lockfiles: ['package-lock.json'],
          warnings: 0,
          sbom: { format: 'cyclonedx-json', specVersion: '1.6', serialNumber: 'urn:uuid:5b0c2d3e-0000-4000-8000-000000000003', digest: hex('sbom') },
        },
        scansInPeriod: 3,
        components: componentList,
        findings: findingList,
        policy: {
          name: 'default',
          version: '1.0.0',
          digest: `sha256:${hex('policy')}`,
          outcome: 'failed',
          evaluatedAt: '2026-03-30T10:00:03.000Z',
          summary: { rules: 3, passed: 1, failed: 2, waived: 1, failing: 1, warnings: 1 },
          rules: [
            { id: 'licence-copyleft', title: 'No strong copyleft in shipped code', severity: 'high', action: 'fail', status: 'failed', violations: [{ subject: 'package-3@1.3.0', reason: 'licence GPL-3.0-only is strong-copyleft, a denied category' }], waived: [], notes: [] },
            { id: 'vulnerability-fixable', title: 'Fixable high vulnerabilities', severity: 'high', action: 'warn', status: 'waived', violations: [], waived: [{ subject: 'package-1@1.1.1', reason: 'GHSA fixable', approver: 'Jane Doe <jane@example.org>', expires: '2026-06-30T00:00:00.000Z' }], notes: [] },
            { id: 'secrets', title: 'No secrets in the repository', severity: 'critical', action: 'fail', status: 'passed', violations: [], waived: [], notes: [] },
          ],
          waivers: [
            { rule: 'vulnerability-fixable', target: 'pkg:npm/package-1', approver: 'Jane Doe <jane@example.org>', reason: 'Only reachable from the admin console, which is not exposed (ticket SEC-42).', created: '2026-03-01T00:00:00.000Z', expires: '2026-06-30T00:00:00.000Z', state: 'applied', matched: 1 },
          ],
        },
      },
    ],
    evaluations: Array.from({ length: 10 }, (_, i) => ({ evaluatedAt: new Date(Date.UTC(2026, 2, 1 + i * 3, 12)).toISOString(), outcome: i % 4 === 3 ? 'failed' : 'passed' })),
    auditTrail: trail,
  };
}
