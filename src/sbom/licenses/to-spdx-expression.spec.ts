import { describe, expect, it } from '@jest/globals';
import { licenseFact, licensesFromPackageJsonField } from './normalize.js';
import { canonicalExpression, normalizeLicenseText } from './to-spdx-expression.js';

/**
 * Licence strings as they are written in the real lockfiles and manifests of
 * test/fixtures (and the shared fixture set), with what each must become.
 * `undefined`: kept as a named licence, because any id would be a guess.
 */
const FROM_FIXTURES: Array<[text: string, expected: string | undefined, where: string]> = [
  ['MIT', 'MIT', 'npm/bookstack-lock-v3/package-lock.json'],
  ['(MIT OR Apache-2.0)', '(MIT OR Apache-2.0)', 'npm lockfiles'],
  ['(BSD-3-Clause OR GPL-2.0)', '(BSD-3-Clause OR GPL-2.0-only)', 'npm/nightscout-lock-v3/package-lock.json (node-forge)'],
  ['(MIT AND BSD-3-Clause)', '(MIT AND BSD-3-Clause)', 'npm lockfiles'],
  ['MIT/X11', undefined, 'npm/nightscout-lock-v3/package-lock.json: one licence written with a slash, not a choice'],
  ['Apache 2.0', 'Apache-2.0', 'npm/nightscout-lock-v3/package-lock.json'],
  ['Unlicense OR MIT', 'Unlicense OR MIT', 'rust/ripgrep-cargo-lock-v4/Cargo.toml'],
  ['LGPL-2.1', 'LGPL-2.1-only', 'php/bookstack-2024/composer.lock (deprecated id)'],
  ['LGPL-3.0', 'LGPL-3.0-only', 'php/bookstack-2022/composer.lock (deprecated id)'],
  ['GPL-2.0-or-later', 'GPL-2.0-or-later', 'php composer.lock'],
  ['GPL-3.0-only', 'GPL-3.0-only', 'php/bookstack-2024/composer.lock'],
  ['BlueOak-1.0.0', 'BlueOak-1.0.0', 'npm lockfiles'],
  ['Python-2.0', 'Python-2.0', 'npm lockfiles (argparse)'],
  ['WTFPL', 'WTFPL', 'npm lockfiles'],
];

/** Licence texts as registries and package authors write them, each a case a plain spdx-correct call gets wrong or right. */
const IN_THE_WILD: Array<[text: string, expected: string | undefined]> = [
  ['MIT/Apache-2.0', 'MIT OR Apache-2.0'],
  ['Apache-2.0/MIT', 'Apache-2.0 OR MIT'],
  ['MIT or Apache-2.0', 'MIT OR Apache-2.0'],
  ['Dual MIT and Apache-2.0', 'MIT OR Apache-2.0'],
  ['Dual MIT and Apache', undefined],
  ['GPLv3', 'GPL-3.0-only'],
  ['GNU GPL v3', 'GPL-3.0-only'],
  ['GPL-2.0+', 'GPL-2.0-or-later'],
  ['GNU LGPL v2.1 or later', undefined],
  ['BSD', undefined],
  ['BSD License', undefined],
  ['GPL', undefined],
  ['Apache', undefined],
  ['Apache Software License', undefined],
  ['Apache License, Version 2.0', 'Apache-2.0'],
  ['ISC License', 'ISC'],
  ['MIT License', 'MIT'],
  ['MPL 2.0', 'MPL-2.0'],
  ['MIT, Apache-2.0', undefined],
  ['UNLICENSED', undefined],
  ['SEE LICENSE IN LICENSE.md', undefined],
  ['Public Domain', undefined],
  ['Proprietary', undefined],
  ['MIT AND BSD-3-Clause or ISC', 'MIT AND BSD-3-Clause OR ISC'],
  ['GPL-2.0 WITH Classpath-exception-2.0', 'GPL-2.0-only WITH Classpath-exception-2.0'],
];

describe('normalizeLicenseText', () => {
  it.each(FROM_FIXTURES)('%j from the fixtures becomes %j (%s)', (text, expected) => {
    expect(normalizeLicenseText(text)).toBe(expected);
  });

  it.each(IN_THE_WILD)('%j becomes %j', (text, expected) => {
    expect(normalizeLicenseText(text)).toBe(expected);
  });
});

describe('licenseFact', () => {
  it('keeps the original text beside a corrected expression, and none when nothing was corrected', () => {
    expect(licenseFact('Apache 2.0', 'lockfile')).toEqual({ kind: 'expression', expression: 'Apache-2.0', source: 'lockfile', original: 'Apache 2.0' });
    expect(licenseFact(' MIT ', 'manifest')).toEqual({ kind: 'expression', expression: 'MIT', source: 'manifest' });
    expect(licenseFact('MIT/X11', 'registry')).toEqual({ kind: 'named', name: 'MIT/X11', source: 'registry' });
    expect(licenseFact('   ', 'lockfile')).toBeUndefined();
  });

  it('reads the legacy package.json `licenses` array, one fact per entry', () => {
    expect(licensesFromPackageJsonField([{ type: 'MIT' }, { type: 'Apache 2.0' }], 'installed-package')).toEqual([
      { kind: 'expression', expression: 'MIT', source: 'installed-package' },
      { kind: 'expression', expression: 'Apache-2.0', source: 'installed-package', original: 'Apache 2.0' },
    ]);
  });
});

describe('canonicalExpression', () => {
  it('spells equal expressions alike: operators upper case, only the parentheses precedence needs', () => {
    expect(canonicalExpression('(MIT OR CC0-1.0)')).toBe('MIT OR CC0-1.0');
    expect(canonicalExpression('(MIT OR Apache-2.0) AND BSD-3-Clause')).toBe('(MIT OR Apache-2.0) AND BSD-3-Clause');
    expect(canonicalExpression('MIT and (ISC)')).toBe('MIT AND ISC');
    expect(canonicalExpression('not a licence')).toBe('not a licence');
  });
});
