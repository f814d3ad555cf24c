import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { scanRepository } from '../../scan-repository.js';
import { component, libraries, targets } from './__fixtures__/scan-poms.js';

const FIXTURES = fileURLToPath(new URL('../../../../test/fixtures/maven/', import.meta.url));

const MALL = 'pkg:maven/com.macro.mall/mall@1.0-SNAPSHOT';
const mallModule = (name: string): string => `pkg:maven/com.macro.mall/${name}@1.0-SNAPSHOT`;
const BOOT_PARENT = 'org.springframework.boot:spring-boot-starter-parent:2.7.5';

/*
 * Expected figures were counted independently of the parser, by a short
 * Python script over the POMs (xml.etree: the reactor from <modules>, each
 * module's own and inherited <dependencies>, versions from its own or
 * inherited <properties> and <dependencyManagement>, module links dropped).
 */
describe('Maven fixtures (real POMs)', () => {
  it('macrozheng/mall: a reactor of 8 POMs under an external Spring Boot parent', async () => {
    const { graph, lockfiles } = await scanRepository(`${FIXTURES}macrozheng-mall`);
    // Every POM is offered to the parser, but only the top one yields the reactor.
    expect(lockfiles).toHaveLength(8);
    expect(graph.roots).toEqual(['mall', 'mall-admin', 'mall-common', 'mall-demo', 'mall-mbg', 'mall-portal', 'mall-search', 'mall-security'].map(mallModule).sort());
    expect(graph.sources).toHaveLength(8);
    expect(graph.warnings).toEqual([]);

    const libs = libraries(graph);
    expect(libs).toHaveLength(27);
    // 13 have their version only in spring-boot-starter-parent (outside the repository): no version is invented.
    const unversioned = libs.filter((node) => node.version === '');
    expect(unversioned).toHaveLength(13);
    for (const node of unversioned) expect(node.properties['chainward:maven:version-managed-outside']).toBe(BOOT_PARENT);
    expect(libs.every((node) => node.direct && node.ecosystem === 'maven' && node.properties['chainward:declared-only'] === 'true')).toBe(true);

    // mall-admin: its 4 dependencies (2 are sibling modules, linked root to root) and the 7 it inherits from mall.
    expect(targets(graph, mallModule('mall-admin'))).toEqual([
      'pkg:maven/cn.hutool/hutool-all@5.8.9',
      'pkg:maven/com.aliyun.oss/aliyun-sdk-oss@2.5.0',
      mallModule('mall-mbg'),
      mallModule('mall-security'),
      'pkg:maven/io.minio/minio@8.4.5',
      'pkg:maven/javax.xml.bind/jaxb-api@2.3.1',
      'pkg:maven/org.projectlombok/lombok',
      'pkg:maven/org.springframework.boot/spring-boot-configuration-processor',
      'pkg:maven/org.springframework.boot/spring-boot-starter-actuator',
      'pkg:maven/org.springframework.boot/spring-boot-starter-aop',
      'pkg:maven/org.springframework.boot/spring-boot-starter-test',
    ]);
    expect(targets(graph, MALL)).toHaveLength(7);
    // Versions through properties of the parent: ${alipay-sdk.version} in mall-portal's management.
    expect(component(graph, 'pkg:maven/com.alipay.sdk/alipay-sdk-java@4.38.61.ALL')).toMatchObject({ scope: 'required', sourceFile: 'mall-portal/pom.xml' });
    expect(component(graph, 'pkg:maven/org.springframework.boot/spring-boot-starter-test')).toMatchObject({ scope: 'optional', development: true, sourceFile: 'pom.xml' });
    expect(component(graph, 'pkg:maven/org.springframework.boot/spring-boot-configuration-processor')).toMatchObject({ scope: 'optional', development: false });
    expect(libs.filter((node) => node.development).map((node) => node.name)).toEqual(['spring-boot-starter-test']);
    expect(component(graph, mallModule('mall-admin')).properties).toEqual({ 'chainward:maven:parent': BOOT_PARENT });
  });

  it('google/gson: parent with dependency management and licences, one module present of seven', async () => {
    const { graph } = await scanRepository(`${FIXTURES}gson`);
    const parent = 'pkg:maven/com.google.code.gson/gson-parent@2.14.1-SNAPSHOT';
    const gson = 'pkg:maven/com.google.code.gson/gson@2.14.1-SNAPSHOT';
    expect(graph.roots).toEqual([parent, gson]);
    expect(targets(graph, parent)).toEqual([]);
    expect(targets(graph, gson)).toEqual([
      'pkg:maven/com.google.errorprone/error_prone_annotations@2.50.0',
      'pkg:maven/com.google.guava/guava-testlib@33.6.0-jre',
      'pkg:maven/com.google.guava/guava@33.6.0-jre',
      'pkg:maven/com.google.truth/truth@1.4.5',
      'pkg:maven/junit/junit@4.13.2',
    ]);
    expect(libraries(graph).filter((node) => node.development)).toHaveLength(4);
    expect(component(graph, 'pkg:maven/com.google.errorprone/error_prone_annotations@2.50.0')).toMatchObject({ scope: 'required', development: false });
    // junit's version comes from the parent's <dependencyManagement>.
    expect(component(graph, 'pkg:maven/junit/junit@4.13.2').properties['chainward:maven:scope']).toBe('test');
    expect(component(graph, gson).licenses).toEqual([{ kind: 'expression', expression: 'Apache-2.0', source: 'manifest' }]);
    expect(graph.warnings.map((warning) => warning.message)).toEqual(
      ['test-jpms', 'test-graal-native-image', 'test-shrinker', 'extras', 'metrics', 'proto'].map((name) => `module ${name}/pom.xml is listed but the file is not in the repository; left out`),
    );
  });
});
