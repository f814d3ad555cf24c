import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import parseSpdx from 'spdx-expression-parse';

const schemaFile = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'schemas', 'spdx-2.3.schema.json');
let validate: ReturnType<Ajv['compile']> | undefined;

/**
 * Validates an SPDX 2.3 JSON document against the official schema, plus what
 * the schema leaves to the specification's text: SPDXID syntax, references
 * that resolve, and licence fields that are SPDX expressions whose LicenseRefs
 * are defined in the document.
 */
export function spdxJsonErrors(text: string): string[] {
  if (!validate) {
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats.default(ajv);
    validate = ajv.compile(JSON.parse(readFileSync(schemaFile, 'utf8')) as object);
  }
  const document = JSON.parse(text) as {
    packages?: Array<{ SPDXID: string; licenseDeclared?: string; licenseConcluded?: string }>;
    relationships?: Array<{ spdxElementId: string; relatedSpdxElement: string }>;
    hasExtractedLicensingInfos?: Array<{ licenseId: string }>;
  };
  const errors = validate(document) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
  const ids = new Set(['SPDXRef-DOCUMENT', ...(document.packages ?? []).map((p) => p.SPDXID)]);
  const refs = new Set((document.hasExtractedLicensingInfos ?? []).map((info) => info.licenseId));
  for (const pkg of document.packages ?? []) {
    if (!/^SPDXRef-[A-Za-z0-9.-]+$/.test(pkg.SPDXID)) errors.push(`${pkg.SPDXID}: not an SPDX identifier`);
    for (const value of [pkg.licenseDeclared, pkg.licenseConcluded]) {
      if (value === undefined || value === 'NOASSERTION' || value === 'NONE') continue;
      try {
        parseSpdx(value);
      } catch {
        errors.push(`${pkg.SPDXID}: licence ${value} is not an SPDX expression`);
      }
      for (const ref of value.match(/LicenseRef-[A-Za-z0-9.-]+/g) ?? []) if (!refs.has(ref)) errors.push(`${pkg.SPDXID}: ${ref} has no hasExtractedLicensingInfos entry`);
    }
  }
  for (const relationship of document.relationships ?? []) {
    for (const id of [relationship.spdxElementId, relationship.relatedSpdxElement]) if (!ids.has(id)) errors.push(`relationship names ${id}, which is not in the document`);
  }
  return errors;
}
