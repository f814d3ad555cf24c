import parseSpdx from 'spdx-expression-parse';
import type { LicenseFact, LicenseSource } from '../model/graph.js';

/**
 * Turns a licence statement into a fact: an SPDX expression when the text is
 * one, otherwise the text itself as a named licence. Nothing is guessed.
 */
export function licenseFact(text: string, source: LicenseSource): LicenseFact | undefined {
  const trimmed = text.trim();
  const isExpression = isSpdxExpression(trimmed);
  if (isExpression) return { kind: 'expression', expression: trimmed, source };
  return trimmed === '' ? undefined : { kind: 'named', name: trimmed, source };
}

// A lockfile repeats a few dozen licence strings thousands of times; parsing each once keeps this off the profile.
const expressionCache = new Map<string, boolean>();

function isSpdxExpression(text: string): boolean {
  let known = expressionCache.get(text);
  if (known === undefined) {
    known = parsesAsSpdx(text);
    if (expressionCache.size < 10_000) expressionCache.set(text, known);
  }
  return known;
}

function parsesAsSpdx(trimmed: string): boolean {
  if (trimmed === '' || /^(UNLICENSED|SEE LICEN[CS]E IN .*)$/i.test(trimmed)) return false;
  try {
    parseSpdx(trimmed);
    return true;
  } catch {
    return false;
  }
}

/**
 * Reads the `license` / `licenses` field of a package.json in any of the
 * shapes found in the wild: a string, `{ type }`, or an array of those.
 */
export function licensesFromPackageJsonField(value: unknown, source: LicenseSource): LicenseFact[] {
  const texts: string[] = [];
  const collect = (entry: unknown): void => {
    if (typeof entry === 'string') texts.push(entry);
    else if (entry && typeof entry === 'object' && typeof (entry as { type?: unknown }).type === 'string') {
      texts.push((entry as { type: string }).type);
    }
  };
  if (Array.isArray(value)) value.forEach(collect);
  else collect(value);
  const facts: LicenseFact[] = [];
  for (const text of texts) {
    const fact = licenseFact(text, source);
    if (fact) facts.push(fact);
  }
  return facts;
}
