import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { loadPolicySource, parsePolicySet, parsePolicyTests, parseWaivers, type TextFile } from './load-policy.js';
import { formatProblem } from './problems.js';

const fixtures = fileURLToPath(new URL('../../../test/fixtures/policy/', import.meta.url));
const fixture = (name: string): TextFile => ({ path: name, text: readFileSync(`${fixtures}${name}`, 'utf8') });
const messages = (result: { ok: boolean; problems: Parameters<typeof formatProblem>[0][] }): string[] => result.problems.map(formatProblem);

describe('parsePolicySet on golden files', () => {
  it.each([
    [
      'invalid-unknown-keys.yaml',
      [
        'invalid-unknown-keys.yaml:4:3: metadata is missing the required key "owner"',
        'invalid-unknown-keys.yaml:6:3: unknown key "ower" in metadata; did you mean "owner"?',
        'invalid-unknown-keys.yaml:8:5: rules[0] is missing the required key "severity"',
        'invalid-unknown-keys.yaml:10:5: unknown key "serverity" in rules[0]; did you mean "severity"?',
        'invalid-unknown-keys.yaml:15:9: unknown key "categorys" in rules[0].condition.deny; did you mean "categories"?',
        'invalid-unknown-keys.yaml:17:7: unknown key "colour" in rules[0].condition; allowed keys are kind, allow, deny, unknown, developmentDependencies, scopes',
      ],
    ],
    [
      'invalid-values.yaml',
      [
        'invalid-values.yaml:1:13: apiVersion must be "chainward.dev/v1", not "chainward.dev/v2"',
        'invalid-values.yaml:5:12: metadata.version must be a text, not the number 1; put it in quotes',
        'invalid-values.yaml:8:9: rules[0].id must be lower-case letters, digits, ".", "_" or "-" (at most 80), starting with a letter or digit',
        'invalid-values.yaml:10:15: rules[0].severity must be one of critical, high, medium, low, info, not "urgent"',
        'invalid-values.yaml:11:13: rules[0].action must be one of fail, warn, info, not "block"',
        'invalid-values.yaml:13:13: rules[0].condition.kind must be one of licence, vulnerability, package, repository, not "license"; did you mean "licence"?',
        'invalid-values.yaml:21:25: rules[1].condition.maxFileSizeBytes must be a number, not "10MB"',
        'invalid-values.yaml:28:25: rules[2].condition.cvssScoreAtLeast must be at most 10',
        'invalid-values.yaml:29:32: rules[2].condition.publishedAtLeastDaysAgo must be at least 0',
      ],
    ],
    [
      'invalid-missing-keys.yaml',
      [
        'invalid-missing-keys.yaml:4:3: metadata is missing the required key "owner"',
        'invalid-missing-keys.yaml:7:5: rules[0] is missing the required key "action"',
        'invalid-missing-keys.yaml:18:7: rules[1].condition is missing the required key "kind" (one of licence, vulnerability, package, repository)',
      ],
    ],
    ['invalid-duplicate-rule-id.yaml', ['invalid-duplicate-rule-id.yaml:23:9: duplicate rule id "secrets"; it is first used at line 8']],
    [
      'invalid-semantics.yaml',
      [
        'invalid-semantics.yaml:15:15: rules[0].condition.allow.ids[0] "Apache 2.0" is not an SPDX licence id; did you mean "Apache-2.0"?',
        'invalid-semantics.yaml:15:27: rules[0].condition.allow.ids[1] "MIT OR ISC" is a licence expression; list each licence id separately',
        'invalid-semantics.yaml:22:7: rules[1].condition can never fail: give `allow`, `deny` or `unknown: deny`',
        'invalid-semantics.yaml:31:17: rules[2].condition.banned[0].purl is not a valid package URL (Invalid purl: missing required "pkg" scheme component)',
        'invalid-semantics.yaml:33:21: rules[2].condition.banned[1].versions is not a version range: "3.3.6 and later" is not a version constraint such as ">=1.2.0" or "=3.3.6"',
        'invalid-semantics.yaml:43:20: rules[3].condition.forbiddenContent.patterns[0].regex repeats a group that itself repeats (like "(a+)+"), which can make matching take exponential time',
        'invalid-semantics.yaml:45:20: rules[3].condition.forbiddenContent.patterns[1].regex is not a valid regular expression (/([a-z]/u: Unterminated group)',
        'invalid-semantics.yaml:47:21: rules[3].condition.forbiddenImports[0].language must be one of javascript, typescript, python, java, kotlin, go, ruby, csharp, rust, php, not "cobol"',
      ],
    ],
    [
      'invalid-yaml-syntax.yaml',
      [
        'invalid-yaml-syntax.yaml:7:3: the key "owner" appears twice in the same mapping',
        'invalid-yaml-syntax.yaml:11:1: YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]',
      ],
    ],
  ])('%s', (name, expected) => {
    const result = parsePolicySet(fixture(name));
    expect(result.ok).toBe(false);
    expect(messages(result)).toEqual(expected);
  });

  it('accepts a valid policy and fills in the defaults', () => {
    const result = parsePolicySet(fixture('valid-minimal.yaml'));
    if (!result.ok) throw new Error(messages(result).join('\n'));
    expect(result.value.rules[0]?.condition).toEqual({
      kind: 'licence',
      deny: { ids: ['AGPL-3.0-only', 'AGPL-3.0-or-later'] },
      unknown: 'allow',
      developmentDependencies: 'include',
      scopes: ['required', 'optional', 'excluded'],
    });
  });
});

