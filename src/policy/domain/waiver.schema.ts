import { z } from 'zod';
import { ruleIdField } from './policy-set.schema.js';
import { apiVersionField, dateField, globList, nonEmptyText, purlField } from './schema-fields.js';

export const waiverSchema = z
  .strictObject({
    rule: ruleIdField.describe('Id of the rule the waiver suppresses.'),
    purl: purlField.optional().describe('Package the waiver covers; without a version, every version.'),
    file: nonEmptyText.optional().describe('Files the waiver covers (.gitignore syntax).'),
    advisory: nonEmptyText.optional().describe('Only this advisory (id or alias) of the package.'),
    repositories: globList.optional().describe('Only these repositories; all when absent.'),
    reason: nonEmptyText,
    approver: nonEmptyText,
    created: dateField,
    expires: dateField.describe('The waiver stops applying at this instant (a date means 00:00 UTC).'),
  })
  .superRefine((waiver, ctx) => {
    if ((waiver.purl === undefined) === (waiver.file === undefined)) {
      ctx.addIssue({ code: 'custom', message: 'needs exactly one of `purl` or `file`' });
    }
    if (Date.parse(waiver.expires) <= Date.parse(waiver.created)) {
      ctx.addIssue({ code: 'custom', path: ['expires'], message: 'must be later than `created`' });
    }
  });

export const waiversFileSchema = z
  .strictObject({
    apiVersion: apiVersionField,
    kind: z.literal('Waivers'),
    waivers: z.array(waiverSchema),
  })
  .describe('Waivers beside a Chainward policy set.');

/** A waiver as the evaluator takes it; `id` is set for waivers stored through the CLI or API (not in YAML). */
export type Waiver = z.output<typeof waiverSchema> & { id?: string };
export type WaiversFile = z.output<typeof waiversFileSchema>;
