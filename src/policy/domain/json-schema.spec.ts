import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { JSON_SCHEMA_FILES, policyJsonSchema, policyJsonSchemaText, type JsonSchemaFile } from './json-schema.js';

const schemaDir = fileURLToPath(new URL('../../../policies/schema/', import.meta.url));
const policiesDir = fileURLToPath(new URL('../../../policies/', import.meta.url));
const REGENERATE = 'CHAINWARD_WRITE_SCHEMAS=1 npm test -- src/policy/domain/json-schema';

describe('published JSON Schemas', () => {
  for (const file of Object.keys(JSON_SCHEMA_FILES) as JsonSchemaFile[]) {
    it(`policies/schema/${file} is the one generated from the zod definitions`, () => {
      const generated = policyJsonSchemaText(file);
      if (process.env.CHAINWARD_WRITE_SCHEMAS === '1') writeFileSync(`${schemaDir}${file}`, generated);
      let committed = '';
      try {
        committed = readFileSync(`${schemaDir}${file}`, 'utf8');
      } catch {
        committed = '(missing)';
      }
      if (committed !== generated) {
        throw new Error(`policies/schema/${file} differs from the schema generated from src/policy/domain/*.schema.ts.\nRegenerate it with: ${REGENERATE}`);
      }
    });
  }

  it('accepts the sample policy sets and rejects an unknown key, as the loader does', () => {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    const validate = ajv.compile(policyJsonSchema('policy-set.schema.json'));
    for (const name of ['default', 'regulated-finance']) {
      const document = parse(readFileSync(`${policiesDir}${name}/policy.yaml`, 'utf8'));
      expect({ name, valid: validate(document), errors: validate.errors ?? null }).toEqual({ name, valid: true, errors: null });
    }
    const broken = parse(readFileSync(`${policiesDir}default/policy.yaml`, 'utf8'));
    broken.rules[0].serverity = 'high';
    expect(validate(broken)).toBe(false);
    expect(validate.errors?.some((error) => error.keyword === 'additionalProperties' && error.params.additionalProperty === 'serverity')).toBe(true);
  });

  it('accepts the sample waivers and policy tests', () => {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    const waivers = ajv.compile(policyJsonSchema('waivers.schema.json'));
    const tests = ajv.compile(policyJsonSchema('policy-tests.schema.json'));
    for (const name of ['default', 'regulated-finance']) {
      expect(waivers(parse(readFileSync(`${policiesDir}${name}/waivers.yaml`, 'utf8')))).toBe(true);
      expect(tests(parse(readFileSync(`${policiesDir}${name}/tests/licences.yaml`, 'utf8')))).toBe(true);
    }
  });
});