describe('defences of the YAML reader', () => {
  it('rejects an alias bomb quickly, at the first alias', () => {
    const started = performance.now();
    const result = parsePolicySet(fixture('invalid-alias-bomb.yaml'));
    const elapsed = performance.now() - started;
    expect(messages(result)).toEqual(['invalid-alias-bomb.yaml:4:9: the file expands YAML aliases too many times (limit 32); write the values out instead']);
    expect(elapsed).toBeLessThan(500);
  });

  it('rejects a document larger than 1 MiB before parsing it', () => {
    const text = `apiVersion: chainward.dev/v1\n# ${'x'.repeat(1024 * 1024)}\n`;
    expect(messages(parsePolicySet({ path: 'big.yaml', text }))).toEqual([`big.yaml:1:1: the file is ${text.length} bytes; a policy file may be at most 1048576 bytes`]);
  });

  it('rejects several documents in one file and an empty file', () => {
    expect(messages(parsePolicySet({ path: 'two.yaml', text: 'kind: PolicySet\n---\nkind: PolicySet\n' }))).toEqual([
      'two.yaml:2:1: the file holds several YAML documents; put one policy set per file',
    ]);
    expect(messages(parsePolicySet({ path: 'empty.yaml', text: '' }))).toEqual(['empty.yaml:1:1: the document must be a mapping, not empty']);
  });
});

describe('waivers and policy tests', () => {
  it('reports schema problems of a waivers file', () => {
    expect(messages(parseWaivers(fixture('invalid-waivers.yaml')))).toEqual([
      'invalid-waivers.yaml:4:5: waivers[0] needs exactly one of `purl` or `file`',
      'invalid-waivers.yaml:10:14: waivers[0].expires must be later than `created`',
      'invalid-waivers.yaml:11:5: waivers[1] is missing the required key "approver"',
      'invalid-waivers.yaml:21:14: waivers[2].expires is not a date such as 2025-03-31 (found "next year")',
    ]);
  });

  it('checks waivers and tests against the policy set they belong to', () => {
    const result = loadPolicySource({
      policy: fixture('valid-waivers-policy.yaml'),
      waivers: fixture('invalid-waivers-for-policy.yaml'),
      tests: [fixture('invalid-policy-tests.yaml')],
    });
    expect(messages(result)).toEqual([
      'invalid-policy-tests.yaml:8:69: cases[0].given.components[0].scope must be one of required, optional, excluded, not "shipped"',
      'invalid-policy-tests.yaml:13:27: cases[0].expect.rules.licence-copyleft must be one of passed, failed, waived, not "green"',
      'invalid-waivers-for-policy.yaml:4:11: waivers[0] names rule "licence-copylef", which the policy set does not define; did you mean "licence-copyleft"?',
      'invalid-waivers-for-policy.yaml:15:14: waivers[1] lasts 365 days; policy set "with-waiver-limit" allows at most 90',
    ]);
  });

  it('names an expected rule the policy set does not define', () => {
    const text = fixture('invalid-policy-tests.yaml').text.replace('scope: shipped', 'scope: required').replace('green', 'passed');
    expect(parsePolicyTests({ path: 't.yaml', text }).ok).toBe(true);
    const result = loadPolicySource({ policy: fixture('valid-waivers-policy.yaml'), tests: [{ path: 't.yaml', text }] });
    expect(messages(result)).toEqual(['t.yaml:12:9: cases[0].expect.rules names rule "licence-copylef", which the policy set does not define; did you mean "licence-copyleft"?']);
  });
});
