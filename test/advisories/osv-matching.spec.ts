/**
 * Matching the real OSV advisories against versions pinned by real lockfiles: for each
 * (ecosystem, package, version) the exact set of advisories that affect it, each with the
 * smallest fix above the version (null: the advisory names none), and versions just outside
 * each range (the fix itself, last_affected + 1, the bound below `introduced`) that must match nothing.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { affects, MatchIndex, parseOsvJson, type OsvRecord } from '../../src/advisories/domain/index.js';
import { FIXTURES, lockfilePins } from './lockfile-versions.js';

interface Row {
  /** The lockfile that pins this version; absent for a version chosen just outside a range. */
  lockfile?: string;
  ecosystem: string;
  name: string;
  version: string;
  /** advisory id -> smallest fixed version above this one (null when the advisory names none). */
  expected: Record<string, string | null>;
}

const NPM_V1 = 'npm/nightscout-shrinkwrap-v1/npm-shrinkwrap.json';
const NPM_V3 = 'npm/nightscout-lock-v3/package-lock.json';
const PNPM = 'pnpm/vue-core-v6/pnpm-lock.yaml';
const POETRY = 'python/poetry-lock-1.1/poetry.lock';
const PIPENV = 'python/pipenv-pipfile-2023/Pipfile.lock';
const PIP_COMPILE = 'python/warehouse-requirements-2023/main.txt';
const GO_2023 = 'go/gh-cli-2023/go.sum';
const GO_2024 = 'go/gh-cli-2024/go.sum';
const CARGO_V1 = 'rust/ripgrep-cargo-lock-v1/Cargo.lock';
const CARGO_V3 = 'rust/ripgrep-cargo-lock-v3/Cargo.lock';
const GRADLE = 'java/jabref-gradle-lockfile/gradle.lockfile';
const GRADLE_VERIFICATION = 'java/grapheneos-auditor-verification/verification-metadata.xml';
const GEMS_2023 = 'ruby/rubygems-org-2023/Gemfile.lock';
const GEMS_2026 = 'ruby/rubygems-org-2026/Gemfile.lock';
const COMPOSER = 'php/bookstack-2022/composer.lock';
const NUGET_2023 = 'dotnet/bitwarden-server-core-2023/packages.lock.json';
const NUGET_2026 = 'dotnet/bitwarden-server-core-2026/packages.lock.json';

const row = (lockfile: string | undefined, ecosystem: string, name: string, version: string, expected: Row['expected'] = {}): Row =>
  lockfile === undefined ? { ecosystem, name, version, expected } : { lockfile, ecosystem, name, version, expected };

const X_NET = { 'GHSA-4374-p667-p6c8': '0.17.0', 'GHSA-qppj-fm5r-hxr3': '0.17.0', 'GO-2023-2102': '0.17.0' };
const REQUESTS = { 'GHSA-j8r2-6x86-q33q': '2.31.0', 'PYSEC-2023-74': '2.31.0' };
const PROTOBUF_JAVA = { 'GHSA-735f-pc8j-v9w8': '3.25.5' };

