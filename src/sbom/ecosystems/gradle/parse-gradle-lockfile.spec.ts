import { describe, expect, it } from '@jest/globals';
import { parseGradleLockfile } from './parse-gradle-lockfile.js';
import { errorOf } from '../../../../test/support/errors.js';

const HEADER = '# This is a Gradle generated file for dependency locking.\n# Manual edits can break the build and are not advised.\n# This file is expected to be part of source control.\n';


describe('parseGradleLockfile', () => {
  it('reads coordinates with their configurations, and the empty ones', () => {
    const text = `${HEADER}com.google.guava:guava:31.1-jre=compileClasspath,runtimeClasspath\r\norg.junit:junit-bom:5.8.2=testRuntimeClasspath\nempty=annotationProcessor,testAnnotationProcessor\n`;
    expect(parseGradleLockfile({ path: 'gradle.lockfile', text }, false)).toEqual({
      modules: [
        { group: 'com.google.guava', name: 'guava', version: '31.1-jre', configurations: ['compileClasspath', 'runtimeClasspath'], line: 4 },
        { group: 'org.junit', name: 'junit-bom', version: '5.8.2', configurations: ['testRuntimeClasspath'], line: 5 },
      ],
      emptyConfigurations: ['annotationProcessor', 'testAnnotationProcessor'],
    });
  });

  it('reads a legacy per-configuration lockfile, named after its configuration', () => {
    const text = '# comment\ncom.squareup.okio:okio:1.17.2\norg.slf4j:slf4j-api:1.7.30\n';
    const parsed = parseGradleLockfile({ path: 'gradle/dependency-locks/runtimeClasspath.lockfile', text }, true);
    expect(parsed.modules.map((module) => [`${module.group}:${module.name}:${module.version}`, module.configurations])).toEqual([
      ['com.squareup.okio:okio:1.17.2', ['runtimeClasspath']],
      ['org.slf4j:slf4j-api:1.7.30', ['runtimeClasspath']],
    ]);
  });

  it('reports a truncated or edited line with its line and column', () => {
    const truncated = `${HEADER}com.google.guava:guava:31.1-jre=compileClasspath\ncom.google.gu`;
    expect(errorOf(() => parseGradleLockfile({ path: 'app/gradle.lockfile', text: truncated }, false)).describe()).toBe(
      'app/gradle.lockfile:5:1: malformed Gradle lockfile: expected group:name:version=configurations, found "com.google.gu"',
    );
    expect(errorOf(() => parseGradleLockfile({ path: 'gradle.lockfile', text: 'a:b:1=\n' }, false)).describe()).toBe('gradle.lockfile:1:7: malformed Gradle lockfile: a:b:1 is locked for no configuration');
    expect(errorOf(() => parseGradleLockfile({ path: 'gradle.lockfile', text: '  a:b=runtimeClasspath\n' }, false)).describe()).toBe(
      'gradle.lockfile:1:3: malformed Gradle lockfile: expected group:name:version before "=", found "a:b"',
    );
    expect(errorOf(() => parseGradleLockfile({ path: 'gradle.lockfile', text: 'a:b:1=runtime Classpath\n' }, false)).message).toBe(
      'malformed Gradle lockfile: "runtime Classpath" is not a configuration name',
    );
    expect(errorOf(() => parseGradleLockfile({ path: 'gradle/dependency-locks/x.lockfile', text: 'a:b:1=x\n' }, true)).location).toEqual({
      file: 'gradle/dependency-locks/x.lockfile',
      line: 1,
      column: 1,
    });
  });
});
