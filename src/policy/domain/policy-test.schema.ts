/**
 * Policy unit tests: given components, findings and files, expect rule
 * outcomes. Officers write them beside a policy set (`tests/*.yaml`) to check
 * a change before it is merged.
 */
import { z } from 'zod';
import { ruleIdField } from './policy-set.schema.js';
import { apiVersionField, dateField, nonEmptyText, purlField } from './schema-fields.js';
import { waiverSchema } from './waiver.schema.js';

const testComponent = z.strictObject({
  purl: purlField,
  licences: z.array(nonEmptyText).default([]).describe('SPDX expressions (or other licence texts, kept as named licences).'),
  scope: z.enum(['required', 'optional', 'excluded']).default('required'),
  development: z.boolean().default(false),
  direct: z.boolean().optional().describe('Defaults to true unless another component depends on it.'),
  dependsOn: z.array(nonEmptyText).default([]).describe('Purls of components listed in this case.'),
  properties: z.record(z.string(), z.string()).default({}),
});

const testFinding = z.strictObject({
  component: nonEmptyText.describe('Purl of a component listed in this case.'),
  advisory: nonEmptyText,
  aliases: z.array(nonEmptyText).default([]),
  severity: z.enum(['critical', 'high', 'medium', 'low', 'none', 'unknown']),
  cvssScore: z.number().min(0).max(10).optional(),
  fixedVersions: z.array(nonEmptyText).default([]),
  published: dateField.optional(),
  knownExploited: z.boolean().default(false),
  withdrawn: z.boolean().default(false),
  vex: z
    .strictObject({
      state: z.enum(['resolved', 'resolved_with_pedigree', 'exploitable', 'in_triage', 'false_positive', 'not_affected']),
      justification: nonEmptyText.optional(),
    })
    .optional(),
});

const testFile = z.strictObject({
  path: nonEmptyText,
  content: z.string().optional(),
  size: z.number().int().min(0).optional().describe('Size in bytes; defaults to the content\'s UTF-8 length.'),
  binary: z.boolean().default(false),
});

const ruleStatus = z.enum(['passed', 'failed', 'waived']);
const expectedRule = z.union([
  ruleStatus,
  z.strictObject({ status: ruleStatus, violations: z.number().int().min(0).optional(), waived: z.number().int().min(0).optional() }),
]);

const testCase = z.strictObject({
  name: nonEmptyText,
  now: dateField.describe('The evaluation instant, so expiry and ages are reproducible.'),
  given: z.strictObject({
    repository: z.strictObject({ name: nonEmptyText, tags: z.array(nonEmptyText).default([]) }).optional(),
    components: z.array(testComponent).default([]),
    findings: z.array(testFinding).default([]),
    files: z.array(testFile).default([]),
    waivers: z.array(waiverSchema).optional().describe('Replaces the policy set\'s waivers for this case.'),
  }),
  expect: z.strictObject({
    outcome: z.enum(['passed', 'failed', 'not-applicable']).optional(),
    rules: z.record(ruleIdField, expectedRule).default({}),
  }),
});

export const policyTestsFileSchema = z
  .strictObject({
    apiVersion: apiVersionField,
    kind: z.literal('PolicyTests'),
    cases: z.array(testCase).min(1),
  })
  .describe('Unit tests of a Chainward policy set.');

export type PolicyTestsFile = z.output<typeof policyTestsFileSchema>;
export type PolicyTestCase = z.output<typeof testCase>;
export type ExpectedRuleOutcome = z.output<typeof expectedRule>;