const TABLE: Row[] = [
  // npm: lodash 4.17.15/4.17.20 and friends in an npm v1 shrinkwrap...
  row(NPM_V1, 'npm', 'lodash', '4.17.15', { 'GHSA-35jh-r3h4-6jhm': '4.17.21' }),
  row(NPM_V1, 'npm', 'lodash', '4.17.20', { 'GHSA-35jh-r3h4-6jhm': '4.17.21' }),
  row(NPM_V1, 'npm', 'json5', '1.0.1', { 'GHSA-9c47-m6qq-7p4h': '1.0.2' }),
  row(NPM_V1, 'npm', 'json5', '2.1.3', { 'GHSA-9c47-m6qq-7p4h': '2.2.2' }),
  row(NPM_V1, 'npm', 'minimist', '0.0.8', { 'GHSA-xvch-5gv4-984h': '0.2.4' }),
  row(NPM_V1, 'npm', 'minimist', '1.2.5', { 'GHSA-xvch-5gv4-984h': '1.2.6' }),
  row(NPM_V1, 'npm', 'qs', '6.5.2', { 'GHSA-hrpp-h998-j3pp': '6.5.3' }),
  row(NPM_V1, 'npm', 'qs', '6.7.0', { 'GHSA-hrpp-h998-j3pp': '6.7.3' }),
  row(NPM_V1, 'npm', 'request', '2.88.0', { 'GHSA-p8p7-x288-28g6': null }),
  row(NPM_V1, 'npm', 'request', '2.88.2', { 'GHSA-p8p7-x288-28g6': null }),
  row(NPM_V1, 'npm', 'semver', '5.7.1', { 'GHSA-c2qf-rxjj-qqgw': '5.7.2' }),
  row(NPM_V1, 'npm', 'semver', '6.3.0', { 'GHSA-c2qf-rxjj-qqgw': '6.3.1' }),
  row(NPM_V1, 'npm', 'semver', '7.0.0', { 'GHSA-c2qf-rxjj-qqgw': '7.5.2' }),
  row(NPM_V1, 'npm', 'ws', '3.3.3', { 'GHSA-3h5v-q93c-6h6q': '5.2.4' }),
  row(NPM_V1, 'npm', 'ws', '4.1.0', { 'GHSA-3h5v-q93c-6h6q': '5.2.4' }),
  row(NPM_V1, 'npm', 'ws', '6.2.1', { 'GHSA-3h5v-q93c-6h6q': '6.2.3' }),
  row(NPM_V1, 'npm', 'path-to-regexp', '0.1.7', { 'GHSA-9wv6-86v2-598j': '0.1.10' }),
  row(NPM_V1, 'npm', 'express', '4.17.1', { 'GHSA-rv95-896h-c2vc': '4.19.2' }),
  row(NPM_V1, 'npm', '@babel/traverse', '7.11.0', { 'GHSA-67hx-6x53-jw92': '7.23.2' }),
  row(NPM_V1, 'npm', 'jsonwebtoken', '8.5.1'), // GHSA-27h2-hvpr-p74q covers it, but is withdrawn
  // ...and the same packages, mostly upgraded, in a later v3 lockfile of the same project.
  row(NPM_V3, 'npm', 'lodash', '4.17.21'),
  row(NPM_V3, 'npm', 'json5', '1.0.2'),
  row(NPM_V3, 'npm', 'json5', '2.2.3'),
  row(NPM_V3, 'npm', 'minimist', '1.2.8'),
  row(NPM_V3, 'npm', 'qs', '6.5.3'),
  row(NPM_V3, 'npm', 'qs', '6.14.1'),
  row(NPM_V3, 'npm', 'semver', '5.7.2'),
  row(NPM_V3, 'npm', 'semver', '6.3.1'),
  row(NPM_V3, 'npm', 'semver', '7.7.3'),
  row(NPM_V3, 'npm', 'ws', '7.5.10'),
  row(NPM_V3, 'npm', 'ws', '8.18.3'),
  row(NPM_V3, 'npm', 'ws', '8.2.3', { 'GHSA-3h5v-q93c-6h6q': '8.17.1' }),
  row(NPM_V3, 'npm', '@babel/traverse', '7.28.5'),
  row(NPM_V3, 'npm', 'jsonwebtoken', '9.0.0'),
  row(PNPM, 'npm', 'ip', '1.1.8', { 'GHSA-78xj-cgh5-2h22': null }),
  row(PNPM, 'npm', 'ip', '2.0.0'),
  // npm, just outside (or just inside) the bounds.
  row(undefined, 'npm', 'ip', '1.1.9'),
  row(undefined, 'npm', 'request', '2.88.3'),
  row(undefined, 'npm', '@cypress/request', '2.88.11', { 'GHSA-p8p7-x288-28g6': null }),
  row(undefined, 'npm', '@cypress/request', '2.88.12'),
  row(undefined, 'npm', 'babel-traverse', '6.26.0', { 'GHSA-67hx-6x53-jw92': null }),
  row(undefined, 'npm', '@babel/traverse', '7.23.2'),
  row(undefined, 'npm', '@babel/traverse', '8.0.0-alpha.0', { 'GHSA-67hx-6x53-jw92': '8.0.0-alpha.4' }),
  row(undefined, 'npm', '@babel/traverse', '8.0.0-alpha.4'),
  row(undefined, 'npm', '@babel/traverse', '8.0.0'),
  row(undefined, 'npm', 'express', '5.0.0-alpha.1', { 'GHSA-rv95-896h-c2vc': '5.0.0-beta.3' }),
  row(undefined, 'npm', 'express', '5.0.0-beta.3'),
  row(undefined, 'npm', 'lodash-es', '4.17.20', { 'GHSA-35jh-r3h4-6jhm': '4.17.21' }),
  row(undefined, 'npm', 'ws', '2.0.0'),
  row(undefined, 'npm', 'ws', '5.2.4'),

  // PyPI: requests 2.28.x is matched by GHSA's range and by PYSEC's versions list (its GIT range cannot be evaluated).
  row(POETRY, 'PyPI', 'certifi', '2022.9.24', { 'GHSA-xqr8-7jwr-rhp7': '2023.07.22' }),
  row(POETRY, 'PyPI', 'idna', '3.4', { 'GHSA-jjg7-2v4v-x38h': '3.7' }),
  row(POETRY, 'PyPI', 'py', '1.11.0', { 'GHSA-w596-4wvx-j9j6': null }),
  row(POETRY, 'PyPI', 'requests', '2.28.1', REQUESTS),
  row(POETRY, 'PyPI', 'urllib3', '1.26.12', { 'GHSA-v845-jxx5-vc9f': '1.26.17' }),
  row(PIPENV, 'PyPI', 'black', '23.1.0', { 'GHSA-fj7x-q9j7-g6q6': '24.3.0' }),
  row(PIPENV, 'PyPI', 'certifi', '2022.12.7', { 'GHSA-xqr8-7jwr-rhp7': '2023.07.22' }),
  row(PIPENV, 'PyPI', 'jinja2', '3.1.2', { 'GHSA-h5c8-rqwp-cp95': '3.1.3' }),
  row(PIPENV, 'PyPI', 'requests', '2.28.2', REQUESTS),
  row(PIPENV, 'PyPI', 'urllib3', '1.26.14', { 'GHSA-v845-jxx5-vc9f': '1.26.17' }),
  row(PIP_COMPILE, 'PyPI', 'requests', '2.31.0'),
  row(PIP_COMPILE, 'PyPI', 'pip', '23.1.2', { 'GHSA-mq26-g339-26xf': '23.3' }),
  row(PIP_COMPILE, 'PyPI', 'certifi', '2023.5.7', { 'GHSA-xqr8-7jwr-rhp7': '2023.07.22' }),
  row(undefined, 'PyPI', 'certifi', '2015.4.28', { 'GHSA-xqr8-7jwr-rhp7': '2023.07.22' }),
  row(undefined, 'PyPI', 'certifi', '2015.4.27'),
  row(undefined, 'PyPI', 'certifi', '2023.7.22'),
  row(undefined, 'PyPI', 'py', '1.11.1'),
  row(undefined, 'PyPI', 'idna', '3.7rc1', { 'GHSA-jjg7-2v4v-x38h': '3.7' }),
  row(undefined, 'PyPI', 'Jinja2', '3.1.3'),
  row(undefined, 'PyPI', 'requests', '2.3.0', REQUESTS),
  row(undefined, 'PyPI', 'requests', '2.2.1'),
  row(undefined, 'PyPI', 'urllib3', '2.0.5', { 'GHSA-v845-jxx5-vc9f': '2.0.6' }),
  row(undefined, 'PyPI', 'urllib3', '2.0.6'),

  // Go: GitHub's ECOSYSTEM records and the Go database's SEMVER records for the same flaws.
  row(GO_2023, 'Go', 'golang.org/x/net', 'v0.14.0', X_NET),
  row(GO_2023, 'Go', 'google.golang.org/grpc', 'v1.53.0', { 'GHSA-m425-mq94-257g': '1.56.3', 'GHSA-qppj-fm5r-hxr3': '1.56.3', 'GO-2023-2153': '1.56.3' }),
  row(GO_2023, 'Go', 'google.golang.org/protobuf', 'v1.28.1', { 'GHSA-8r3f-844c-mc37': '1.33.0', 'GO-2024-2611': '1.33.0' }),
  row(GO_2024, 'Go', 'golang.org/x/net', 'v0.30.0'),
  row(GO_2024, 'Go', 'google.golang.org/grpc', 'v1.64.1'),
  row(GO_2024, 'Go', 'google.golang.org/protobuf', 'v1.34.2'),
  row(undefined, 'Go', 'golang.org/x/net', 'v0.0.0-20230905194823-8ba5d2b0b7ba', X_NET),
  row(undefined, 'Go', 'golang.org/x/net', 'v0.17.0'),
  row(undefined, 'Go', 'google.golang.org/grpc', 'v1.57.0', { 'GHSA-m425-mq94-257g': '1.57.1', 'GHSA-qppj-fm5r-hxr3': '1.57.1', 'GO-2023-2153': '1.57.1' }),
  row(undefined, 'Go', 'google.golang.org/grpc', 'v1.56.3'),
  row(undefined, 'Go', 'google.golang.org/grpc', 'v1.58.3'),
  row(undefined, 'Go', 'stdlib', 'go1.20.9', { 'GO-2023-2102': '1.20.10' }),
  row(undefined, 'Go', 'stdlib', 'go1.20.10'),
  row(undefined, 'Go', 'stdlib', 'go1.21rc2', { 'GO-2023-2102': '1.21.3' }),
  row(undefined, 'Go', 'stdlib', 'go1.21.2', { 'GO-2023-2102': '1.21.3' }),
  row(undefined, 'Go', 'stdlib', 'go1.21.3'),

  // crates.io
  row(CARGO_V1, 'crates.io', 'regex', '1.3.9', { 'GHSA-m5pq-gvj9-9vr8': '1.5.5' }),
  row(CARGO_V1, 'crates.io', 'crossbeam-utils', '0.7.2', { 'GHSA-qc84-gqf4-9926': '0.8.7' }),
  row(CARGO_V3, 'crates.io', 'regex', '1.11.1'),
  row(CARGO_V3, 'crates.io', 'crossbeam-utils', '0.8.21'),
  row(undefined, 'crates.io', 'regex', '1.5.5'),

  // Maven: ComparableVersion order, including protobuf's 4.x release-candidate bounds.
  row(GRADLE, 'Maven', 'org.apache.commons:commons-text', '1.9', { 'GHSA-599f-7c49-w659': '1.10.0' }),
  row(GRADLE, 'Maven', 'com.fasterxml.jackson.core:jackson-databind', '2.13.3', { 'GHSA-rgv9-q543-rqg4': '2.13.4' }),
  row(GRADLE, 'Maven', 'org.yaml:snakeyaml', '1.30', { 'GHSA-mjmj-j48q-9wg2': '2.0' }),
  row(GRADLE, 'Maven', 'com.google.guava:guava', '31.1-jre', { 'GHSA-7g45-4rm6-3mm3': '32.0.0' }),
  row(GRADLE_VERIFICATION, 'Maven', 'com.google.guava:guava', '18.0', { 'GHSA-7g45-4rm6-3mm3': '32.0.0' }),
  row(GRADLE_VERIFICATION, 'Maven', 'com.google.guava:guava', '32.0.1-jre'),
  row(GRADLE_VERIFICATION, 'Maven', 'com.google.guava:guava', '32.0.1-android'),
  row(GRADLE_VERIFICATION, 'Maven', 'com.google.protobuf:protobuf-java', '3.5.1', PROTOBUF_JAVA),
  row(GRADLE_VERIFICATION, 'Maven', 'com.google.protobuf:protobuf-java', '3.21.12', PROTOBUF_JAVA),
  row(GRADLE_VERIFICATION, 'Maven', 'com.google.protobuf:protobuf-java', '3.24.4', PROTOBUF_JAVA),
  row(GRADLE_VERIFICATION, 'Maven', 'com.google.protobuf:protobuf-java', '3.25.5'),
  row(GRADLE_VERIFICATION, 'Maven', 'com.google.protobuf:protobuf-kotlin', '3.24.4', PROTOBUF_JAVA),
  row(undefined, 'Maven', 'com.google.guava:guava', '32.0.0-jre'),
  row(undefined, 'Maven', 'org.apache.commons:commons-text', '1.4'),
  row(undefined, 'Maven', 'org.apache.commons:commons-text', '1.5', { 'GHSA-599f-7c49-w659': '1.10.0' }),
  row(undefined, 'Maven', 'org.apache.commons:commons-text', '1.10'),
  row(undefined, 'Maven', 'org.yaml:snakeyaml', '2.0'),
  row(undefined, 'Maven', 'com.google.protobuf:protobuf-java', '4.0.0-RC1', { 'GHSA-735f-pc8j-v9w8': '4.27.5' }),
  row(undefined, 'Maven', 'com.google.protobuf:protobuf-java', '4.27.5'),
  row(undefined, 'Maven', 'com.google.protobuf:protobuf-java', '4.28.0-RC1', { 'GHSA-735f-pc8j-v9w8': '4.28.2' }),
  row(undefined, 'Maven', 'com.google.protobuf:protobuf-java', '4.28.2'),

  // RubyGems: 4-part versions and `.rc.1` pre-releases.
  row(GEMS_2023, 'RubyGems', 'rack', '2.2.7', { 'GHSA-22f2-v57c-j9cx': '2.2.8.1' }),
  row(GEMS_2023, 'RubyGems', 'puma', '6.3.0', { 'GHSA-68xg-gqqm-vgj8': '6.3.1' }),
  row(GEMS_2023, 'RubyGems', 'rexml', '3.2.5', { 'GHSA-vg3r-rm7w-2xgh': '3.2.7' }),
  row(GEMS_2023, 'RubyGems', 'webrick', '1.8.1', { 'GHSA-6f62-3596-g6w7': '1.8.2' }),
  row(GEMS_2023, 'RubyGems', 'google-protobuf', '3.23.2', { 'GHSA-735f-pc8j-v9w8': '3.25.5' }),
  row(GEMS_2026, 'RubyGems', 'rack', '3.2.6'),
  row(GEMS_2026, 'RubyGems', 'puma', '8.0.2'),
  row(GEMS_2026, 'RubyGems', 'rexml', '3.4.4'),
  row(GEMS_2026, 'RubyGems', 'google-protobuf', '4.35.1'),
  row(undefined, 'RubyGems', 'rack', '2.2.8', { 'GHSA-22f2-v57c-j9cx': '2.2.8.1' }),
  row(undefined, 'RubyGems', 'rack', '2.2.8.1'),
  row(undefined, 'RubyGems', 'rack', '3.0.9', { 'GHSA-22f2-v57c-j9cx': '3.0.9.1' }),
  row(undefined, 'RubyGems', 'rack', '3.0.9.1'),
  row(undefined, 'RubyGems', 'rack', '0.3'),
  row(undefined, 'RubyGems', 'google-protobuf', '4.0.0.rc.0'),
  row(undefined, 'RubyGems', 'google-protobuf', '4.0.0.rc.1', { 'GHSA-735f-pc8j-v9w8': '4.27.5' }),
  row(undefined, 'RubyGems', 'google-protobuf', '4.28.0.rc.1', { 'GHSA-735f-pc8j-v9w8': '4.28.2' }),
  row(undefined, 'RubyGems', 'puma', '5.6.7'),

  // Packagist: lockfile versions with a "v" prefix, stability suffixes at the bounds.
  row(COMPOSER, 'Packagist', 'dompdf/dompdf', 'v2.0.1', { 'GHSA-3cw5-7cxw-v5qg': '2.0.2' }),
  row(COMPOSER, 'Packagist', 'guzzlehttp/psr7', '2.4.3', { 'GHSA-wxmh-65f7-jcvw': '2.4.5' }),
  row(COMPOSER, 'Packagist', 'symfony/http-kernel', 'v5.4.15', { 'GHSA-h7vf-5wrv-9fhv': '5.4.20' }),
  row(undefined, 'Packagist', 'dompdf/dompdf', 'v2.0.2'),
  row(undefined, 'Packagist', 'guzzlehttp/psr7', '2.4.5'),
  row(undefined, 'Packagist', 'guzzlehttp/psr7', '1.9.0', { 'GHSA-wxmh-65f7-jcvw': '1.9.1' }),
  row(undefined, 'Packagist', 'symfony/symfony', 'v6.2.5', { 'GHSA-h7vf-5wrv-9fhv': '6.2.6' }),
  row(undefined, 'Packagist', 'Symfony/Http-Kernel', 'v6.2.0-RC1'),
  row(undefined, 'Packagist', 'symfony/http-kernel', 'v6.2.6'),

  // NuGet: a `7.0.0-preview` bound compared case-insensitively, 4-part versions.
  row(NUGET_2023, 'NuGet', 'Microsoft.Data.SqlClient', '5.0.1', { 'GHSA-98g6-xh36-x2p7': '5.1.3' }),
  row(NUGET_2023, 'NuGet', 'Microsoft.IdentityModel.JsonWebTokens', '6.21.0', { 'GHSA-59j7-ghrg-fj52': '6.34.0' }),
  row(NUGET_2023, 'NuGet', 'System.IdentityModel.Tokens.Jwt', '6.21.0', { 'GHSA-59j7-ghrg-fj52': '6.34.0' }),
  row(NUGET_2026, 'NuGet', 'Microsoft.Data.SqlClient', '7.0.0'),
  row(NUGET_2026, 'NuGet', 'Microsoft.IdentityModel.JsonWebTokens', '8.16.0'),
  row(NUGET_2026, 'NuGet', 'System.IdentityModel.Tokens.Jwt', '8.16.0'),
  row(undefined, 'NuGet', 'microsoft.identitymodel.jsonwebtokens', '7.0.0-PREVIEW2', { 'GHSA-59j7-ghrg-fj52': '7.1.2' }),
  row(undefined, 'NuGet', 'Microsoft.IdentityModel.JsonWebTokens', '7.0.0-alpha'),
  row(undefined, 'NuGet', 'Microsoft.IdentityModel.JsonWebTokens', '6.34.0'),
  row(undefined, 'NuGet', 'System.Data.SqlClient', '4.8.5.1', { 'GHSA-98g6-xh36-x2p7': '4.8.6' }),
  row(undefined, 'NuGet', 'System.Data.SqlClient', '4.8.6.0'),
];

