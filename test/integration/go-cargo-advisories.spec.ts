/**
 * The purls the Go and Cargo parsers write are the ones the advisory matcher reads: scanning the real
 * cli/cli and ripgrep fixtures and matching the components against the real OSV records finds the
 * advisories the shared fixture notes list for them (x/net, grpc and protobuf in gh-cli-2023; regex and
 * crossbeam-utils in ripgrep v1), and none for the later lockfiles of the same projects.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { matchComponents, MatchIndex, parseOsvJson, type OsvRecord } from '../../src/advisories/index.js';
import { scanRepository } from '../../src/sbom/index.js';
import { FIXTURES } from '../support/cli.js';

const OSV = path.join(FIXTURES, 'advisories', 'osv');

function advisoryIndex(): MatchIndex {
  const records: OsvRecord[] = [];
  for (const file of readdirSync(OSV).filter((f) => f.endsWith('.json'))) {
    const parsed = parseOsvJson(readFileSync(path.join(OSV, file), 'utf8'), file);
    if (!parsed.ok) throw new Error(`${file}: ${parsed.error.message}`);
    records.push(parsed.record);
  }
  return MatchIndex.build(records);
}

async function findings(fixture: string): Promise<string[]> {
  const { graph } = await scanRepository(path.join(FIXTURES, fixture));
  const components = [...graph.components.values()].map((c) => ({ ref: c.ref, purl: c.purl }));
  return matchComponents(advisoryIndex(), components).map((f) => `${f.purl} ${f.advisoryId} fixed:${f.fixedVersions.join(',')}`);
}

describe('advisory matching on Go and Cargo components', () => {
  it('gh-cli-2023 (go.mod): x/net, grpc and protobuf match their GitHub and Go-database records', async () => {
    expect(await findings('gomod/gh-cli-2023')).toEqual([
      'pkg:golang/golang.org/x/net@v0.14.0 GHSA-4374-p667-p6c8 fixed:0.17.0',
      'pkg:golang/golang.org/x/net@v0.14.0 GHSA-qppj-fm5r-hxr3 fixed:0.17.0',
      'pkg:golang/golang.org/x/net@v0.14.0 GO-2023-2102 fixed:0.17.0',
      'pkg:golang/google.golang.org/grpc@v1.53.0 GHSA-m425-mq94-257g fixed:1.56.3,1.57.1,1.58.3',
      'pkg:golang/google.golang.org/grpc@v1.53.0 GHSA-qppj-fm5r-hxr3 fixed:1.56.3,1.57.1,1.58.3',
      'pkg:golang/google.golang.org/grpc@v1.53.0 GO-2023-2153 fixed:1.56.3,1.57.1,1.58.3',
      'pkg:golang/google.golang.org/protobuf@v1.28.1 GHSA-8r3f-844c-mc37 fixed:1.33.0',
      'pkg:golang/google.golang.org/protobuf@v1.28.1 GO-2024-2611 fixed:1.33.0',
    ]);
    expect(await findings('gomod/gh-cli-2024')).toEqual([]);
  });

  it('ripgrep v1 (Cargo.lock): regex 1.3.9 and crossbeam-utils 0.7.2 match their crates.io records', async () => {
    expect(await findings('cargo/ripgrep-cargo-lock-v1')).toEqual([
      'pkg:cargo/crossbeam-utils@0.7.2 GHSA-qc84-gqf4-9926 fixed:0.8.7',
      'pkg:cargo/regex@1.3.9 GHSA-m5pq-gvj9-9vr8 fixed:1.5.5',
    ]);
    expect(await findings('cargo/ripgrep-cargo-lock-v3')).toEqual([]);
  });
});
