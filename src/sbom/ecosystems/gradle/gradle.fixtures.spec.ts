import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import type { DependencyGraph } from '../../model/graph.js';
import { scanRepository } from '../../scan-repository.js';
import { scanGradle } from './__fixtures__/scan-gradle.js';
import { readVerificationHashes } from './read-verification-metadata.js';

const FIXTURES = new URL('../../../../test/fixtures/gradle/', import.meta.url);
const read = (file: string): string => readFileSync(new URL(file, FIXTURES), 'utf8');
const JABREF = read('jabref/gradle.lockfile');
const RETROFIT = read('retrofit/gradle/libs.versions.toml');
const GRAPHENEOS = read('grapheneos-auditor/gradle/verification-metadata.xml');

const libraries = (graph: DependencyGraph) => [...graph.components.values()].filter((node) => node.type === 'library');
const coordinates = (graph: DependencyGraph): Set<string> => new Set(libraries(graph).map((node) => `${node.group}:${node.name}:${node.version}`));

/** Independent reading: the `group:name:version` keys before `=`, without the `empty` line. */
function lockedCoordinates(text: string): Set<string> {
  return new Set([...text.matchAll(/^([^#\s=]+:[^\s=]+:[^\s=]+)=/gm)].map((match) => match[1] as string));
}

describe('Gradle fixtures (real files)', () => {
  it('JabRef gradle.lockfile: every locked module, hanging from the project, flagged by its configurations', async () => {
    const { graph } = await scanRepository(fileURLToPath(new URL('jabref', FIXTURES)));
    expect(coordinates(graph)).toEqual(lockedCoordinates(JABREF));
    expect(libraries(graph)).toHaveLength(199);
    expect(graph.roots).toEqual(['pkg:generic/unnamed']);
    // Gradle records no edges between modules: the project's edges are the only ones.
    expect([...graph.edges.keys()]).toEqual(['pkg:generic/unnamed']);
    expect(graph.edges.get('pkg:generic/unnamed')?.size).toBe(199);

    // Counted by a separate script over the same rule: 79 modules are only on test, benchmark or tool configurations.
    expect(libraries(graph).filter((node) => node.development)).toHaveLength(79);
    expect(libraries(graph).filter((node) => node.scope === 'required')).toHaveLength(120);
    expect(graph.components.get('pkg:maven/com.google.guava/guava@31.1-jre')).toMatchObject({
      scope: 'required',
      development: false,
      direct: false,
      hashes: [],
      properties: { 'chainward:gradle:configurations': 'checkstyle,compile,compileClasspath,jmhCompileClasspath,jmhRuntimeClasspath,runtimeClasspath,testCompileClasspath,testRuntimeClasspath' },
    });
    expect(graph.components.get('pkg:maven/com.google.code.findbugs/jsr305@3.0.2')).toMatchObject({ scope: 'optional', development: true });
    expect(graph.components.get('pkg:maven/org.xmlunit/xmlunit-core@2.9.0')).toMatchObject({ scope: 'optional', development: true });
    expect(graph.components.get('pkg:maven/com.github.sialcasa.mvvmFX/mvvmfx-validation@f195849ca9')).toMatchObject({ scope: 'required' });
    expect(graph.warnings).toEqual([]);
  });

  it('Retrofit version catalog alone: 53 declared libraries, versions as written', async () => {
    const { graph } = await scanRepository(fileURLToPath(new URL('retrofit', FIXTURES)));
    // Independent reading: one [libraries] entry per line between the section headers.
    const section = RETROFIT.split('[libraries]')[1] as string;
    const entries = section.split('\n').filter((line) => /^[A-Za-z][\w-]*\s*=/.test(line));
    expect(entries).toHaveLength(53);
    expect(libraries(graph)).toHaveLength(53);
    expect(graph.roots).toEqual(['pkg:generic/unnamed']);
    expect(graph.components.get('pkg:maven/com.squareup.okhttp3/okhttp@3.14.9')).toMatchObject({
      direct: true,
      development: false,
      properties: { 'chainward:declared-only': 'true', 'chainward:gradle:catalog-alias': 'okhttp-client' },
    });
    expect(graph.components.get('pkg:maven/com.google.errorprone/javac@9+181-r4173-1')?.version).toBe('9+181-r4173-1');
    expect(graph.components.get('pkg:maven/com.google.testing.compile/compile-testing@0.21.0')).toBeDefined();
    expect(graph.sources).toEqual(['gradle/libs.versions.toml']);
  });

  it('GrapheneOS verification metadata: checksums of each module main artifact', () => {
    const hashes = readVerificationHashes({ path: 'gradle/verification-metadata.xml', text: GRAPHENEOS });
    // 656 components; 327 verify a main .jar or .aar (the others only POMs, Gradle module files or sources).
    expect(hashes.size).toBe(327);
    expect(hashes.get('com.google.protobuf:protobuf-java:3.25.5')).toEqual([
      { alg: 'SHA-512', content: expect.stringMatching(/^[0-9a-f]{128}$/) as unknown as string },
    ]);
    expect(hashes.has('androidx.activity:activity:1.1.0')).toBe(false);
  });

  it('a lockfile beside a catalog and verification metadata: locked versions, catalog-declared modules direct, checksums added', async () => {
    const graph = await scanGradle({
      'gradle.lockfile': JABREF,
      'settings.gradle': "rootProject.name = 'jabref'\n",
      'gradle.properties': 'group=org.jabref\nversion=5.7\n',
      'gradle/libs.versions.toml': RETROFIT,
      'gradle/verification-metadata.xml': GRAPHENEOS,
    });
    expect(graph.roots).toEqual(['pkg:maven/org.jabref/jabref@5.7']);
    expect(coordinates(graph)).toEqual(lockedCoordinates(JABREF));
    // The catalog declares guava 33.3.1-jre; the lockfile's 31.1-jre is what the build resolves.
    expect(graph.components.has('pkg:maven/com.google.guava/guava@33.3.1-jre')).toBe(false);
    const direct = libraries(graph).filter((node) => node.direct);
    expect(direct.map((node) => `${node.group}:${node.name}`).sort()).toEqual([
      'com.fasterxml.jackson.core:jackson-databind',
      'com.google.code.findbugs:jsr305',
      'com.google.code.gson:gson',
      'com.google.guava:guava',
      'jakarta.xml.bind:jakarta.xml.bind-api',
      'junit:junit',
      'org.codehaus.mojo:animal-sniffer-annotations',
      'org.glassfish.jaxb:jaxb-runtime',
      'org.jsoup:jsoup',
      'org.scala-lang:scala-library',
    ]);
    expect(graph.components.get('pkg:maven/com.google.guava/guava@31.1-jre')?.properties['chainward:gradle:catalog-alias']).toBe('guava');
    expect(libraries(graph).filter((node) => node.hashes.length > 0).map((node) => node.purl)).toEqual([
      'pkg:maven/com.google.code.findbugs/jsr305@3.0.2',
      'pkg:maven/com.google.guava/failureaccess@1.0.1',
      'pkg:maven/com.google.guava/listenablefuture@9999.0-empty-to-avoid-conflict-with-guava',
      'pkg:maven/commons-logging/commons-logging@1.2',
      'pkg:maven/net.java.dev.jna/jna-platform@5.6.0',
      'pkg:maven/net.java.dev.jna/jna@5.6.0',
    ]);
    expect(graph.sources).toEqual(['gradle.lockfile', 'gradle/libs.versions.toml', 'gradle/verification-metadata.xml']);
  });
});
