import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { FIXTURES } from './cli.js';

let validate: ReturnType<Ajv['compile']> | undefined;

/** Validates a SARIF log against the OASIS SARIF 2.1.0 schema; returns the errors. */
export function sarifErrors(text: string): string[] {
  if (!validate) {
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats.default(ajv);
    validate = ajv.compile(JSON.parse(readFileSync(path.join(FIXTURES, 'schemas', 'sarif-2.1.0.json'), 'utf8')) as object);
  }
  return validate(JSON.parse(text)) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message ?? ''}`);
}
