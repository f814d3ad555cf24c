import { describe, expect, it } from '@jest/globals';
import { ChainwardError } from '../../../common/errors.js';
import { parseVersionCatalog } from './parse-version-catalog.js';

const CATALOG = `
[versions]
kotlin = "2.0.21"
ranged = "[1.0, 2.0)"
rich = { strictly = "[3.0, 4.0[", prefer = "3.2" }
pinned = { strictly = "1.5.0", reject = ["1.4.0"] }

[libraries]
stdlib = { module = "org.jetbrains.kotlin:kotlin-stdlib", version.ref = "kotlin" }
split = { group = "com.squareup.okhttp3", name = "okhttp", version = "4.12.0" }
short = "com.google.truth:truth:1.4.4"
short-unversioned = "org.slf4j:slf4j-api"
platform-managed = { module = "io.netty:netty-handler" }
dynamic = { module = "com.example:dynamic", version = "1.+" }
literal-plus = { module = "com.example:plus", version = "9+181-r4173-1" }
latest = { module = "com.example:latest", version = "latest.release" }
range = { module = "com.example:range", version.ref = "ranged" }
strict-range = { module = "com.example:strict", version.ref = "rich" }
strict-exact = { module = "com.example:exact", version.ref = "pinned" }
dangling = { module = "com.example:dangling", version.ref = "nope" }
broken = { version = "1.0" }

[bundles]
kotlin = ["stdlib", "split"]
missing = ["split", "no-such-library"]

[plugins]
kotlin-jvm = { id = "org.jetbrains.kotlin.jvm", version.ref = "kotlin" }
spotless = "com.diffplug.spotless:6.25.0"
`;

describe('parseVersionCatalog', () => {
  const catalog = parseVersionCatalog({ path: 'gradle/libs.versions.toml', text: CATALOG });
  const library = (alias: string): unknown => catalog.libraries.find((entry) => entry.alias === alias);

  it('reads libraries in every notation, with versions by ref, as strings and rich', () => {
    expect(catalog.libraries.map((entry) => entry.alias)).toEqual([
      'stdlib',
      'split',
      'short',
      'short-unversioned',
      'platform-managed',
      'dynamic',
      'literal-plus',
      'latest',
      'range',
      'strict-range',
      'strict-exact',
      'dangling',
    ]);
    expect(library('stdlib')).toEqual({ alias: 'stdlib', group: 'org.jetbrains.kotlin', name: 'kotlin-stdlib', version: '2.0.21', unpinned: false, bundles: ['kotlin'] });
    expect(library('split')).toMatchObject({ group: 'com.squareup.okhttp3', name: 'okhttp', version: '4.12.0', bundles: ['kotlin', 'missing'] });
    expect(library('short')).toMatchObject({ group: 'com.google.truth', name: 'truth', version: '1.4.4' });
    expect(library('short-unversioned')).toMatchObject({ version: '', unpinned: false });
    expect(library('platform-managed')).toMatchObject({ version: '', unpinned: false });
  });

  it('never turns a range, a dynamic version or a strict range into a version', () => {
    expect(library('dynamic')).toMatchObject({ version: '', constraint: '1.+', unpinned: true });
    expect(library('literal-plus')).toMatchObject({ version: '9+181-r4173-1', unpinned: false });
    expect(library('latest')).toMatchObject({ version: '', constraint: 'latest.release', unpinned: true });
    expect(library('range')).toMatchObject({ version: '', constraint: '[1.0, 2.0)', unpinned: true });
    expect(library('strict-range')).toMatchObject({ version: '', constraint: 'strictly [3.0, 4.0[; prefer 3.2', unpinned: true });
    expect(library('strict-exact')).toMatchObject({ version: '1.5.0', constraint: 'strictly 1.5.0; reject 1.4.0', unpinned: false });
    expect(library('dangling')).toMatchObject({ version: '', unpinned: false });
  });

  it('reads plugins, and reports what it cannot use as warnings', () => {
    expect(catalog.plugins).toEqual([
      { alias: 'kotlin-jvm', id: 'org.jetbrains.kotlin.jvm', version: '2.0.21', unpinned: false },
      { alias: 'spotless', id: 'com.diffplug.spotless', version: '6.25.0', unpinned: false },
    ]);
    expect(catalog.warnings.map((warning) => warning.message)).toEqual([
      '[libraries] dangling: version.ref "nope" is not in [versions]; no version taken',
      '[libraries] broken: expected "group:name[:version]" or a table with module or group and name; left out',
      '[bundles] missing: "no-such-library" is not in [libraries]',
    ]);
  });

  it('reports TOML syntax errors with line and column', () => {
    let caught: unknown;
    try {
      parseVersionCatalog({ path: 'gradle/libs.versions.toml', text: '[versions]\nkotlin = "2.0.21"\nkotlin = "2.1.0"\n' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ChainwardError);
    expect((caught as ChainwardError).describe()).toBe('gradle/libs.versions.toml:3:1: malformed version catalog: trying to redefine an already defined table or value');
  });
});
