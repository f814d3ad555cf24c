import { fixupSpdxId } from '@cyclonedx/cyclonedx-library/SPDX';
import spdxCorrect from 'spdx-correct';
import parseSpdx from 'spdx-expression-parse';

/**
 * Licence text to SPDX expression, only where no guess is involved. The rules,
 * each from a real case that went wrong with a plain `spdx-correct` call:
 *
 * - a valid expression stays as written, except that lower-case operators are
 *   upper-cased and the GNU ids SPDX deprecated (`GPL-2.0`, `LGPL-2.1+`) become
 *   the ids that replaced them (`GPL-2.0-only`, `LGPL-2.1-or-later`), which SPDX
 *   defines as the same licences;
 * - a single licence name is corrected with spdx-correct, but only when the
 *   text carries the version the corrected id names ("BSD" is not
 *   BSD-2-Clause, "Apache" is not Apache-2.0, "GPL" is not GPL-3.0) and names no
 *   second licence ("MIT/X11", "MIT, Apache-2.0");
 * - `A/B`, `A or B`, `Dual A and B` become `A OR B` and `A and B` becomes
 *   `A AND B` when every part corrects on its own; mixed operators stay text;
 * - `UNLICENSED` (npm: not licensed for use) and `SEE LICENSE IN …` are never
 *   turned into an id.
 *
 * Returns the expression, or undefined to keep the text as a named licence.
 */
export function normalizeLicenseText(text: string): string | undefined {
  const trimmed = text.trim().replace(/\s+/g, ' ');
  if (trimmed === '' || NEVER_AN_ID.test(trimmed)) return undefined;
  if (isValidExpression(trimmed)) return canonicalOperators(replaceDeprecatedGnuIds(trimmed));
  return compound(trimmed) ?? correctSingle(trimmed);
}

export function isValidExpression(text: string): boolean {
  try {
    parseSpdx(text);
    return true;
  } catch {
    return false;
  }
}

/** Texts shaped like `A/B` that name one licence: "MIT/X11" is the MIT licence as the X Consortium wrote it, not a choice. */
const ONE_LICENCE_WITH_A_SLASH = /^(?:MIT\/X11|X11\/MIT|MIT\/Expat)$/i;

const NEVER_AN_ID = /^(?:unlicen[sc]ed|see licen[sc]e in .*|none|noassertion|proprietary|commercial|custom|other|unknown)$/i;

/** `MIT/Apache-2.0`, `(MIT OR Apache 2.0)`, `Dual MIT and Apache-2.0`, `MIT and BSD-3-Clause`. */
function compound(text: string): string | undefined {
  if (ONE_LICENCE_WITH_A_SLASH.test(text)) return undefined;
  let body = text;
  const dual = /^dual(?:[- ]licen[sc]ed)?(?: under)?[: ]\s*(.+)$/i.exec(body);
  if (dual) body = dual[1];
  if (/^\(.*\)$/.test(body) && !body.slice(1, -1).includes('(')) body = body.slice(1, -1).trim();
  const separators = [...body.matchAll(/\s+(or|and)\s+|\s*(\/)\s*/gi)].map((m) => (m[1] ?? m[2]).toLowerCase());
  if (separators.length === 0) return undefined;
  const kinds = new Set(separators.map((s) => (s === 'and' && !dual ? 'AND' : 'OR')));
  // `A or B and C` needs a precedence the author may not have meant.
  if (kinds.size !== 1) return undefined;
  const parts = body.split(/\s+(?:or|and)\s+|\s*\/\s*/i);
  const ids: string[] = [];
  for (const part of parts) {
    const id = isValidExpression(part) && !/\s/.test(part) ? replaceDeprecatedGnuIds(part) : correctSingle(part);
    if (id === undefined) return undefined;
    ids.push(id);
  }
  const expression = ids.join(` ${[...kinds][0]} `);
  return isValidExpression(expression) ? expression : undefined;
}

