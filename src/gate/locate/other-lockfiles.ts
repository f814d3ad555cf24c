/**
 * Locators for the lockfiles of other ecosystems: the line naming the package at its version.
 * Line scans for the same reason as the JavaScript ones: the TOML, XML and JSON parsers keep no positions.
 */
import { normaliseName, push, sameVersion, splitLines, type LineFinder } from './locate-types.js';

/** How far below an entry's name its version may be: Pipfile.lock lists every wheel's hash first. */
const LOOKAHEAD = 200;

/** Cargo.lock, poetry.lock, uv.lock, pdm.lock: `[[package]]` tables with `name = "x"` and `version = "y"`. */
export function tomlPackageFinder(text: string): LineFinder {
  const lines = splitLines(text);
  const entries = new Map<string, number>();
  let name: { value: string; line: number } | undefined;
  lines.forEach((line, index) => {
    if (/^\s*\[\[?/.test(line)) name = undefined;
    const written = /^\s*name\s*=\s*"([^"]+)"/.exec(line)?.[1];
    if (written !== undefined) name = { value: written, line: index };
    const version = /^\s*version\s*=\s*"([^"]+)"/.exec(line)?.[1];
    if (version !== undefined && name) {
      const key = `${normaliseName(name.value)}@${version}`;
      if (!entries.has(key)) entries.set(key, name.line);
    }
  });
  return (component) => firstOf(component.names, (candidate) => entries.get(`${normaliseName(candidate)}@${component.version}`));
}

/** Gemfile.lock: a spec line under `specs:`, four spaces in: `    rails (7.0.4)` or `    nokogiri (1.15.4-x86_64-linux)`. */
export function gemfileLockFinder(text: string): LineFinder {
  const entries = new Map<string, Array<{ version: string; index: number }>>();
  splitLines(text).forEach((line, index) => {
    const match = /^ {4}(\S+) \(([^)]+)\)\s*$/.exec(line);
    if (match?.[1] && match[2]) push(entries, match[1], { version: match[2], index });
  });
  return (component) =>
    firstOf(component.names, (name) => entries.get(name)?.find((e) => e.version === component.version || e.version.startsWith(`${component.version}-`))?.index);
}

/** go.mod (`require x v1.2.3`, or a line of a `require (...)` block) and go.sum (`x v1.2.3 h1:...`). */
export function goModuleFinder(text: string): LineFinder {
  const entries = new Map<string, number>();
  splitLines(text).forEach((line, index) => {
    const match = /^\s*(?:require\s+)?([^\s()]+)\s+(v[^\s/]+)(?:\/go\.mod)?(?:\s|$)/.exec(line);
    if (!match?.[1] || !match[2] || match[1] === 'go' || match[1] === 'module') return;
    const key = `${match[1]}@${match[2].replace(/^v/, '')}`;
    if (!entries.has(key)) entries.set(key, index);
  });
  return (component) => firstOf(component.names, (name) => entries.get(`${name}@${component.version.replace(/^v/, '')}`));
}

/**
 * JSON lockfiles whose entries name the package in a field: composer.lock (`"name": "vendor/pkg"` then
 * `"version": "v1.2.3"`), and NuGet's packages.lock.json (`"Newtonsoft.Json": {` then `"resolved": "13.0.1"`).
 */
export function jsonEntryFinder(text: string): LineFinder {
  const lines = splitLines(text);
  const entries = new Map<string, number>();
  lines.forEach((line, index) => {
    const named = /^\s*"name":\s*"([^"]+)"/.exec(line)?.[1] ?? /^\s*"([^"]+)":\s*\{\s*$/.exec(line)?.[1];
    if (named === undefined) return;
    for (let i = index + 1; i < Math.min(lines.length, index + 1 + LOOKAHEAD); i++) {
      if (/^\s*\},?\s*$/.test(lines[i] ?? '') && indentOf(lines[i] ?? '') <= indentOf(line)) break;
      const version = /^\s*"(?:version|resolved)":\s*"(?:==)?([^"]+)"/.exec(lines[i] ?? '')?.[1];
      if (version === undefined) continue;
      const key = `${named.toLowerCase()}@${version.replace(/^v(?=\d)/, '')}`;
      if (!entries.has(key)) entries.set(key, index);
      break;
    }
  });
  return (component) => firstOf(component.names, (name) => entries.get(`${name.toLowerCase()}@${component.version.replace(/^v(?=\d)/, '')}`));
}

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

/** gradle.lockfile: `group:artifact:version=configurations`. */
export function gradleLockfileFinder(text: string): LineFinder {
  const lines = splitLines(text);
  return (component) =>
    firstOf(component.names, (name) => {
      const index = lines.findIndex((line) => line.startsWith(`${name}:${component.version}=`));
      return index >= 0 ? index : undefined;
    });
}

/** requirements*.txt: `name==version`, names compared as PEP 503 does. */
export function requirementsFinder(text: string): LineFinder {
  const entries = new Map<string, number>();
  splitLines(text).forEach((line, index) => {
    const match = /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?\s*===?\s*([^\s;#\\]+)/.exec(line);
    if (!match?.[1] || !match[2]) return;
    const key = `${normaliseName(match[1])}@${match[2]}`;
    if (!entries.has(key)) entries.set(key, index);
  });
  return (component) => firstOf(component.names, (name) => entries.get(`${normaliseName(name)}@${component.version}`));
}

/**
 * Any other file: the first line naming the package and its version, else the first naming the package
 * (ignoring case: NuGet, PyPI and Composer names are case-insensitive, and NuGet lowercases project references).
 */
export function genericFinder(text: string): LineFinder {
  const lines = splitLines(text);
  let lowered: string[] | undefined;
  return (component) => {
    for (const name of component.names) {
      const both = lines.findIndex((line) => line.includes(name) && [...line.matchAll(/v?\d[\w.+-]*/g)].some((m) => sameVersion(m[0], component.version)));
      if (both >= 0) return both + 1;
    }
    lowered ??= lines.map((line) => line.toLowerCase());
    for (const name of component.names) {
      const named = lowered.findIndex((line) => line.includes(name.toLowerCase()));
      if (named >= 0) return named + 1;
    }
    return undefined;
  };
}

/** The first name that finds an index, as a 1-based line. */
function firstOf(names: readonly string[], find: (name: string) => number | undefined): number | undefined {
  for (const name of names) {
    const index = find(name);
    if (index !== undefined) return index + 1;
  }
  return undefined;
}
