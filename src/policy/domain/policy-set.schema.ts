/**
 * The policy language, defined once. The JSON Schema in `policies/schema/` is
 * generated from these definitions (see json-schema.ts).
 */
import { z } from 'zod';
import { conditionSchema } from './condition.schema.js';
import { apiVersionField, globList, nonEmptyText } from './schema-fields.js';

export const RULE_SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export const RULE_ACTIONS = ['fail', 'warn', 'info'] as const;

export const ruleIdField = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]{0,79}$/, { error: 'must be lower-case letters, digits, ".", "_" or "-" (at most 80), starting with a letter or digit' });

export const ruleSchema = z.strictObject({
  id: ruleIdField.describe('Stable id, used by waivers and results.'),
  title: nonEmptyText,
  description: nonEmptyText.optional(),
  severity: z.enum(RULE_SEVERITIES),
  action: z.enum(RULE_ACTIONS).describe('fail: a violation fails the evaluation; warn and info: reported only.'),
  condition: conditionSchema,
});

export const policySetSchema = z
  .strictObject({
    apiVersion: apiVersionField,
    kind: z.literal('PolicySet'),
    metadata: z.strictObject({
      name: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,79}$/, { error: 'must be lower-case letters, digits, ".", "_" or "-" (at most 80)' }),
      version: nonEmptyText.describe('Version of this policy set, e.g. "1.2.0".'),
      owner: nonEmptyText.describe('Who answers for this policy set (team or person, with a contact).'),
      description: nonEmptyText.optional(),
    }),
    scope: z
      .strictObject({
        repositories: globList.optional().describe('Repository names the set applies to; all when absent.'),
        tags: z.array(nonEmptyText).optional().describe('The set applies to repositories carrying at least one of these tags.'),
        ecosystems: z.array(nonEmptyText).optional().describe('Package URL types checked (npm, pypi, maven, golang, cargo, gem, composer, nuget); all when absent.'),
      })
      .optional(),
    waivers: z
      .strictObject({
        maxDurationDays: z.number().int().min(1).optional().describe('A waiver may last at most this many days from its creation.'),
      })
      .optional(),
    rules: z.array(ruleSchema).min(1),
  })
  .describe('A Chainward policy set.');

export type PolicySet = z.output<typeof policySetSchema>;
export type PolicySetInput = z.input<typeof policySetSchema>;
export type PolicyRule = z.output<typeof ruleSchema>;
export type RuleSeverity = (typeof RULE_SEVERITIES)[number];
export type RuleAction = (typeof RULE_ACTIONS)[number];
