import type { LicenseFact, LicenseSource } from '../model/graph.js';
import { normalizeLicenseText } from './to-spdx-expression.js';

/**
 * Turns a licence statement into a fact: an SPDX expression when the text is
 * one or can be corrected into one without guessing (the original text is then
 * kept beside it), otherwise the text itself as a named licence.
 */
export function licenseFact(text: string, source: LicenseSource): LicenseFact | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const normalized = normalizeCached(trimmed);
  if (normalized === undefined) return { kind: 'named', name: trimmed, source };
  return normalized === trimmed ? { kind: 'expression', expression: trimmed, source } : { kind: 'expression', expression: normalized, source, original: trimmed };
}

// A lockfile repeats a few dozen licence strings thousands of times; normalising each once keeps this off the profile.
const cache = new Map<string, string | null>();

function normalizeCached(text: string): string | undefined {
  let known = cache.get(text);
  if (known === undefined) {
    known = normalizeLicenseText(text) ?? null;
    if (cache.size < 10_000) cache.set(text, known);
  }
  return known ?? undefined;
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

/** The text a licence fact was read from: the original when it was corrected. */
export function licenseText(fact: LicenseFact): string {
  return fact.kind === 'named' ? fact.name : (fact.original ?? fact.expression);
}
