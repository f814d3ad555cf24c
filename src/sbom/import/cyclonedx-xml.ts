import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { ChainwardError } from '../../common/errors.js';

type Json = Record<string, unknown>;

const REPEATED = new Set(['component', 'dependency', 'license', 'expression', 'hash', 'property', 'tool', 'service']);

/**
 * Reads a CycloneDX XML document into the shape of its JSON form, so one
 * mapper serves both. The spec version comes from the namespace
 * (`http://cyclonedx.org/schema/bom/1.6`). Documents with a DOCTYPE are
 * refused: CycloneDX needs none, and entity definitions are how XML bombs work.
 */
export function cycloneDxXmlToJson(text: string, file: string): Json {
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) {
    throw new ChainwardError({ code: 'SBOM_IMPORT_MALFORMED', category: 'bad-input', message: 'XML with a DOCTYPE or entity declarations is not accepted', location: { file } });
  }
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    throw new ChainwardError({
      code: 'SBOM_IMPORT_MALFORMED',
      category: 'bad-input',
      message: `malformed XML: ${valid.err.msg}`,
      location: { file, line: valid.err.line, column: valid.err.col },
    });
  }
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    removeNSPrefix: true,
    parseTagValue: false,
    parseAttributeValue: false,
    processEntities: true,
    htmlEntities: false,
    isArray: (name) => REPEATED.has(name),
  });
  const parsed = parser.parse(text) as Json;
  const bom = object(parsed.bom);
  // The parser drops namespace declarations along with prefixes; the root element's own is read from the text.
  const namespace = /<(?:\w+:)?bom\b[^>]*\bxmlns(?::\w+)?="http:\/\/cyclonedx\.org\/schema\/bom\/(\d+\.\d+)"/.exec(text);
  if (Object.keys(bom).length === 0 || !namespace) {
    throw new ChainwardError({ code: 'SBOM_IMPORT_UNSUPPORTED', category: 'bad-input', message: 'not a CycloneDX XML document (no <bom> in a http://cyclonedx.org/schema/bom/<version> namespace)', location: { file } });
  }
  const metadata = object(bom.metadata);
  const tools = object(metadata.tools);
  return {
    bomFormat: 'CycloneDX',
    specVersion: namespace[1],
    serialNumber: bom.serialNumber,
    metadata: {
      // `component` is parsed as a list everywhere; metadata holds at most one.
      component: metadata.component === undefined ? undefined : component(object(array(metadata.component)[0])),
      // 1.4: <tools><tool>; 1.5+: <tools><components><component>.
      tools: [...array(tools.tool), ...array(object(tools.components).component).map((c) => component(object(c)))],
    },
    components: array(object(bom.components).component).map((c) => component(object(c))),
    dependencies: array(object(bom.dependencies).dependency).map((d) => dependency(object(d))),
  };
}

function component(element: Json): Json {
  const licenses = object(element.licenses);
  return {
    ...element,
    hashes: array(object(element.hashes).hash).map((hash) => ({ alg: object(hash).alg, content: textOf(hash) })),
    licenses: [
      ...array(licenses.license).map((license) => ({ license: { ...object(license), properties: properties(object(license).properties) } })),
      ...array(licenses.expression).map((expression) => ({ expression: textOf(expression) })),
    ],
    properties: properties(element.properties),
    components: array(object(element.components).component).map((c) => component(object(c))),
  };
}

function dependency(element: Json): Json {
  return { ref: element.ref, dependsOn: array(element.dependency).map((d) => object(d).ref) };
}

function properties(value: unknown): Json[] {
  return array(object(value).property).map((property) => ({ name: object(property).name, value: textOf(property) ?? '' }));
}

function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  const text = object(value)['#text'];
  return typeof text === 'string' ? text : undefined;
}

function object(value: unknown): Json {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {};
}

function array(value: unknown): unknown[] {
  if (value === undefined || value === null || value === '') return [];
  return Array.isArray(value) ? value : [value];
}
