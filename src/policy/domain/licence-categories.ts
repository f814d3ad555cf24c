/**
 * The licence category table that ships with the project, documented in
 * `policies/licence-categories.md` (a test keeps the two in step). A licence
 * missing from the table is `unknown`; policies decide what unknown means.
 */
export const LICENCE_CATEGORIES = [
  'permissive',
  'weak-copyleft',
  'strong-copyleft',
  'network-copyleft',
  'public-domain',
  'proprietary',
  'unknown',
] as const;

export type LicenceCategory = (typeof LICENCE_CATEGORIES)[number];

/** Categories a policy may list; `unknown` is governed by the condition's own `unknown` option. */
export const KNOWN_LICENCE_CATEGORIES = LICENCE_CATEGORIES.filter((c): c is Exclude<LicenceCategory, 'unknown'> => c !== 'unknown');
export type KnownLicenceCategory = Exclude<LicenceCategory, 'unknown'>;

const table: Record<KnownLicenceCategory, readonly string[]> = {
  permissive: [
    '0BSD', 'AFL-2.1', 'AFL-3.0', 'Apache-1.0', 'Apache-1.1', 'Apache-2.0', 'Artistic-2.0', 'BlueOak-1.0.0',
    'BSD-1-Clause', 'BSD-2-Clause', 'BSD-2-Clause-Patent', 'BSD-3-Clause', 'BSD-3-Clause-Clear', 'BSD-4-Clause',
    'BSL-1.0', 'CC-BY-3.0', 'CC-BY-4.0', 'curl', 'ECL-2.0', 'EFL-2.0', 'HPND', 'ISC', 'libpng-2.0', 'Libpng',
    'MIT', 'MIT-0', 'MulanPSL-2.0', 'NCSA', 'NTP', 'OpenSSL', 'PHP-3.01', 'PostgreSQL', 'PSF-2.0', 'Python-2.0',
    'Ruby', 'Unicode-3.0', 'Unicode-DFS-2016', 'UPL-1.0', 'W3C', 'WTFPL', 'X11', 'Zlib', 'ZPL-2.1',
  ],
  'public-domain': ['CC-PDDC', 'CC0-1.0', 'PDDL-1.0', 'Unlicense'],
  'weak-copyleft': [
    'APSL-2.0', 'CC-BY-SA-3.0', 'CC-BY-SA-4.0', 'CDDL-1.0', 'CDDL-1.1', 'CECILL-C', 'CPL-1.0', 'EPL-1.0', 'EPL-2.0',
    'LGPL-2.0', 'LGPL-2.0-only', 'LGPL-2.0-or-later', 'LGPL-2.1', 'LGPL-2.1-only', 'LGPL-2.1-or-later', 'LGPL-3.0',
    'LGPL-3.0-only', 'LGPL-3.0-or-later', 'MPL-1.0', 'MPL-1.1', 'MPL-2.0', 'MPL-2.0-no-copyleft-exception', 'MS-PL', 'MS-RL',
  ],
  'strong-copyleft': [
    'CECILL-2.1', 'EUPL-1.1', 'EUPL-1.2', 'GPL-1.0', 'GPL-1.0-only', 'GPL-1.0-or-later', 'GPL-2.0', 'GPL-2.0-only',
    'GPL-2.0-or-later', 'GPL-3.0', 'GPL-3.0-only', 'GPL-3.0-or-later', 'Sleepycat',
  ],
  'network-copyleft': [
    'AGPL-1.0', 'AGPL-1.0-only', 'AGPL-1.0-or-later', 'AGPL-3.0', 'AGPL-3.0-only', 'AGPL-3.0-or-later', 'CPAL-1.0',
    'OSL-3.0', 'RPL-1.5', 'SSPL-1.0',
  ],
  proprietary: ['BUSL-1.1', 'CC-BY-NC-4.0', 'CC-BY-NC-ND-4.0', 'CC-BY-NC-SA-4.0', 'CC-BY-ND-4.0', 'Elastic-2.0', 'JSON'],
};

/**
 * Exceptions that change what the licence asks of the code linking to it
 * (a GPL library with the Classpath exception behaves as weak copyleft).
 * Other exceptions leave the base licence's category.
 */
const exceptionTable: Record<string, KnownLicenceCategory> = {
  'Classpath-exception-2.0': 'weak-copyleft',
  'GCC-exception-2.0': 'weak-copyleft',
  'GCC-exception-3.1': 'weak-copyleft',
  'LLVM-exception': 'permissive',
  'Universal-FOSS-exception-1.0': 'weak-copyleft',
};

/** Licence names (not SPDX ids) with a settled meaning: npm's `UNLICENSED` grants no rights. */
const namedTable: Record<string, KnownLicenceCategory> = { UNLICENSED: 'proprietary' };

const byId = new Map<string, KnownLicenceCategory>();
for (const category of KNOWN_LICENCE_CATEGORIES) for (const id of table[category]) byId.set(id.toLowerCase(), category);

/** Every id of the table with its category, in table order (for documentation and tests). */
export function licenceCategoryTable(): Array<{ id: string; category: KnownLicenceCategory }> {
  return KNOWN_LICENCE_CATEGORIES.flatMap((category) => table[category].map((id) => ({ id, category })));
}

export function licenceExceptionTable(): Array<{ exception: string; category: KnownLicenceCategory }> {
  return Object.entries(exceptionTable).map(([exception, category]) => ({ exception, category }));
}

/** Category of one SPDX licence id, with an optional `WITH` exception. SPDX ids are case-insensitive. */
export function categoryOfLicence(id: string, exception?: string): LicenceCategory {
  if (exception !== undefined && exceptionTable[exception]) return exceptionTable[exception];
  return byId.get(id.toLowerCase()) ?? byId.get(id.replace(/\+$/, '').toLowerCase()) ?? 'unknown';
}

/** Category of a licence statement that is not an SPDX expression. */
export function categoryOfNamedLicence(name: string): LicenceCategory {
  return namedTable[name.trim().toUpperCase()] ?? 'unknown';
}
