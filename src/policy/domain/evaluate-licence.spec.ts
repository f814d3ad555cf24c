import { describe, expect, it } from '@jest/globals';
import { contextOf, library, licence, named } from './__fixtures__/facts.js';
import { licenceConditionSchema } from './condition.schema.js';
import { evaluateLicence } from './evaluate-licence.js';
import type { LicenseFact } from './facts.js';

const denyCopyleft = licenceConditionSchema.parse({ kind: 'licence', deny: { categories: ['strong-copyleft', 'network-copyleft'] }, unknown: 'allow', developmentDependencies: 'exempt', scopes: ['required', 'optional'] });
const allowPermissive = licenceConditionSchema.parse({ kind: 'licence', allow: { categories: ['permissive', 'public-domain'] }, unknown: 'deny' });
const byIds = licenceConditionSchema.parse({ kind: 'licence', allow: { ids: ['MIT', 'GPL-2.0-or-later'] }, deny: { ids: ['GPL-3.0-only'] }, unknown: 'deny' });
const conditions = { denyCopyleft, allowPermissive, byIds };

type Row = [keyof typeof conditions, LicenseFact[], { development?: boolean; scope?: 'required' | 'optional' | 'excluded' }, string | undefined];

const rows: Row[] = [
  ['denyCopyleft', [licence('MIT')], {}, undefined],
  ['denyCopyleft', [licence('GPL-3.0-only')], {}, 'licence GPL-3.0-only is strong-copyleft, a denied category'],
  ['denyCopyleft', [licence('GPL-2.0+')], {}, 'licence GPL-2.0+ is strong-copyleft, a denied category'],
  ['denyCopyleft', [licence('(MIT OR GPL-3.0-only)')], {}, undefined],
  ['denyCopyleft', [licence('(MIT AND GPL-3.0-only)')], {}, 'licence (MIT AND GPL-3.0-only) is not acceptable: GPL-3.0-only is strong-copyleft, a denied category'],
  [
    'denyCopyleft',
    [licence('GPL-2.0-only OR AGPL-3.0-only')],
    {},
    'licence GPL-2.0-only OR AGPL-3.0-only is not acceptable: GPL-2.0-only is strong-copyleft, a denied category; AGPL-3.0-only is network-copyleft, a denied category',
  ],
  ['denyCopyleft', [licence('(MIT OR Apache-2.0) AND SSPL-1.0')], {}, 'licence (MIT OR Apache-2.0) AND SSPL-1.0 is not acceptable: SSPL-1.0 is network-copyleft, a denied category'],
  ['denyCopyleft', [licence('GPL-2.0-only WITH Classpath-exception-2.0')], {}, undefined],
  ['denyCopyleft', [], {}, undefined],
  ['denyCopyleft', [licence('GPL-3.0-only')], { development: true }, undefined],
  ['denyCopyleft', [licence('AGPL-3.0-only')], { scope: 'excluded' }, undefined],
  ['denyCopyleft', [licence('AGPL-3.0-only')], { scope: 'optional' }, 'licence AGPL-3.0-only is network-copyleft, a denied category'],
  ['allowPermissive', [licence('MPL-2.0')], {}, 'licence MPL-2.0 is weak-copyleft, which is not on the allow list'],
  ['allowPermissive', [licence('CC0-1.0')], {}, undefined],
  ['allowPermissive', [], {}, 'no licence is declared and unknown licences are not accepted'],
  ['allowPermissive', [licence('LicenseRef-acme-eula')], {}, 'licence LicenseRef-acme-eula is not in the licence category table and unknown licences are not accepted'],
  ['allowPermissive', [named('UNLICENSED')], {}, 'licence "UNLICENSED" is proprietary, which is not on the allow list'],
  ['allowPermissive', [named('MIT/X11')], {}, 'licence "MIT/X11" is not in the licence category table and unknown licences are not accepted'],
  ['allowPermissive', [licence('MIT'), licence('Apache-2.0')], {}, undefined],
  ['allowPermissive', [licence('MIT'), named('Apache2')], {}, 'licence "Apache2" is not in the licence category table and unknown licences are not accepted'],
  ['allowPermissive', [licence('GPL-3.0-only')], { development: true }, 'licence GPL-3.0-only is strong-copyleft, which is not on the allow list'],
  ['byIds', [licence('MIT')], {}, undefined],
  ['byIds', [licence('GPL-3.0-only')], {}, 'licence GPL-3.0-only is on the deny list'],
  ['byIds', [licence('GPL-2.0-only')], {}, undefined],
  ['byIds', [licence('Apache-2.0')], {}, 'licence Apache-2.0 is permissive, which is not on the allow list'],
];

describe('evaluateLicence', () => {
  const label = (facts: LicenseFact[], flags: Row[2]): string =>
    [facts.map((f) => (f.kind === 'expression' ? f.expression : `"${f.name}"`)).join(' + ') || '(none)', ...Object.entries(flags).map(([k, v]) => `${k}=${v}`)].join(' ');
  it.each(rows.map(([name, facts, flags, expected]) => [name, label(facts, flags), facts, flags, expected] as const))('%s: %s', (conditionName, _label, licences, flags, expected) => {
    const component = library('pkg:npm/subject@1.0.0', { licenses: licences, development: flags.development ?? false, scope: flags.scope ?? 'required' });
    const output = evaluateLicence(conditions[conditionName], contextOf({ components: [component] }));
    expect(output.violations.map((v) => v.reason)).toEqual(expected === undefined ? [] : [expected]);
  });

  it('reports each refused component once, by ref, with its path from the root', () => {
    const a = library('pkg:npm/a@1.0.0', { licenses: [licence('MIT')] });
    const b = library('pkg:npm/b@2.0.0', { licenses: [licence('GPL-3.0-only')] });
    const output = evaluateLicence(denyCopyleft, contextOf({ components: [a, b], edges: [['pkg:npm/a@1.0.0', 'pkg:npm/b@2.0.0']] }));
    expect(output.violations).toEqual([
      {
        key: 'pkg:npm/b@2.0.0',
        reason: 'licence GPL-3.0-only is strong-copyleft, a denied category',
        evidence: { kind: 'component', ref: 'pkg:npm/b@2.0.0', purl: 'pkg:npm/b@2.0.0', name: 'b', version: '2.0.0', development: false, path: ['pkg:npm/app@1.0.0?root', 'pkg:npm/a@1.0.0', 'pkg:npm/b@2.0.0'] },
      },
    ]);
  });
});
