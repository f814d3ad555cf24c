/**
 * The purls the Maven and Gradle parsers write are the ones the advisory
 * matcher reads: real components of the fixtures against the real OSV records.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { matchComponents, MatchIndex, parseOsvJson, type OsvRecord } from '../../src/advisories/index.js';
import { scanRepository, type DependencyGraph } from '../../src/sbom/index.js';
import { FIXTURES } from '../support/cli.js';

function loadRecords(): OsvRecord[] {
  const folder = path.join(FIXTURES, 'advisories', 'osv');
  return readdirSync(folder)
    .filter((file) => file.endsWith('.json'))
    .map((file) => {
      const result = parseOsvJson(readFileSync(path.join(folder, file), 'utf8'), `osv/${file}`);
      if (!result.ok) throw new Error(`${file}: ${result.error.message}`);
      return result.record;
    });
}

const index = MatchIndex.build(loadRecords());
const findings = (graph: DependencyGraph): string[][] =>
  matchComponents(
    index,
    [...graph.components.values()].map((node) => ({ ref: node.ref, purl: node.purl })),
  ).map((finding) => [finding.purl, finding.advisoryId]);

const temporary: string[] = [];
afterAll(async () => {
  await Promise.all(temporary.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('advisories on JVM components', () => {
  it('matches the JabRef lockfile modules against the Maven advisories', async () => {
    const { graph } = await scanRepository(path.join(FIXTURES, 'gradle', 'jabref'));
    expect(findings(graph)).toEqual([
      ['pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.13.3', 'GHSA-rgv9-q543-rqg4'],
      ['pkg:maven/com.google.guava/guava@31.1-jre', 'GHSA-7g45-4rm6-3mm3'],
      ['pkg:maven/org.apache.commons/commons-text@1.9', 'GHSA-599f-7c49-w659'],
      ['pkg:maven/org.yaml/snakeyaml@1.30', 'GHSA-mjmj-j48q-9wg2'],
    ]);
  });

  it('matches a version a POM declares, and skips one it leaves to a parent outside the repository', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'chainward-maven-'));
    temporary.push(dir);
    await writeFile(
      path.join(dir, 'pom.xml'),
      `<project><modelVersion>4.0.0</modelVersion>
  <parent><groupId>org.example</groupId><artifactId>corporate-parent</artifactId><version>7</version><relativePath/></parent>
  <artifactId>app</artifactId>
  <properties><protobuf.version>3.21.12</protobuf.version></properties>
  <dependencies>
    <dependency><groupId>com.google.protobuf</groupId><artifactId>protobuf-java</artifactId><version>\${protobuf.version}</version></dependency>
    <dependency><groupId>com.google.guava</groupId><artifactId>guava</artifactId></dependency>
  </dependencies>
</project>`,
    );
    const { graph } = await scanRepository(dir);
    expect(graph.components.has('pkg:maven/com.google.guava/guava')).toBe(true);
    expect(findings(graph)).toEqual([['pkg:maven/com.google.protobuf/protobuf-java@3.21.12', 'GHSA-735f-pc8j-v9w8']]);
  });
});