function loadRecords(): OsvRecord[] {
  const folder = new URL('osv/', FIXTURES);
  return readdirSync(folder)
    .filter((file) => file.endsWith('.json'))
    .map((file) => {
      const result = parseOsvJson(readFileSync(new URL(file, folder), 'utf8'), `osv/${file}`);
      if (!result.ok) throw new Error(`${file}: ${result.error.message}`);
      return result.record;
    });
}

const records = loadRecords();
const index = MatchIndex.build(records);
const describeRow = (r: Row): string => `${r.ecosystem} ${r.name} ${r.version}${r.lockfile ? ` (${r.lockfile})` : ''}`;

describe('matching the real advisories', () => {
  it('indexes the 44 records except the withdrawn one', () => {
    expect(records).toHaveLength(44);
    expect(index.size).toBe(43);
  });

  it.each(TABLE.filter((r) => r.lockfile).map((r) => [describeRow(r), r] as const))('%s is pinned by its lockfile', (_label, r) => {
    expect(lockfilePins(r.lockfile as string).has(`${r.name}@${r.version}`)).toBe(true);
  });

  it.each(TABLE.map((r) => [describeRow(r), r] as const))('%s', (_label, r) => {
    const { matches, unevaluated } = index.lookup({ ecosystem: r.ecosystem, name: r.name, version: r.version });
    // Every candidate range was evaluated: "not affected" is an answer, not a gap.
    expect(unevaluated).toEqual([]);
    const found = Object.fromEntries(matches.map((match) => [match.record.id, match.fixAbove ?? null]));
    expect(found).toEqual(r.expected);
    // The index and a plain scan of every record agree.
    const scanned = records.filter((record) => affects(record, r).affected).map((record) => record.id);
    expect(scanned.sort()).toEqual(Object.keys(r.expected).sort());
  });

  it('finds every record that is not withdrawn at least once in the table', () => {
    const matched = new Set(TABLE.flatMap((r) => Object.keys(r.expected)));
    const unmatched = records.filter((record) => record.withdrawn === undefined && !matched.has(record.id)).map((record) => record.id);
    expect(unmatched).toEqual([]);
  });

  it('never matches the withdrawn GHSA-27h2-hvpr-p74q, whose range covers jsonwebtoken 8.5.1', () => {
    const withdrawn = records.find((record) => record.id === 'GHSA-27h2-hvpr-p74q') as OsvRecord;
    expect(withdrawn.withdrawn).toBe('2023-01-27T21:51:55Z');
    expect(affects(withdrawn, { ecosystem: 'npm', name: 'jsonwebtoken', version: '8.5.1' }).affected).toBe(false);
  });

  it('reports how each match was made', () => {
    const [requestsGhsa, requestsPysec] = index.match({ ecosystem: 'PyPI', name: 'requests', version: '2.28.1' });
    expect(requestsGhsa?.result).toMatchObject({ matchedBy: 'range', range: { type: 'ECOSYSTEM', introduced: '2.3.0', fixed: '2.31.0' } });
    expect(requestsPysec?.result).toMatchObject({ matchedBy: 'versions' });
    const [stdlib] = index.match({ ecosystem: 'Go', name: 'stdlib', version: 'go1.21.2' });
    expect(stdlib?.result.range).toEqual({ type: 'SEMVER', introduced: '1.21.0-0', fixed: '1.21.3' });
    const [ip] = index.match({ ecosystem: 'npm', name: 'ip', version: '1.1.8' });
    expect(ip?.result.range).toEqual({ type: 'ECOSYSTEM', introduced: '0', last_affected: '1.1.8' });
    expect(index.match({ ecosystem: 'npm', name: 'qs', version: '6.5.2' })[0]?.result.fixedVersions).toEqual([
      '6.2.4', '6.3.3', '6.4.1', '6.5.3', '6.6.1', '6.7.3', '6.8.3', '6.9.7', '6.10.3',
    ]);
  });

  it('links the Go database records to GitHub\'s through their aliases', () => {
    const byId = new Map(records.map((record) => [record.id, record]));
    expect(byId.get('GO-2023-2102')?.aliases).toContain('GHSA-4374-p667-p6c8');
    expect(byId.get('GO-2023-2153')?.aliases).toContain('GHSA-m425-mq94-257g');
    expect(byId.get('GO-2024-2611')?.aliases).toContain('GHSA-8r3f-844c-mc37');
  });

  it('decides PYSEC-2023-74 by its versions list where its GIT range cannot be ordered', () => {
    const pysec = records.find((record) => record.id === 'PYSEC-2023-74') as OsvRecord;
    const gitOnly: OsvRecord = { ...pysec, affected: pysec.affected.map((entry) => ({ ...entry, ranges: entry.ranges.filter((r) => r.type === 'GIT') })) };
    expect(gitOnly.affected[0]?.versions).toHaveLength(66);
    expect(affects(gitOnly, { ecosystem: 'PyPI', name: 'requests', version: '2.28.1' })).toMatchObject({ affected: true, matchedBy: 'versions' });
    expect(affects(gitOnly, { ecosystem: 'PyPI', name: 'requests', version: '2.3.0' })).toMatchObject({ affected: true, matchedBy: 'versions' });
    expect(affects(gitOnly, { ecosystem: 'PyPI', name: 'requests', version: '2.31.0' })).toEqual({ affected: false, fixedVersions: [], unevaluated: [] });
    const withoutList: OsvRecord = { ...gitOnly, affected: gitOnly.affected.map((entry) => ({ ...entry, versions: [] })) };
    expect(affects(withoutList, { ecosystem: 'PyPI', name: 'requests', version: '2.28.1' }).unevaluated).toEqual([
      'GIT range of https://github.com/psf/requests: commits cannot be ordered without the repository, and no versions are listed',
    ]);
  });
});
