import { describe, expect, it } from '@jest/globals';
import { contextOf, library } from './__fixtures__/facts.js';
import { packageConditionSchema, type PackageCondition } from './condition.schema.js';
import { evaluatePackage } from './evaluate-package.js';
import type { ComponentNode } from './facts.js';
import type { MemoryFile } from './memory-files.js';

const condition = (fields: Record<string, unknown>): PackageCondition => packageConditionSchema.parse({ kind: 'package', ...fields });
const reasons = (fields: Record<string, unknown>, components: ComponentNode[], files: MemoryFile[] = []): string[] =>
  evaluatePackage(condition(fields), contextOf({ components, files, now: '2026-11-01T00:00:00Z' })).violations.map((v) => v.reason);

const banned = (purl: string, versions?: string) => ({ banned: [{ purl, ...(versions ? { versions } : {}) }] });

describe('evaluatePackage: banned and minimum versions, ordered per ecosystem', () => {
  it.each([
    ['npm, exact banned release', banned('pkg:npm/event-stream', '=3.3.6'), 'pkg:npm/event-stream@3.3.6', ['event-stream@3.3.6 is in the banned versions =3.3.6']],
    ['npm, the release before it', banned('pkg:npm/event-stream', '=3.3.6'), 'pkg:npm/event-stream@3.3.5', []],
    ['npm, version given in the purl', banned('pkg:npm/colors@1.4.44-liberty-2'), 'pkg:npm/colors@1.4.44-liberty-2', ['colors@1.4.44-liberty-2 is banned']],
    ['npm, a whole scope', banned('pkg:npm/%40evil/*'), 'pkg:npm/%40evil/stealer@1.0.0', ['@evil/stealer@1.0.0 is banned']],
    ['npm, another scope', banned('pkg:npm/%40evil/*'), 'pkg:npm/%40good/stealer@1.0.0', []],
    ['PyPI, PEP 440 order and name normalisation', banned('pkg:pypi/Django', '<3.2'), 'pkg:pypi/django@3.2rc1', ['django@3.2rc1 is in the banned versions <3.2']],
    ['PyPI, normalised name', banned('pkg:pypi/Django', '<3.2'), 'pkg:pypi/django@3.2.0', []],
    ['RubyGems order', banned('pkg:gem/rack', '<2.2.8.1'), 'pkg:gem/rack@2.2.8', ['rack@2.2.8 is in the banned versions <2.2.8.1']],
    ['Maven, numeric parts', banned('pkg:maven/org.apache.logging.log4j/log4j-core', '>=2.0, <2.17.1'), 'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1', ['org.apache.logging.log4j/log4j-core@2.14.1 is in the banned versions >=2.0, <2.17.1']],
    ['Maven, the fixed release', banned('pkg:maven/org.apache.logging.log4j/log4j-core', '>=2.0, <2.17.1'), 'pkg:maven/org.apache.logging.log4j/log4j-core@2.17.1', []],
    ['alternatives', banned('pkg:npm/ua-parser-js', '=0.7.29 || =0.8.0 || =1.0.0'), 'pkg:npm/ua-parser-js@0.8.0', ['ua-parser-js@0.8.0 is in the banned versions =0.7.29 || =0.8.0 || =1.0.0']],
    [
      'a version that cannot be ordered counts as banned',
      banned('pkg:npm/left-pad', '<2.0.0'),
      'pkg:npm/left-pad@github%3Aacme%2Fleft-pad',
      ['left-pad@github:acme/left-pad: version cannot be compared with the banned versions <2.0.0, so it is treated as banned'],
    ],
    ['minimum version not met', { minimumVersions: [{ purl: 'pkg:npm/lodash', version: '4.17.21' }] }, 'pkg:npm/lodash@4.17.20', ['lodash@4.17.20 is older than the minimum version 4.17.21']],
    ['minimum version met', { minimumVersions: [{ purl: 'pkg:npm/lodash', version: '4.17.21' }] }, 'pkg:npm/lodash@4.17.21', []],
    ['minimum version, Go module with a v prefix', { minimumVersions: [{ purl: 'pkg:golang/golang.org/x/net', version: 'v0.17.0' }] }, 'pkg:golang/golang.org/x/net@v0.7.0', ['golang.org/x/net@v0.7.0 is older than the minimum version v0.17.0']],
  ])('%s', (_name, fields, purl, expected) => {
    expect(reasons(fields, [library(purl)])).toEqual(expected);
  });
});

