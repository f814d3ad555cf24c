/**
 * Reads one YAML file defensively (size limit, alias limit, unique keys) and
 * keeps the parsed Document so later errors can point at the exact node.
 */
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node } from 'yaml';
import type { PolicyProblem } from './problems.js';

/** Policy files are small; anything larger is a mistake or an attack. */
export const MAX_DOCUMENT_BYTES = 1024 * 1024;
/** Enough for sharing a few lists by anchor, far too few for an exponential alias expansion. */
export const MAX_ALIAS_COUNT = 32;

export type YamlPath = ReadonlyArray<string | number>;

export interface YamlSource {
  file: string;
  doc: Document;
  lineCounter: LineCounter;
  data: unknown;
}

export function readYaml(file: string, text: string): { source?: YamlSource; problems: PolicyProblem[] } {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_DOCUMENT_BYTES) {
    return { problems: [{ file, line: 1, column: 1, message: `the file is ${bytes} bytes; a policy file may be at most ${MAX_DOCUMENT_BYTES} bytes` }] };
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, version: '1.2' });
  const at = (offset: number): { line: number; column: number } => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  if (doc.errors.length > 0) {
    return { problems: doc.errors.map((error) => ({ file, ...at(error.pos[0]), message: yamlErrorMessage(error.code, error.message, text, error.pos[0]) })) };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    const where = firstAliasOffset(doc);
    const message =
      error instanceof ReferenceError && /alias/i.test(error.message)
        ? `the file expands YAML aliases too many times (limit ${MAX_ALIAS_COUNT}); write the values out instead`
        : `the file cannot be read: ${(error as Error).message}`;
    return { problems: [{ file, ...at(where), message }] };
  }
  return { source: { file, doc, lineCounter, data }, problems: [] };
}

function yamlErrorMessage(code: string, message: string, text: string, offset: number): string {
  if (code === 'DUPLICATE_KEY') {
    const key = /^["']?([^"':\n]+)/.exec(text.slice(offset))?.[1]?.trim();
    return key ? `the key "${key}" appears twice in the same mapping` : 'a key appears twice in the same mapping';
  }
  if (code === 'MULTIPLE_DOCS') return 'the file holds several YAML documents; put one policy set per file';
  return `YAML syntax error: ${message.replace(/ at line \d+, column \d+.*$/s, '')}`;
}

function firstAliasOffset(doc: Document): number {
  let offset = 0;
  visit(doc, {
    Alias(_key, node) {
      offset = node.range?.[0] ?? 0;
      return visit.BREAK;
    },
  });
  return offset;
}

/** Line and column of a node's start. */
export function positionOf(source: YamlSource, node: Node | undefined): { line: number; column: number } {
  const offset = node?.range?.[0] ?? 0;
  const { line, col } = source.lineCounter.linePos(offset);
  return { line, column: col };
}

/** The deepest node along `path` (the node itself when it exists), and whether the whole path was found. */
export function nodeAt(source: YamlSource, path: YamlPath): { node: Node | undefined; complete: boolean } {
  let node = source.doc.contents as Node | null;
  if (!node) return { node: undefined, complete: path.length === 0 };
  for (const segment of path) {
    let next: unknown;
    if (isMap(node)) next = node.get(segment, true);
    else if (isSeq(node) && typeof segment === 'number') next = node.get(segment, true);
    if (next === undefined || next === null || isAlias(node)) return { node, complete: false };
    node = next as Node;
  }
  return { node, complete: true };
}

/** The key node of `key` in the mapping at `path`, to point at an unknown key itself. */
export function keyNodeAt(source: YamlSource, path: YamlPath, key: string): Node | undefined {
  const { node, complete } = nodeAt(source, path);
  if (!complete || !isMap(node)) return undefined;
  const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === key);
  return pair && isScalar(pair.key) ? pair.key : undefined;
}
