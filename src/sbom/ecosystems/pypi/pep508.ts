/**
 * PEP 508 dependency specifiers (`name[extra] (>=1,<2) ; marker`,
 * `name @ https://...`). The version specifier set is checked with
 * `@renovatebot/pep440` (a port of `packaging.specifiers`); the surrounding
 * grammar is small enough that no JavaScript library covers it on its own.
 */
import { validRange } from '@renovatebot/pep440';

export interface Requirement {
  /** As written. */
  name: string;
  extras: string[];
  /** The version specifier set as written (parentheses removed), '' when there is none. */
  specifier: string;
  /** Direct reference (`name @ url`). */
  url?: string;
  /** Environment marker, as written. */
  marker?: string;
}

export type RequirementResult = { ok: true; requirement: Requirement } | { ok: false; message: string; offset: number };

const NAME_AT_START = /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?/;
const EXTRA = /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?$/;

/** Parses one PEP 508 requirement; `offset` in a failure is the character the problem starts at. */
export function parseRequirement(text: string): RequirementResult {
  let i = skipSpace(text, 0);
  const nameMatch = NAME_AT_START.exec(text.slice(i));
  if (!nameMatch) return { ok: false, message: 'expected a package name', offset: i };
  const name = nameMatch[0];
  i = skipSpace(text, i + name.length);

  const extras: string[] = [];
  if (text[i] === '[') {
    const close = text.indexOf(']', i);
    if (close < 0) return { ok: false, message: 'unclosed "[" in the extras', offset: i };
    for (const part of text.slice(i + 1, close).split(',')) {
      const extra = part.trim();
      if (extra === '') continue;
      if (!EXTRA.test(extra)) return { ok: false, message: `invalid extra name "${extra}"`, offset: i + 1 };
      extras.push(extra);
    }
    i = skipSpace(text, close + 1);
  }

  let specifier = '';
  let url: string | undefined;
  let specifierOffset = i;
  if (text[i] === '@') {
    i = skipSpace(text, i + 1);
    const end = indexOfSpace(text, i);
    url = text.slice(i, end);
    if (url === '') return { ok: false, message: 'expected a URL after "@"', offset: i };
    i = skipSpace(text, end);
  } else if (text[i] === '(') {
    const close = text.indexOf(')', i);
    if (close < 0) return { ok: false, message: 'unclosed "(" in the version specifier', offset: i };
    specifierOffset = i + 1;
    specifier = text.slice(i + 1, close).trim();
    i = skipSpace(text, close + 1);
  } else {
    const semicolon = text.indexOf(';', i);
    const end = semicolon < 0 ? text.length : semicolon;
    specifier = text.slice(i, end).trim();
    i = end;
  }
  if (specifier !== '' && !validRange(specifier)) {
    return { ok: false, message: `invalid version specifier "${specifier}"`, offset: skipSpace(text, specifierOffset) };
  }

  let marker: string | undefined;
  if (i < text.length) {
    if (text[i] !== ';') return { ok: false, message: `unexpected "${text.slice(i, i + 20)}"`, offset: i };
    marker = text.slice(i + 1).trim();
    if (marker === '') return { ok: false, message: 'expected an environment marker after ";"', offset: i + 1 };
  }
  return { ok: true, requirement: { name, extras, specifier, ...(url === undefined ? {} : { url }), ...(marker === undefined ? {} : { marker }) } };
}

/** The version an `==X` or `===X` specifier pins exactly (no wildcard), else undefined. */
export function exactPin(specifier: string): string | undefined {
  const match = /^\s*===?\s*([^\s,*;]+)\s*$/.exec(specifier);
  return match ? match[1] : undefined;
}

function skipSpace(text: string, from: number): number {
  let i = from;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
  return i;
}

function indexOfSpace(text: string, from: number): number {
  let i = from;
  while (i < text.length && text[i] !== ' ' && text[i] !== '\t') i++;
  return i;
}