describe('evaluatePackage: release facts', () => {
  it('reports deprecated releases with the registry message', () => {
    const deprecated = library('pkg:npm/request@2.88.2', { properties: { 'chainward:deprecated': 'request has been deprecated' } });
    expect(reasons({ forbidDeprecated: true }, [deprecated, library('pkg:npm/got@14.0.0')])).toEqual(['request@2.88.2 is deprecated: request has been deprecated']);
  });

  it('reports releases older than the limit where the date is known', () => {
    const old = library('pkg:npm/old@1.0.0', { properties: { 'chainward:release-date': '2025-01-01' } });
    const fresh = library('pkg:npm/fresh@1.0.0', { properties: { 'chainward:release-date': '2026-06-01' } });
    const undated = library('pkg:npm/undated@1.0.0');
    expect(reasons({ maxReleaseAgeDays: 365 }, [old, fresh, undated])).toEqual(['old@1.0.0 was released 669 days ago; the limit is 365 days']);
  });

  it.each([
    ['^1.2.0', true],
    ['~1.2.0', true],
    ['>=1.0 <2', true],
    ['1.x', true],
    ['*', true],
    ['latest', true],
    ['', true],
    ['1.2.0', false],
    ['2.0.0-rc.1', false],
    ['v0.7.0', false],
  ])('version "%s" unpinned: %s', (version, unpinned) => {
    const component = library('pkg:npm/subject', { version });
    expect(reasons({ requirePinnedVersions: true }, [component])).toHaveLength(unpinned ? 1 : 0);
  });

  it('exempts development dependencies when asked', () => {
    const devTool = library('pkg:npm/event-stream@3.3.6', { development: true });
    expect(reasons({ ...banned('pkg:npm/event-stream'), developmentDependencies: 'exempt' }, [devTool])).toEqual([]);
    expect(reasons(banned('pkg:npm/event-stream'), [devTool])).toEqual(['event-stream@3.3.6 is banned']);
  });
});

describe('evaluatePackage: lockfiles', () => {
  const manifest = (path: string, content: string): MemoryFile => ({ path, content });
  it.each([
    ['package.json with dependencies and no lockfile', [manifest('package.json', '{"dependencies": {"a": "1"}}')], ['package.json']],
    ['package.json beside yarn.lock', [manifest('package.json', '{"dependencies": {"a": "1"}}'), manifest('yarn.lock', '')], []],
    ['package.json without dependencies', [manifest('tools/package.json', '{"type": "module"}')], []],
    ['a workspace package under a root lockfile', [manifest('package-lock.json', '{}'), manifest('packages/api/package.json', '{"dependencies": {"a": "1"}}')], []],
    ['a dependency folder', [manifest('node_modules/a/package.json', '{"dependencies": {"b": "1"}}')], []],
    ['go.mod without go.sum', [manifest('svc/go.mod', 'module x\n\nrequire golang.org/x/net v0.17.0\n')], ['svc/go.mod']],
    ['Cargo.toml with a workspace lockfile above', [manifest('Cargo.lock', ''), manifest('crates/core/Cargo.toml', '[dependencies]\nserde = "1"\n')], []],
    ['pyproject.toml that only configures tools', [manifest('pyproject.toml', '[tool.black]\nline-length = 100\n')], []],
    ['pyproject.toml with dependencies', [manifest('pyproject.toml', '[project]\ndependencies = ["requests>=2"]\n')], ['pyproject.toml']],
  ])('%s', (_name, files, expected) => {
    const output = evaluatePackage(condition({ requireLockfile: true }), contextOf({ files }));
    expect(output.violations.map((v) => (v.evidence.kind === 'file' ? v.evidence.file : ''))).toEqual(expected);
  });

  it('names the lockfiles it looked for', () => {
    const output = evaluatePackage(condition({ requireLockfile: true }), contextOf({ files: [manifest('Gemfile', "gem 'rails'\n")] }));
    expect(output.violations[0]?.reason).toBe('Gemfile declares dependencies but no lockfile (Gemfile.lock) is committed beside it or above it');
  });
});