/** One licence name to one SPDX id, or undefined when that would be a guess. */
function correctSingle(text: string): string | undefined {
  if (NEVER_AN_ID.test(text)) return undefined;
  // "ISC License", "MIT Licence": an exact id followed by the word licence.
  const exact = fixupSpdxId(text.replace(/\s+licen[cs]e$/i, ''));
  if (exact !== undefined) return replaceDeprecatedGnuIds(exact);
  const corrected = spdxCorrect(text, { upgrade: false });
  if (!corrected || !isValidExpression(corrected)) return undefined;
  if (!carriesVersionOf(text, corrected)) return undefined;
  if (namesAnotherLicense(text, corrected)) return undefined;
  return replaceDeprecatedGnuIds(corrected);
}

/** The id's major version (`Apache-2.0` -> 2, `BSD-3-Clause` -> 3) must be written in the text. */
function carriesVersionOf(text: string, id: string): boolean {
  const version = /-(\d+)(?:\.\d+)*/.exec(id);
  if (!version) return true;
  return new RegExp(`(?<!\\d)${version[1]}(?!\\d)`).test(text);
}

/** True when a word of the text is itself an SPDX id other than the one chosen ("MIT/X11" -> MIT would drop X11). */
function namesAnotherLicense(text: string, chosen: string): boolean {
  const chosenIds = new Set(chosen.split(/[\s()]+/).map((id) => id.replace(/\+$/, '').toLowerCase()));
  for (const word of text.split(/[\s,;/()]+/)) {
    if (word.length < 2 || /^v?\d/i.test(word)) continue;
    const id = fixupSpdxId(word);
    if (id !== undefined && !chosenIds.has(id.toLowerCase())) return true;
  }
  return false;
}

const DEPRECATED_GNU = /(?<![\w.-])((?:A|L)?GPL|GFDL)-(\d\.\d)(\+)?(?![\w.+-])/g;

/** SPDX 3 deprecated `GPL-2.0` (= GPL-2.0-only) and `GPL-2.0+` (= GPL-2.0-or-later); the replacements say the same thing. */
function replaceDeprecatedGnuIds(expression: string): string {
  const replaced = expression.replace(DEPRECATED_GNU, (_match, family: string, version: string, plus?: string) => `${family}-${version}-${plus ? 'or-later' : 'only'}`);
  return replaced !== expression && isValidExpression(replaced) ? replaced : expression;
}

/** The SPDX grammar's operators are upper case; the parser also accepts `or`/`and`/`with`. */
function canonicalOperators(expression: string): string {
  return expression.replace(/\s+(or|and|with)\s+/g, (_match, operator: string) => ` ${operator.toUpperCase()} `);
}

type SpdxNode = { license: string; plus?: boolean; exception?: string } | { left: SpdxNode; conjunction: 'and' | 'or'; right: SpdxNode };

/**
 * One spelling per expression, for comparing: upper-case operators and only
 * the parentheses precedence needs (`(MIT OR CC0-1.0)` and `MIT OR CC0-1.0`
 * are the same licence). Text that is not an expression is returned as is.
 */
export function canonicalExpression(expression: string): string {
  let tree: SpdxNode;
  try {
    tree = parseSpdx(expression) as SpdxNode;
  } catch {
    return expression;
  }
  return renderNode(tree);
}

/**
 * The parts an expression requires all of (`A AND (B OR C)` -> `A`, `B OR C`),
 * each in canonical spelling: what two statements must share to say the same.
 */
export function conjuncts(expression: string): string[] {
  let tree: SpdxNode;
  try {
    tree = parseSpdx(expression) as SpdxNode;
  } catch {
    return [expression];
  }
  const parts: string[] = [];
  const collect = (node: SpdxNode): void => {
    if ('conjunction' in node && node.conjunction === 'and') {
      collect(node.left);
      collect(node.right);
    } else {
      parts.push(renderNode(node));
    }
  };
  collect(tree);
  return parts;
}

function renderNode(tree: SpdxNode): string {
  const render = (node: SpdxNode, parent?: 'and' | 'or'): string => {
    if ('license' in node) return `${node.license}${node.plus ? '+' : ''}${node.exception ? ` WITH ${node.exception}` : ''}`;
    const text = `${render(node.left, node.conjunction)} ${node.conjunction.toUpperCase()} ${render(node.right, node.conjunction)}`;
    return parent === 'and' && node.conjunction === 'or' ? `(${text})` : text;
  };
  return render(tree);
}
