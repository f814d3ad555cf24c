import { isMap, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import { ChainwardError } from '../../common/errors.js';
import type { TextFile } from '../ecosystems/types.js';
import { refuseOversized } from './file-limits.js';

/** Documents larger than this are refused before parsing. */
export const MAX_YAML_BYTES = 100 * 1024 * 1024;

/** Aliases a document may expand: lockfiles use none, so a handful is generous and a "billion laughs" is refused. */
const MAX_ALIAS_COUNT = 100;

export interface ParsedYaml {
  /** The document as plain values; with the failsafe schema every scalar is a string. */
  value: unknown;
  document: Document.Parsed;
  lineCounter: LineCounter;
}

/**
 * Parses a YAML file (failsafe schema: scalars stay strings, so `1.10` is not
 * read as the number 1.1) and reports any syntax error with file, line and column.
 */
export function parseYamlFile(file: TextFile, what: string): ParsedYaml {
  refuseOversized(file, what, MAX_YAML_BYTES);
  const lineCounter = new LineCounter();
  let document: Document.Parsed;
  try {
    document = parseDocument(file.text, { lineCounter, schema: 'failsafe', uniqueKeys: true, prettyErrors: true });
  } catch (error) {
    // The parser reports problems as document errors; a throw here is an exhausted stack on absurd nesting.
    throw malformed(file, what, error instanceof Error ? error.message : String(error), undefined, error);
  }
  const [first] = document.errors;
  if (first) {
    const position = first.linePos?.[0];
    const where = position ? { line: position.line, column: position.col } : undefined;
    throw malformed(file, what, first.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, ''), where, first);
  }
  let value: unknown;
  try {
    value = document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    throw malformed(file, what, error instanceof Error ? error.message : String(error), undefined, error);
  }
  return { value, document, lineCounter };
}

/** Line and column of a key of the top-level mapping (1-based), for errors about its value. */
export function topLevelKeyPosition(parsed: ParsedYaml, key: string): { line: number; column: number } | undefined {
  const contents = parsed.document.contents;
  if (!isMap(contents)) return undefined;
  for (const pair of contents.items) {
    if (isScalar(pair.key) && String(pair.key.value) === key && pair.key.range) {
      const { line, col } = parsed.lineCounter.linePos(pair.key.range[0]);
      return { line, column: col };
    }
  }
  return undefined;
}

function malformed(file: TextFile, what: string, message: string, where: { line: number; column: number } | undefined, cause: unknown): ChainwardError {
  return new ChainwardError({
    code: 'SBOM_MALFORMED_FILE',
    category: 'bad-input',
    message: `malformed ${what}: ${message}`,
    location: { file: file.path, ...where },
    cause,
  });
}
