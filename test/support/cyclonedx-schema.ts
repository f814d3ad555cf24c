import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import addDraft2019Formats from 'ajv-formats-draft2019';
import { validateXML } from 'xmllint-wasm';

const schemas = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'schemas');
const load = (name: string): Record<string, unknown> => JSON.parse(readFileSync(path.join(schemas, name), 'utf8')) as Record<string, unknown>;

let ajv: Ajv | undefined;

/** Validates a CycloneDX JSON document against the official schema of its spec version; returns the errors. */
export function cycloneDxJsonErrors(text: string): string[] {
  if (!ajv) {
    ajv = new Ajv({ strict: false, allErrors: true });
    addFormats.default(ajv);
    // iri-reference and idn-email, which the CycloneDX schema uses.
    addDraft2019Formats(ajv);
    ajv.addSchema(load('spdx.schema.json'));
    ajv.addSchema(load('jsf-0.82.schema.json'));
    ajv.addSchema(load('bom-1.6.schema.json'));
    // The 1.5 schema as shipped refers to its companions by their SNAPSHOT names.
    ajv.addSchema({ ...load('spdx.schema.json'), $id: 'http://cyclonedx.org/schema/spdx.SNAPSHOT.schema.json' });
    ajv.addSchema({ ...load('jsf-0.82.schema.json'), $id: 'http://cyclonedx.org/schema/jsf-0.82.SNAPSHOT.schema.json' });
    ajv.addSchema(load('bom-1.5.SNAPSHOT.schema.json'));
  }
  const document = JSON.parse(text) as { specVersion?: string };
  const validate = ajv.getSchema(`http://cyclonedx.org/schema/bom-${document.specVersion}.schema.json`);
  if (!validate) return [`no schema for specVersion ${document.specVersion}`];
  return validate(document) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

/** Validates a CycloneDX XML document against the official XSD of its version (libxml2, compiled to WebAssembly). */
export async function cycloneDxXmlErrors(text: string, version: '1.6' | '1.5'): Promise<string[]> {
  const result = await validateXML({
    xml: [{ fileName: 'bom.xml', contents: text }],
    schema: [{ fileName: `bom-${version}.SNAPSHOT.xsd`, contents: readFileSync(path.join(schemas, `bom-${version}.SNAPSHOT.xsd`), 'utf8') }],
    preload: [{ fileName: 'spdx.SNAPSHOT.xsd', contents: readFileSync(path.join(schemas, 'spdx.SNAPSHOT.xsd'), 'utf8') }],
  });
  return result.valid ? [] : result.errors.map((e) => e.message);
}
