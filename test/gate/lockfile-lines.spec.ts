/**
 * The lockfile locators on real lockfiles: every package the lockfile pins is found, at a line that names
 * it, with its version on that line or in the entry just below. The packages come from the scanner's own
 * parsers (JavaScript lockfiles) or from the small independent readers of test/advisories (the others).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { componentNames, lineFinderFor } from '../../src/gate/index.js';
import { scanRepository } from '../../src/sbom/index.js';
import { lockfilePins } from '../advisories/lockfile-versions.js';
import { FIXTURES } from '../support/cli.js';

/** Pipfile.lock lists every wheel's hash before the version. */
const ENTRY_LINES = 200;

/** Does the entry starting at `line` (1-based) name `name` on its first line and `version` within it? */
function entryNames(lines: readonly string[], line: number, name: string, version: string): boolean {
  const head = (lines[line - 1] ?? '').toLowerCase();
  const entry = lines.slice(line - 1, line - 1 + ENTRY_LINES).join('\n');
  const bare = version.replace(/^v/, '');
  return head.includes(name.toLowerCase()) && entry.includes(bare);
}

describe.each([
  ['npm', 'npm/nightscout-lock-v3', 'package-lock.json'],
  ['npm', 'npm/bookstack-lock-v1', 'package-lock.json'],
  ['npm', 'npm/nightscout-shrinkwrap-v1', 'npm-shrinkwrap.json'],
  ['yarn', 'yarn/vue-core-classic-v1', 'yarn.lock'],
  ['yarn', 'yarn/redux-berry-v8', 'yarn.lock'],
  ['pnpm', 'pnpm/vue-core-v6', 'pnpm-lock.yaml'],
  ['pnpm', 'pnpm/vue-core-v9', 'pnpm-lock.yaml'],
])('%s lockfile %s', (_ecosystem, fixture, lockfile) => {
  it('locates every component the scanner reads from it', async () => {
    const root = path.join(FIXTURES, fixture);
    const { graph } = await scanRepository(root);
    const text = readFileSync(path.join(root, lockfile), 'utf8');
    const lines = text.split('\n');
    const find = lineFinderFor(lockfile, text);
    const libraries = [...graph.components.values()].filter((node) => node.type === 'library' && node.sourceFile === lockfile);
    expect(libraries.length).toBeGreaterThan(100);
    const misplaced = libraries.filter((node) => {
      const installPath = node.properties['chainward:npm:install-path'];
      const line = find({ names: componentNames(node), version: node.version, ...(installPath ? { installPath } : {}) });
      if (line === undefined) return true;
      // package-lock v2/v3 key their entries by install path; v1 and pnpm by name (and version).
      if (installPath && (lines[line - 1] ?? '').includes(`"${installPath}": {`)) return false;
      return !entryNames(lines, line, componentNames(node)[0] ?? node.name, node.version);
    });
    expect(misplaced.map((node) => node.ref)).toEqual([]);
  });
});

describe.each([
  ['advisories/rust/ripgrep-cargo-lock-v3/Cargo.lock'],
  ['advisories/rust/ripgrep-cargo-lock-v1/Cargo.lock'],
  ['advisories/python/poetry-lock-1.1/poetry.lock'],
  ['advisories/python/pipenv-pipfile-2023/Pipfile.lock'],
  ['advisories/ruby/rubygems-org-2023/Gemfile.lock'],
  ['advisories/go/gh-cli-2024/go.sum'],
  ['advisories/php/bookstack-2022/composer.lock'],
  ['advisories/dotnet/bitwarden-server-core-2026/packages.lock.json'],
  ['advisories/java/jabref-gradle-lockfile/gradle.lockfile'],
])('%s', (fixture) => {
  it('locates every package the lockfile pins', () => {
    const text = readFileSync(path.join(FIXTURES, fixture), 'utf8');
    const lines = text.split('\n');
    const find = lineFinderFor(path.basename(fixture), text);
    const pins = [...lockfilePins(fixture.replace(/^advisories\//, ''))];
    expect(pins.length).toBeGreaterThan(20);
    const misplaced = pins.filter((pin) => {
      const at = pin.lastIndexOf('@');
      const [name, version] = [pin.slice(0, at), pin.slice(at + 1)];
      const line = find({ names: [name], version });
      return line === undefined || !entryNames(lines, line, name, version);
    });
    expect(misplaced).toEqual([]);
  });
});

describe('go.mod, uv.lock and the fallback', () => {
  it('finds a require line of go.mod, inside and outside the require block', () => {
    const text = readFileSync(path.join(FIXTURES, 'gate/go/gh-cli-2024/go.mod'), 'utf8');
    const lines = text.split('\n');
    const requires = lines.flatMap((line, index) => {
      const match = /^\t(\S+) (v\S+)/.exec(line);
      return match ? [{ name: match[1] as string, version: match[2] as string, line: index + 1 }] : [];
    });
    expect(requires.length).toBeGreaterThan(100);
    const find = lineFinderFor('go.mod', text);
    expect(requires.filter((r) => find({ names: [r.name], version: r.version.replace(/^v/, '') }) !== r.line)).toEqual([]);
  });

  it('finds every [[package]] of a uv.lock at its name line', () => {
    const text = readFileSync(path.join(FIXTURES, 'gate/python/pydantic-uv-2025-01/uv.lock'), 'utf8');
    const lines = text.split('\n');
    const packages: Array<{ name: string; version: string; line: number }> = [];
    lines.forEach((line, index) => {
      if (line !== '[[package]]') return;
      const name = /^name = "(.+)"$/.exec(lines[index + 1] ?? '')?.[1];
      const version = /^version = "(.+)"$/.exec(lines[index + 2] ?? '')?.[1];
      if (name && version) packages.push({ name, version, line: index + 2 });
    });
    expect(packages.length).toBeGreaterThan(100);
    const find = lineFinderFor('uv.lock', text);
    expect(packages.filter((p) => find({ names: [p.name], version: p.version }) !== p.line)).toEqual([]);
  });

  it('finds a NuGet project reference, which has no version and a lower-cased key', () => {
    const text = readFileSync(path.join(FIXTURES, 'advisories/dotnet/bitwarden-server-core-2026/packages.lock.json'), 'utf8');
    const expected = text.split('\n').findIndex((line) => line.trim() === '"exceptionhandling": {') + 1;
    expect(expected).toBeGreaterThan(1);
    expect(lineFinderFor('packages.lock.json', text)({ names: ['ExceptionHandling'], version: '' })).toBe(expected);
  });

  it('falls back to a line naming the package, else gives up (the caller says line 1)', () => {
    const text = '<project>\n  <dependency>\n    <artifactId>guava</artifactId>\n    <version>32.1.2-jre</version>\n  </dependency>\n</project>\n';
    const find = lineFinderFor('pom.xml', text);
    expect(find({ names: ['com.google.guava:guava', 'guava'], version: '32.1.2-jre' })).toBe(3);
    expect(find({ names: ['left-pad'], version: '1.0.0' })).toBeUndefined();
  });
});
