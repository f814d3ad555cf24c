import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { realOsvIndex } from '../../../../test/support/osv-fixtures.js';
import { matchComponents } from '../../../advisories/index.js';
import { parseNuGetProject } from './parse-project.js';

const FIXTURES = new URL('../../../../test/fixtures/nuget/', import.meta.url);

describe('nuget components against real OSV advisories', () => {
  it('matches the packages of bitwarden Core 2023 by their pkg:nuget purls', () => {
    const read = (file: string): string => readFileSync(new URL(`bitwarden-server-core-2023/${file}`, FIXTURES), 'utf8');
    const graph = parseNuGetProject({ lockfile: { path: 'packages.lock.json', text: read('packages.lock.json') }, manifests: [{ path: 'Core.csproj', text: read('Core.csproj') }] });
    const findings = matchComponents(realOsvIndex(), [...graph.components.values()]);
    expect(findings.map((f) => [f.componentRef, f.advisoryId, f.fixAbove])).toEqual([
      ['pkg:nuget/Microsoft.Data.SqlClient@5.0.1', 'GHSA-98g6-xh36-x2p7', '5.1.3'],
      ['pkg:nuget/Microsoft.IdentityModel.JsonWebTokens@6.21.0', 'GHSA-59j7-ghrg-fj52', '6.34.0'],
      ['pkg:nuget/System.IdentityModel.Tokens.Jwt@6.21.0', 'GHSA-59j7-ghrg-fj52', '6.34.0'],
    ]);
  });

  it('matches ids case-insensitively, as NuGet treats them', () => {
    const findings = matchComponents(realOsvIndex(), [{ ref: 'a', purl: 'pkg:nuget/microsoft.data.sqlclient@5.0.1' }]);
    expect(findings.map((f) => [f.advisoryId, f.fixAbove])).toEqual([['GHSA-98g6-xh36-x2p7', '5.1.3']]);
  });
});
