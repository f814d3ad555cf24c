/**
 * Locators for the JavaScript lockfiles. Each indexes the lockfile's entry headers once, then answers per
 * component: the header line of the entry whose name and version are the component's.
 * Hand-written line scans on purpose: the parsers we use (JSON.parse, yaml, @yarnpkg/parsers) keep no line
 * numbers, and an entry's header is one line in every version of these formats.
 */
import { push, splitLines, type LineFinder } from './locate-types.js';

const VERSION_LOOKAHEAD = 8;

/**
 * package-lock.json / npm-shrinkwrap.json. v2/v3: `"node_modules/lodash": {` (nested installs
 * `node_modules/a/node_modules/lodash`); v1: `"lodash": {` inside `dependencies`. The entry's `"version"`
 * follows within a few lines.
 */
export function npmLockfileFinder(text: string): LineFinder {
  const lines = splitLines(text);
  const byKey = new Map<string, number>();
  const byName = new Map<string, number[]>();
  lines.forEach((line, index) => {
    const key = /^\s*"((?:[^"\\]|\\.)+)":\s*\{\s*$/.exec(line)?.[1];
    if (key === undefined) return;
    if (!byKey.has(key)) byKey.set(key, index);
    const at = key.lastIndexOf('node_modules/');
    push(byName, at >= 0 ? key.slice(at + 'node_modules/'.length) : key, index);
  });
  const versionNear = (index: number, version: string): boolean => {
    for (let i = index + 1; i < Math.min(lines.length, index + 1 + VERSION_LOOKAHEAD); i++) {
      const written = /^\s*"version":\s*"([^"]*)"/.exec(lines[i] ?? '')?.[1];
      if (written !== undefined) return written === version;
    }
    return false;
  };
  return (component) => {
    if (component.installPath !== undefined) {
      const index = byKey.get(component.installPath);
      if (index !== undefined) return index + 1;
    }
    for (const name of component.names) {
      const index = byName.get(name)?.find((candidate) => versionNear(candidate, component.version));
      if (index !== undefined) return index + 1;
    }
    return undefined;
  };
}

/**
 * yarn.lock, classic (`lodash@^4.17.20, lodash@^4.17.21:` then `  version "4.17.21"`) and Berry
 * (`"lodash@npm:^4.17.20":` then `  version: 4.17.21`).
 */
export function yarnLockFinder(text: string): LineFinder {
  const lines = splitLines(text);
  const headers = new Map<string, number[]>();
  lines.forEach((line, index) => {
    if (line === '' || /^[\s#]/.test(line) || !line.endsWith(':')) return;
    for (const descriptor of line.slice(0, -1).split(/,\s*/)) {
      const unquoted = descriptor.trim().replace(/^"|"$/g, '');
      const at = unquoted.indexOf('@', 1);
      if (at > 0) push(headers, unquoted.slice(0, at), index);
    }
  });
  const blockVersion = (index: number): string | undefined => {
    for (let i = index + 1; i < lines.length; i++) {
      const line = lines[i] ?? '';
      if (line !== '' && !/^\s/.test(line)) return undefined;
      const written = /^\s+version:?\s+"?([^"\s]+)"?\s*$/.exec(line)?.[1];
      if (written !== undefined) return written;
    }
    return undefined;
  };
  return (component) => {
    for (const name of component.names) {
      const index = headers.get(name)?.find((candidate) => blockVersion(candidate) === component.version);
      if (index !== undefined) return index + 1;
    }
    return undefined;
  };
}

/**
 * pnpm-lock.yaml: `/lodash@4.17.20:` (v6), `lodash@4.17.20:` (v9, `packages` before `snapshots`),
 * `/lodash/4.17.20:` (v5), with peer suffixes `(react@18.2.0)` or `_react@18.2.0`, sometimes quoted.
 */
export function pnpmLockFinder(text: string): LineFinder {
  const lines = splitLines(text);
  const entries = new Map<string, number>();
  lines.forEach((line, index) => {
    const key = /^ {2}(\S.*):\s*$/.exec(line)?.[1]?.replace(/^['"]|['"]$/g, '');
    if (key === undefined) return;
    const bare = key.replace(/^\//, '').replace(/\(.*$/, '');
    const at = bare.indexOf('@', 1);
    let name: string | undefined;
    let version: string | undefined;
    if (at > 0) {
      name = bare.slice(0, at);
      version = bare.slice(at + 1).replace(/_.*$/, '');
    } else if (key.startsWith('/')) {
      const slash = bare.lastIndexOf('/');
      name = bare.slice(0, slash);
      version = bare.slice(slash + 1).replace(/_.*$/, '');
    }
    const id = `${name}@${version}`;
    if (name && version && !entries.has(id)) entries.set(id, index);
  });
  return (component) => {
    for (const name of component.names) {
      const index = entries.get(`${name}@${component.version}`);
      if (index !== undefined) return index + 1;
    }
    return undefined;
  };
}
