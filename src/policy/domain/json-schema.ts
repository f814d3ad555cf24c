/**
 * The published JSON Schemas (policies/schema/*.json), generated from the zod
 * definitions so the language has one source of truth. Checks that JSON
 * Schema cannot express (purls, regex safety, SPDX ids, duplicate rule ids)
 * are applied by the loader only.
 */
import { z } from 'zod';
import { policySetSchema } from './policy-set.schema.js';
import { policyTestsFileSchema } from './policy-test.schema.js';
import { waiversFileSchema } from './waiver.schema.js';

export const SCHEMA_BASE_URI = 'https://chainward.dev/schemas/v1/';

export const JSON_SCHEMA_FILES = {
  'policy-set.schema.json': { schema: policySetSchema, title: 'Chainward policy set' },
  'waivers.schema.json': { schema: waiversFileSchema, title: 'Chainward waivers' },
  'policy-tests.schema.json': { schema: policyTestsFileSchema, title: 'Chainward policy tests' },
} as const;

export type JsonSchemaFile = keyof typeof JSON_SCHEMA_FILES;

export function policyJsonSchema(file: JsonSchemaFile): Record<string, unknown> {
  const { schema, title } = JSON_SCHEMA_FILES[file];
  const { $schema, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input' }) as Record<string, unknown>;
  return { $schema, $id: `${SCHEMA_BASE_URI}${file}`, title, ...rest };
}

/** The file's text as committed: two-space JSON and a final newline. */
export function policyJsonSchemaText(file: JsonSchemaFile): string {
  return `${JSON.stringify(policyJsonSchema(file), null, 2)}\n`;
}
