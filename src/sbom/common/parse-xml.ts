import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { ChainwardError } from '../../common/errors.js';
import type { TextFile } from '../ecosystems/types.js';
import { refuseOversized } from './file-limits.js';

/** Documents larger than this are refused before parsing. */
export const MAX_XML_BYTES = 100 * 1024 * 1024;

/** Deepest element nesting accepted: build files nest about ten levels. */
const MAX_XML_DEPTH = 100;

/** An element as fast-xml-parser gives it: child elements by name, attributes under `@_name`. */
export type XmlElement = Record<string, unknown>;

export interface XmlOptions {
  /** What the file is, for messages (`Maven POM`). */
  what: string;
  /** Element names that are always read as arrays, even when they occur once. */
  arrays: ReadonlySet<string>;
  /** Keep attributes (as `@_name`); off when the format carries nothing in them. */
  attributes?: boolean;
}

export interface ParsedXml {
  /** Name of the document element, namespace prefix removed. */
  rootName: string;
  root: XmlElement;
  /** 1-based line and column where an element of this document starts. */
  positionOf(element: unknown): { line: number; column: number } | undefined;
}

const METADATA = XMLParser.getMetaDataSymbol() as symbol;

/**
 * Parses an XML build file into plain values, hardened for hostile input: a
 * document type declaration is refused outright (no entity can be declared,
 * so no entity expansion bomb), nesting and size are bounded, and syntax
 * errors name the file, line and column. Element text stays a string
 * (`1.10` is not read as a number); positions of elements are kept.
 */
export function parseXmlFile(file: TextFile, options: XmlOptions): ParsedXml {
  refuseOversized(file, options.what, MAX_XML_BYTES);
  refuseDocumentType(file, options.what);
  const validation = XMLValidator.validate(file.text);
  if (validation !== true) throw syntaxError(file, options.what, validation.err);

  const parser = new XMLParser({
    ignoreAttributes: options.attributes !== true,
    attributeNamePrefix: '@_',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    removeNSPrefix: true,
    ignoreDeclaration: true,
    ignorePiTags: true,
    captureMetaData: true,
    maxNestedTags: MAX_XML_DEPTH,
    isArray: (name) => options.arrays.has(name),
  });
  let document: XmlElement;
  try {
    document = parser.parse(file.text) as XmlElement;
  } catch (error) {
    throw malformed(file, `malformed ${options.what}: ${error instanceof Error ? error.message : String(error)}`, undefined, 'SBOM_MALFORMED_FILE', error);
  }
  const names = Object.keys(document);
  const [rootName] = names;
  const root = rootName === undefined ? undefined : document[rootName];
  if (names.length !== 1 || !isElement(root)) {
    throw malformed(file, `malformed ${options.what}: expected one document element`, { line: 1, column: 1 });
  }
  const lines = new LineIndex(file.text);
  return {
    rootName: rootName as string,
    root,
    positionOf: (element) => {
      if (!isElement(element)) return undefined;
      const start = (element[METADATA as unknown as string] as { startIndex?: number } | undefined)?.startIndex;
      return start === undefined ? undefined : lines.positionOf(start);
    },
  };
}

export function isElement(value: unknown): value is XmlElement {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Text of a leaf element (trimmed), undefined when absent or when it holds child elements. */
export function textOf(value: unknown): string | undefined {
  if (Array.isArray(value)) return textOf(value[0]);
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  // An element holding only a comment or nothing parses as ''; one with children is not text.
  return undefined;
}

/** The child elements of that name, whether the parser made one value or an array of them. */
export function elementsOf(parent: unknown, name: string): XmlElement[] {
  if (!isElement(parent)) return [];
  const value = parent[name];
  const values = Array.isArray(value) ? value : value === undefined ? [] : [value];
  // `<dependencies/>` parses as '' and carries nothing.
  return values.filter(isElement);
}

/** The first child element of that name. */
export function elementOf(parent: unknown, name: string): XmlElement | undefined {
  return elementsOf(parent, name)[0];
}

/**
 * A DOCTYPE may only come before the document element: walk the prolog
 * (declaration, comments, processing instructions) and refuse one if found.
 */
function refuseDocumentType(file: TextFile, what: string): void {
  const text = file.text;
  let at = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (;;) {
    while (at < text.length && /\s/.test(text[at] as string)) at++;
    if (text.startsWith('<!--', at)) {
      const end = text.indexOf('-->', at + 4);
      if (end < 0) return;
      at = end + 3;
    } else if (text.startsWith('<?', at)) {
      const end = text.indexOf('?>', at + 2);
      if (end < 0) return;
      at = end + 2;
    } else if (text.startsWith('<!DOCTYPE', at) || text.startsWith('<!doctype', at)) {
      const { line, column } = new LineIndex(text).positionOf(at);
      throw malformed(file, `${what} declares a DOCTYPE; document type declarations (and their entities) are refused`, { line, column });
    } else {
      return;
    }
  }
}

interface ValidationFailure {
  code: string;
  msg: string;
  line: number;
  col: number;
}

function syntaxError(file: TextFile, what: string, error: ValidationFailure): ChainwardError {
  // A truncated document is reported by the validator at 1:1 with the stack of open elements; say so at its end.
  const unclosed = /^Invalid '\[(.*)\]' found\.?$/s.exec(error.msg);
  if (error.code === 'InvalidXml' && unclosed) {
    const open = (JSON.parse(`[${unclosed[1] as string}]`) as unknown[]).map(String);
    const end = new LineIndex(file.text).positionOf(file.text.length);
    return malformed(file, `malformed ${what}: the file ends inside <${open.join('> <')}>`, end);
  }
  return malformed(file, `malformed ${what}: ${error.msg}`, { line: error.line, column: error.col });
}

function malformed(
  file: TextFile,
  message: string,
  where: { line: number; column: number } | undefined,
  code = 'SBOM_MALFORMED_FILE',
  cause?: unknown,
): ChainwardError {
  return new ChainwardError({ code, category: 'bad-input', message, location: { file: file.path, ...where }, ...(cause === undefined ? {} : { cause }) });
}

/** Offsets of line starts, so many positions cost a binary search each rather than a scan. */
class LineIndex {
  private starts: number[] | undefined;

  constructor(private readonly text: string) {}

  positionOf(offset: number): { line: number; column: number } {
    const starts = (this.starts ??= lineStarts(this.text));
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((starts[middle] as number) <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - (starts[low] as number) + 1 };
  }
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}
