import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import parseSpdx from 'spdx-expression-parse';
import { categoryOfLicence, categoryOfNamedLicence, KNOWN_LICENCE_CATEGORIES, licenceCategoryTable, licenceExceptionTable } from './licence-categories.js';

const documentation = readFileSync(fileURLToPath(new URL('../../../policies/licence-categories.md', import.meta.url)), 'utf8');

describe('licence category table', () => {
  const table = licenceCategoryTable();

  it('covers at least 60 SPDX ids, each a valid id listed once', () => {
    expect(table.length).toBeGreaterThanOrEqual(60);
    const invalid = table.filter(({ id }) => {
      try {
        const parsed = parseSpdx(id);
        return !('license' in parsed) || parsed.license !== id;
      } catch {
        return true;
      }
    });
    expect(invalid).toEqual([]);
    expect(new Set(table.map(({ id }) => id.toLowerCase())).size).toBe(table.length);
  });

  it.each([
    ['MIT', undefined, 'permissive'],
    ['Apache-2.0', undefined, 'permissive'],
    ['BSD-3-Clause', undefined, 'permissive'],
    ['ISC', undefined, 'permissive'],
    ['0BSD', undefined, 'permissive'],
    ['Unlicense', undefined, 'public-domain'],
    ['CC0-1.0', undefined, 'public-domain'],
    ['MPL-2.0', undefined, 'weak-copyleft'],
    ['LGPL-2.1-or-later', undefined, 'weak-copyleft'],
    ['EPL-2.0', undefined, 'weak-copyleft'],
    ['GPL-2.0', undefined, 'strong-copyleft'],
    ['GPL-3.0-only', undefined, 'strong-copyleft'],
    ['AGPL-3.0-or-later', undefined, 'network-copyleft'],
    ['SSPL-1.0', undefined, 'network-copyleft'],
    ['BUSL-1.1', undefined, 'proprietary'],
    ['mit', undefined, 'permissive'],
    ['GPL-2.0+', undefined, 'strong-copyleft'],
    ['GPL-2.0-only', 'Classpath-exception-2.0', 'weak-copyleft'],
    ['Apache-2.0', 'LLVM-exception', 'permissive'],
    ['GPL-3.0-or-later', 'Autoconf-exception-3.0', 'strong-copyleft'],
    ['LicenseRef-acme', undefined, 'unknown'],
    ['FooBar-1.0', undefined, 'unknown'],
  ])('%s WITH %s is %s', (id, exception, category) => {
    expect(categoryOfLicence(id, exception)).toBe(category);
  });

  it('reads npm\'s UNLICENSED as proprietary and any other licence text as unknown', () => {
    expect(categoryOfNamedLicence('UNLICENSED')).toBe('proprietary');
    expect(categoryOfNamedLicence('Apache 2.0')).toBe('unknown');
  });

  it('is documented in policies/licence-categories.md, id for id', () => {
    for (const category of KNOWN_LICENCE_CATEGORIES) {
      const section = new RegExp(`## ${category}\\n\\n[^\\n]*\\n\\n([^\\n]*)\\n`).exec(documentation)?.[1] ?? '';
      const documented = [...section.matchAll(/`([^`]+)`/g)].map((match) => match[1]);
      expect({ category, ids: documented }).toEqual({ category, ids: table.filter((row) => row.category === category).map((row) => row.id) });
    }
    for (const { exception, category } of licenceExceptionTable()) expect(documentation).toContain(`| \`${exception}\` | ${category} |`);
  });
});
