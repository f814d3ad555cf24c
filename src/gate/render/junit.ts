/**
 * JUnit XML, the test-report format CI systems (GitLab `artifacts:reports:junit`, Jenkins, Azure) show:
 * one testsuite for the policy set, one testcase per rule. A rule that fails the gate is a failure with
 * its evidence; warnings, baseline violations and waivers are written to the testcase's system-out.
 */
import { XMLBuilder } from 'fast-xml-parser';
import type { GateReport, GateRule } from '../gate-report.js';
import { fixText, messageOf, pathOf, placeOf, plural } from './describe.js';

/** Characters XML 1.0 does not allow, even escaped. */
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function renderJunit(report: GateReport): string {
  const suiteName = `${report.policy.name} ${report.policy.version}`;
  const failures = report.rules.filter((rule) => rule.failing).length;
  const testcases = report.rules.map((rule) => testcase(rule, suiteName));
  const document = {
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    testsuites: {
      '@_name': 'chainward gate',
      '@_tests': report.rules.length,
      '@_failures': failures,
      '@_errors': 0,
      testsuite: {
        '@_name': suiteName,
        '@_tests': report.rules.length,
        '@_failures': failures,
        '@_errors': 0,
        '@_skipped': 0,
        '@_timestamp': report.generatedAt.replace(/\.\d+Z$/, ''),
        properties: {
          property: [
            { '@_name': 'policy.digest', '@_value': report.policy.digest },
            { '@_name': 'sbom.digest', '@_value': report.sbom.digest },
            { '@_name': 'repository', '@_value': report.repository.name },
            { '@_name': 'verdict', '@_value': report.verdict },
          ],
        },
        testcase: testcases,
      },
    },
  };
  const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', format: true, suppressEmptyNode: true });
  return sanitise(builder.build(document) as string);
}

function testcase(rule: GateRule, suiteName: string): Record<string, unknown> {
  const base = { '@_name': `${rule.id}: ${rule.title}`, '@_classname': `chainward.${suiteName.split(' ')[0]}.${rule.kind}`, '@_time': 0 };
  const evidence = (violations: GateRule['violations']): string =>
    violations
      .map((v) => {
        const via = pathOf(v.evidence);
        return [`${messageOf(v)}`, `  at ${placeOf(v.location)}`, via ? `  via ${via}` : '', v.fix ? `  fix: ${fixText(v.fix)}` : ''].filter(Boolean).join('\n');
      })
      .join('\n');
  const failing = rule.violations.filter((v) => v.failing);
  const others = rule.violations.filter((v) => !v.failing);
  const out = [
    others.length > 0 ? `${plural(others.length, 'violation')} not failing the gate (${rule.action}${others.some((v) => v.state === 'baseline') ? ', or in the baseline' : ''}):\n${evidence(others)}` : '',
    rule.waived.length > 0 ? `waived:\n${rule.waived.map((w) => `${messageOf(w)} (until ${w.waiver.expires}, ${w.waiver.approver})`).join('\n')}` : '',
    ...rule.notes.map((note) => `note: ${note}`),
  ].filter(Boolean);
  return {
    ...base,
    ...(failing.length > 0 ? { failure: { '@_message': `${plural(failing.length, 'violation')} of ${rule.id}`, '@_type': `${rule.action}/${rule.severity}`, '#text': evidence(failing) } } : {}),
    ...(out.length > 0 ? { 'system-out': out.join('\n\n') } : {}),
  };
}

function sanitise(xml: string): string {
  return xml.replace(NOT_XML, '');
}
