import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { realOsvIndex } from '../../../../test/support/osv-fixtures.js';
import { matchComponents } from '../../../advisories/index.js';
import { parseRubyGemsProject } from './parse-project.js';

const FIXTURES = new URL('../../../../test/fixtures/rubygems/', import.meta.url);

describe('rubygems components against real OSV advisories', () => {
  it('matches the gems of rubygems.org 2023 by their pkg:gem purls', () => {
    const read = (file: string): string => readFileSync(new URL(`rubygems-org-2023/${file}`, FIXTURES), 'utf8');
    const graph = parseRubyGemsProject({ lockfile: { path: 'Gemfile.lock', text: read('Gemfile.lock') }, manifests: [{ path: 'Gemfile', text: read('Gemfile') }] });
    const findings = matchComponents(realOsvIndex(), [...graph.components.values()]);
    // 4-part RubyGems versions (rack's fix 2.2.8.1) order as Gem::Version does.
    expect(findings.map((f) => [f.componentRef, f.advisoryId, f.fixAbove])).toEqual([
      ['pkg:gem/google-protobuf@3.23.2', 'GHSA-735f-pc8j-v9w8', '3.25.5'],
      ['pkg:gem/puma@6.3.0', 'GHSA-68xg-gqqm-vgj8', '6.3.1'],
      ['pkg:gem/rack@2.2.7', 'GHSA-22f2-v57c-j9cx', '2.2.8.1'],
      ['pkg:gem/rexml@3.2.5', 'GHSA-vg3r-rm7w-2xgh', '3.2.7'],
      ['pkg:gem/webrick@1.8.1', 'GHSA-6f62-3596-g6w7', '1.8.2'],
    ]);
  });

  it('matches a platform gem through its platform-qualified purl', () => {
    const findings = matchComponents(realOsvIndex(), [{ ref: 'a', purl: 'pkg:gem/rack@2.2.7?platform=java' }]);
    expect(findings.map((f) => f.advisoryId)).toEqual(['GHSA-22f2-v57c-j9cx']);
  });
});
