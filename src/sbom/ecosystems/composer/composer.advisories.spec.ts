import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { realOsvIndex } from '../../../../test/support/osv-fixtures.js';
import { matchComponents } from '../../../advisories/index.js';
import { parseComposerProject } from './parse-project.js';

const FIXTURES = new URL('../../../../test/fixtures/composer/', import.meta.url);

describe('composer components against real OSV advisories', () => {
  it('matches the packages of BookStack 2022 by their pkg:composer purls, `v`-prefixed versions included', () => {
    const read = (file: string): string => readFileSync(new URL(`bookstack-2022/${file}`, FIXTURES), 'utf8');
    const graph = parseComposerProject({ lockfile: { path: 'composer.lock', text: read('composer.lock') }, manifests: [{ path: 'composer.json', text: read('composer.json') }] });
    const findings = matchComponents(realOsvIndex(), [...graph.components.values()]);
    expect(findings.map((f) => [f.componentRef, f.advisoryId, f.fixAbove])).toEqual([
      ['pkg:composer/dompdf/dompdf@v2.0.1', 'GHSA-3cw5-7cxw-v5qg', '2.0.2'],
      ['pkg:composer/guzzlehttp/psr7@2.4.3', 'GHSA-wxmh-65f7-jcvw', '2.4.5'],
      ['pkg:composer/symfony/http-kernel@v5.4.15', 'GHSA-h7vf-5wrv-9fhv', '5.4.20'],
    ]);
  });
});
