import { describe, expect, it } from '@jest/globals';
import { scanGradle } from './__fixtures__/scan-gradle.js';

const CATALOG = `[versions]
kotlin = "2.0.21"
[libraries]
okhttp = "com.squareup.okhttp3:okhttp:4.12.0"
kotlin-stdlib = { module = "org.jetbrains.kotlin:kotlin-stdlib", version.ref = "kotlin" }
bom-managed = { module = "io.netty:netty-handler" }
ranged = { module = "com.example:ranged", version = "[1.0,2.0)" }
[bundles]
network = ["okhttp", "kotlin-stdlib"]
[plugins]
kotlin-jvm = { id = "org.jetbrains.kotlin.jvm", version.ref = "kotlin" }
`;

describe('Gradle projects', () => {
  it('a catalog alone: declared libraries and plugins (as build tooling), never an invented version', async () => {
    const graph = await scanGradle({ 'gradle/libs.versions.toml': CATALOG, 'settings.gradle.kts': 'rootProject.name = "shop"\n' });
    expect(graph.roots).toEqual(['pkg:generic/shop']);
    expect([...(graph.edges.get('pkg:generic/shop') ?? [])].sort()).toEqual([
      'pkg:maven/com.example/ranged',
      'pkg:maven/com.squareup.okhttp3/okhttp@4.12.0',
      'pkg:maven/io.netty/netty-handler',
      'pkg:maven/org.jetbrains.kotlin.jvm/org.jetbrains.kotlin.jvm.gradle.plugin@2.0.21',
      'pkg:maven/org.jetbrains.kotlin/kotlin-stdlib@2.0.21',
    ]);
    expect(graph.components.get('pkg:maven/com.example/ranged')).toMatchObject({
      version: '',
      properties: { 'chainward:declared-only': 'true', 'chainward:version-constraint': '[1.0,2.0)', 'chainward:unpinned': 'true' },
    });
    expect(graph.components.get('pkg:maven/io.netty/netty-handler')?.version).toBe('');
    expect(graph.components.get('pkg:maven/org.jetbrains.kotlin/kotlin-stdlib@2.0.21')?.properties['chainward:gradle:bundles']).toBe('network');
    expect(graph.components.get('pkg:maven/org.jetbrains.kotlin.jvm/org.jetbrains.kotlin.jvm.gradle.plugin@2.0.21')).toMatchObject({
      development: true,
      scope: 'optional',
      properties: { 'chainward:gradle:plugin': 'org.jetbrains.kotlin.jvm', 'chainward:gradle:catalog-alias': 'kotlin-jvm' },
    });
  });

  it('a multi-project build: one root per project lockfile; the catalog only marks direct modules', async () => {
    const graph = await scanGradle({
      'settings.gradle': "rootProject.name = 'shop'\ninclude 'app', 'lib'\n",
      'gradle.properties': 'group = com.acme.shop\nversion = 1.4.0\n',
      'gradle/libs.versions.toml': CATALOG,
      'app/gradle.lockfile': 'com.squareup.okhttp3:okhttp:4.12.0=compileClasspath,runtimeClasspath\ncom.squareup.okio:okio:3.6.0=runtimeClasspath\nempty=\n',
      'app/buildscript-gradle.lockfile': 'org.jetbrains.kotlin:kotlin-gradle-plugin:2.0.21=classpath\ncom.squareup.okio:okio:3.6.0=classpath\n',
      'lib/gradle.lockfile': 'org.jetbrains.kotlin:kotlin-stdlib:2.0.21=compileClasspath,runtimeClasspath\njunit:junit:4.13.2=testRuntimeClasspath\n',
    });
    expect(graph.roots).toEqual(['pkg:maven/com.acme.shop/app@1.4.0', 'pkg:maven/com.acme.shop/lib@1.4.0']);
    // The catalog is not a project of its own when the build has lockfiles: no 2.0.21 plugin, no unversioned netty.
    expect([...graph.components.keys()].sort()).toEqual([
      'pkg:maven/com.acme.shop/app@1.4.0',
      'pkg:maven/com.acme.shop/lib@1.4.0',
      'pkg:maven/com.squareup.okhttp3/okhttp@4.12.0',
      'pkg:maven/com.squareup.okio/okio@3.6.0',
      'pkg:maven/junit/junit@4.13.2',
      'pkg:maven/org.jetbrains.kotlin/kotlin-gradle-plugin@2.0.21',
      'pkg:maven/org.jetbrains.kotlin/kotlin-stdlib@2.0.21',
    ]);
    expect(graph.components.get('pkg:maven/com.squareup.okhttp3/okhttp@4.12.0')).toMatchObject({ direct: true, development: false, scope: 'required' });
    expect(graph.components.get('pkg:maven/com.squareup.okio/okio@3.6.0')).toMatchObject({
      direct: false,
      development: false,
      properties: { 'chainward:gradle:configurations': 'buildscript:classpath,runtimeClasspath' },
    });
    expect(graph.components.get('pkg:maven/org.jetbrains.kotlin/kotlin-gradle-plugin@2.0.21')).toMatchObject({ development: true, scope: 'optional' });
    expect(graph.components.get('pkg:maven/junit/junit@4.13.2')).toMatchObject({ development: true, direct: false });
    expect(graph.sources).toEqual(['app/buildscript-gradle.lockfile', 'app/gradle.lockfile', 'gradle/libs.versions.toml', 'lib/gradle.lockfile']);
  });

  it('legacy per-configuration lockfiles are read together, one configuration per file', async () => {
    const graph = await scanGradle({
      'gradle/dependency-locks/compileClasspath.lockfile': '# header\ncom.google.guava:guava:28.0-jre\n',
      'gradle/dependency-locks/testRuntimeClasspath.lockfile': 'com.google.guava:guava:28.0-jre\njunit:junit:4.12\n',
      'gradle/dependency-locks/notes.txt': 'not a lockfile',
    });
    expect(graph.roots).toEqual(['pkg:generic/unnamed']);
    expect(graph.components.get('pkg:maven/com.google.guava/guava@28.0-jre')).toMatchObject({
      development: false,
      scope: 'optional',
      properties: { 'chainward:gradle:configurations': 'compileClasspath,testRuntimeClasspath' },
    });
    expect(graph.components.get('pkg:maven/junit/junit@4.12')).toMatchObject({ development: true });
    expect(graph.sources).toEqual(['gradle/dependency-locks/compileClasspath.lockfile', 'gradle/dependency-locks/testRuntimeClasspath.lockfile']);
  });
});
