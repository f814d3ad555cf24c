import { it } from '@jest/globals';
import { licenceCategoryTable, licenceExceptionTable, SECRET_PATTERNS, KNOWN_LICENCE_CATEGORIES } from '../../src/policy/domain/index.js';
it('debug', () => {
  const rows = licenceCategoryTable();
  const out: string[] = [];
  for (const c of KNOWN_LICENCE_CATEGORIES) out.push(`${c}: ` + rows.filter(r => r.category === c).map(r => '`' + r.id + '`').join(', '));
  console.log(rows.length + '\n' + out.join('\n\n'));
  console.log(licenceExceptionTable().map(e => `| \`${e.exception}\` | ${e.category} |`).join('\n'));
  console.log(SECRET_PATTERNS.map(p => `| \`${p.id}\` | ${p.description} | \`${p.regex.source.replace(/\|/g, '\\|')}\` | ${p.keywords.map(k => '`' + k + '`').join(', ')} | ${p.mask ? 'yes' : 'no'} |`).join('\n'));
});
