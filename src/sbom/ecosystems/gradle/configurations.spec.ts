import { describe, expect, it } from '@jest/globals';
import { classifyConfigurations } from './configurations.js';

describe('classifyConfigurations', () => {
  it.each([
    [['compileClasspath', 'runtimeClasspath', 'testRuntimeClasspath'], { development: false, scope: 'required' }],
    [['releaseRuntimeClasspath'], { development: false, scope: 'required' }],
    [['jvmRuntimeClasspath', 'jsCompileClasspath'], { development: false, scope: 'required' }],
    [['compile'], { development: false, scope: 'required' }],
    // compileOnly: on the compile class path only, not shipped.
    [['compileClasspath', 'testCompileClasspath'], { development: false, scope: 'optional' }],
    [['testCompileClasspath', 'testRuntimeClasspath'], { development: true, scope: 'optional' }],
    [['integrationTestRuntimeClasspath', 'debugUnitTestRuntimeClasspath', 'debugAndroidTestCompileClasspath'], { development: true, scope: 'optional' }],
    [['testFixturesRuntimeClasspath'], { development: true, scope: 'optional' }],
    [['jmh', 'jmhCompileClasspath', 'jmhRuntimeClasspath'], { development: true, scope: 'optional' }],
    [['annotationProcessor', 'testAnnotationProcessor'], { development: true, scope: 'optional' }],
    [['checkstyle', 'jacocoAgent', 'antlr4', 'modernizer'], { development: true, scope: 'optional' }],
    [['buildscript:classpath'], { development: true, scope: 'optional' }],
  ])('%j -> %j', (configurations, expected) => {
    expect(classifyConfigurations(configurations)).toEqual(expected);
  });
});
