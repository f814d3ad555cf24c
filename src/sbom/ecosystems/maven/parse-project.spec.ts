import { describe, expect, it } from '@jest/globals';
import { component, dependency, libraries, pom, scanPoms, targets } from './__fixtures__/scan-poms.js';
import { parseMavenProject } from './parse-project.js';
import { errorOf as errorOfRun } from '../../../../test/support/errors.js';

const deps = (...entries: string[]): string => `<dependencies>${entries.join('')}</dependencies>`;
const managed = (...entries: string[]): string => `<dependencyManagement><dependencies>${entries.join('')}</dependencies></dependencyManagement>`;
const properties = (values: Record<string, string>): string =>
  `<properties>${Object.entries(values)
    .map(([name, value]) => `<${name}>${value}</${name}>`)
    .join('')}</properties>`;
const parent = (coordinates: string, relativePath?: string): string => {
  const [groupId, artifactId, version] = coordinates.split(':');
  const relative = relativePath === undefined ? '' : relativePath === '' ? '<relativePath/>' : `<relativePath>${relativePath}</relativePath>`;
  return `<parent><groupId>${groupId}</groupId><artifactId>${artifactId}</artifactId><version>${version}</version>${relative}</parent>`;
};
const modules = (...names: string[]): string => `<modules>${names.map((name) => `<module>${name}</module>`).join('')}</modules>`;

describe('Maven POMs', () => {
  it('interpolates properties: project coordinates, nested and inherited values, CI-friendly ${revision}', async () => {
    const graph = await scanPoms({
      'pom.xml': pom(
        'org.acme:acme-parent:${revision}',
        properties({ revision: '3.1.0', 'jackson.major': '2.13', 'jackson.version': '${jackson.major}.3' }) + modules('core'),
      ),
      'core/pom.xml': pom(
        ':core',
        parent('org.acme:acme-parent:${revision}') +
          properties({ 'jackson.major': '2.15' }) +
          deps(
            dependency('com.fasterxml.jackson.core:jackson-databind:${jackson.version}'),
            dependency('${project.groupId}:acme-api:${project.version}'),
            dependency('org.acme:tool:${version}'),
          ),
      ),
    });
    expect(graph.roots).toEqual(['pkg:maven/org.acme/acme-parent@3.1.0', 'pkg:maven/org.acme/core@3.1.0']);
    // The child's own jackson.major wins, and the parent's ${jackson.version} is interpolated in the child's context.
    expect(targets(graph, 'pkg:maven/org.acme/core@3.1.0')).toEqual([
      'pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.15.3',
      'pkg:maven/org.acme/acme-api@3.1.0',
      'pkg:maven/org.acme/tool@3.1.0',
    ]);
    expect(graph.warnings).toEqual([]);
  });

  it('never invents a version: missing, unresolved, ranged and LATEST versions are empty, with the declared text kept', async () => {
    const graph = await scanPoms({
      'pom.xml': pom(
        'org.acme:app:1.0',
        properties({ a: '${b}', b: '${a}' }) +
          deps(
            dependency('org.slf4j:slf4j-api'),
            dependency('com.google.guava:guava:${guava.version}'),
            dependency('commons-io:commons-io:[2.11.0,3.0)'),
            dependency('junit:junit:LATEST', '<scope>test</scope>'),
            dependency('org.cycle:loop:${a}'),
          ),
      ),
    });
    expect(component(graph, 'pkg:maven/org.slf4j/slf4j-api')).toMatchObject({ version: '', properties: { 'chainward:declared-only': 'true' } });
    expect(component(graph, 'pkg:maven/org.slf4j/slf4j-api').properties['chainward:version-constraint']).toBeUndefined();
    expect(component(graph, 'pkg:maven/com.google.guava/guava').properties).toMatchObject({ 'chainward:version-constraint': '${guava.version}' });
    expect(component(graph, 'pkg:maven/commons-io/commons-io')).toMatchObject({
      version: '',
      properties: { 'chainward:version-constraint': '[2.11.0,3.0)', 'chainward:unpinned': 'true', 'chainward:declared-only': 'true' },
    });
    expect(component(graph, 'pkg:maven/junit/junit').properties).toMatchObject({ 'chainward:version-constraint': 'LATEST', 'chainward:unpinned': 'true' });
    expect(component(graph, 'pkg:maven/org.cycle/loop').properties['chainward:version-constraint']).toBe('${a}');
    expect(graph.warnings).toEqual([{ file: 'pom.xml', message: 'property cycle: ${a} -> ${b} -> ${a}' }]);
    expect(libraries(graph).every((node) => node.version === '')).toBe(true);
  });

  it('applies dependencyManagement (own, then inherited, then imported BOMs in the repository) and names BOMs outside it', async () => {
    const graph = await scanPoms({
      'pom.xml': pom(
        'org.acme:parent:2.0',
        modules('bom', 'app') +
          managed(
            dependency('org.acme:acme-bom:${project.version}', '<type>pom</type><scope>import</scope>'),
            dependency('org.springframework.boot:spring-boot-dependencies:3.2.0', '<type>pom</type><scope>import</scope>'),
            dependency('org.slf4j:slf4j-api:2.0.9', '<scope>runtime</scope>'),
            dependency('junit:junit:4.13.2', '<scope>test</scope>'),
          ),
      ),
      'bom/pom.xml': pom(
        'org.acme:acme-bom:2.0',
        '<packaging>pom</packaging>' + properties({ 'netty.version': '4.1.100.Final' }) + managed(dependency('io.netty:netty-handler:${netty.version}'), dependency('org.slf4j:slf4j-api:1.7.36')),
      ),
      'app/pom.xml': pom(
        ':app',
        parent('org.acme:parent:2.0') +
          deps(
            dependency('org.slf4j:slf4j-api'),
            dependency('io.netty:netty-handler'),
            dependency('junit:junit'),
            dependency('junit:junit:4.12', '<classifier>sources</classifier>'),
            dependency('org.springframework:spring-web'),
          ),
      ),
    });
    const app = 'pkg:maven/org.acme/app@2.0';
    expect(targets(graph, app)).toEqual([
      'pkg:maven/io.netty/netty-handler@4.1.100.Final',
      'pkg:maven/junit/junit@4.12?classifier=sources',
      'pkg:maven/junit/junit@4.13.2',
      'pkg:maven/org.slf4j/slf4j-api@2.0.9',
      'pkg:maven/org.springframework/spring-web',
    ]);
    // Managed scope applies when the dependency states none.
    expect(component(graph, 'pkg:maven/org.slf4j/slf4j-api@2.0.9').properties['chainward:maven:scope']).toBe('runtime');
    expect(component(graph, 'pkg:maven/junit/junit@4.13.2')).toMatchObject({ development: true, scope: 'optional' });
    expect(component(graph, 'pkg:maven/org.springframework/spring-web').properties['chainward:maven:version-managed-outside']).toBe(
      'org.springframework.boot:spring-boot-dependencies:3.2.0',
    );
    expect(graph.sources).toEqual(['app/pom.xml', 'bom/pom.xml', 'pom.xml']);
  });

  it('finds a parent by relativePath or, failing that, by coordinates among the POMs it reads', async () => {
    const graph = await scanPoms({
      'pom.xml': pom('org.acme:aggregator:1', modules('parent', 'a', 'b')),
      'parent/pom.xml': pom('org.acme:acme-parent:5', properties({ 'lib.version': '1.2.3' }) + managed(dependency('org.lib:lib:${lib.version}'))),
      'a/pom.xml': pom(':a', parent('org.acme:acme-parent:5', '../parent') + deps(dependency('org.lib:lib'))),
      'b/pom.xml': pom(':b', parent('org.acme:acme-parent:5', '') + deps(dependency('org.lib:lib'))),
    });
    expect(targets(graph, 'pkg:maven/org.acme/a@5')).toEqual(['pkg:maven/org.lib/lib@1.2.3']);
    expect(targets(graph, 'pkg:maven/org.acme/b@5')).toEqual(['pkg:maven/org.lib/lib@1.2.3']);
    expect(component(graph, 'pkg:maven/org.acme/a@5').properties).toEqual({});
  });

  it('maps scopes and optional to required, optional and development, joining every declaration of an artifact', async () => {
    const graph = await scanPoms({
      'pom.xml': pom('org.acme:root:1', modules('a', 'b')),
      'a/pom.xml': pom(
        'org.acme:a:1',
        deps(
          dependency('javax.servlet:javax.servlet-api:4.0.1', '<scope>provided</scope>'),
          dependency('com.sun:tools:1.8', '<scope>system</scope><systemPath>${java.home}/../lib/tools.jar</systemPath>'),
          dependency('org.mockito:mockito-core:5.0.0', '<scope>test</scope>'),
          dependency('org.postgresql:postgresql:42.7.1', '<scope>runtime</scope>'),
          dependency('org.checkerframework:checker-qual:3.40.0', '<optional>true</optional>'),
          dependency('com.google.guava:guava:32.1.3-jre', '<scope>test</scope>'),
          dependency('org.acme:b:1', '<type>test-jar</type><scope>test</scope>'),
        ),
      ),
      'b/pom.xml': pom('org.acme:b:1', deps(dependency('com.google.guava:guava:32.1.3-jre'), dependency('org.acme:shared:1', '<type>test-jar</type><classifier>tests</classifier>'))),
    });
    const flags = (ref: string): unknown => {
      const node = component(graph, ref);
      return [node.scope, node.development, node.properties['chainward:maven:scope']];
    };
    expect(flags('pkg:maven/javax.servlet/javax.servlet-api@4.0.1')).toEqual(['optional', false, 'provided']);
    expect(flags('pkg:maven/com.sun/tools@1.8')).toEqual(['optional', false, 'system']);
    expect(flags('pkg:maven/org.mockito/mockito-core@5.0.0')).toEqual(['optional', true, 'test']);
    expect(flags('pkg:maven/org.postgresql/postgresql@42.7.1')).toEqual(['required', false, 'runtime']);
    expect(flags('pkg:maven/org.checkerframework/checker-qual@3.40.0')).toEqual(['optional', false, 'compile']);
    // Test-scoped in a, compile-scoped in b: required.
    expect(flags('pkg:maven/com.google.guava/guava@32.1.3-jre')).toEqual(['required', false, 'compile,test']);
    expect(component(graph, 'pkg:maven/org.acme/shared@1?classifier=tests&type=test-jar').direct).toBe(true);
    // A dependency on another module of the reactor is an edge between the two roots.
    expect(targets(graph, 'pkg:maven/org.acme/a@1')).toContain('pkg:maven/org.acme/b@1');
    expect(component(graph, 'pkg:maven/org.acme/b@1').type).toBe('application');
    expect(libraries(graph).every((node) => node.direct && node.properties['chainward:declared-only'] === 'true')).toBe(true);
  });

  it('scans a reactor once, from its top POM, and leaves test projects under src/ out', async () => {
    const files = {
      'pom.xml': pom('org.acme:top:1', modules('services', 'missing', '../outside') + deps(dependency('org.slf4j:slf4j-api:2.0.9'))),
      'services/pom.xml': pom('org.acme:services:1', modules('api')),
      'services/api/pom.xml': pom('org.acme:api:1', deps(dependency('com.google.guava:guava:33.0.0-jre'))),
      'services/api/src/it/simple/pom.xml': pom('org.acme.it:simple:1', deps(dependency('org.it:only-in-tests:1'))),
      'tools/pom.xml': pom('org.acme:tools:1', deps(dependency('info.picocli:picocli:4.7.5'))),
    };
    const graph = await scanPoms(files);
    expect(graph.roots).toEqual(['pkg:maven/org.acme/api@1', 'pkg:maven/org.acme/services@1', 'pkg:maven/org.acme/tools@1', 'pkg:maven/org.acme/top@1']);
    expect(graph.components.has('pkg:maven/org.it/only-in-tests@1')).toBe(false);
    expect(graph.warnings).toEqual([
      { file: 'pom.xml', message: 'module missing/pom.xml is listed but the file is not in the repository; left out' },
      { file: 'services/api/src/it/simple/pom.xml', message: 'inside src/ of the project services/api/pom.xml (test data or build output), not scanned as a project' },
    ]);
    // Each POM's own parse: the modules give nothing, the reactor's top gives them all.
    const parseAlone = (file: keyof typeof files, manifests: Array<keyof typeof files>) =>
      parseMavenProject({ lockfile: { path: file, text: files[file] }, manifests: manifests.map((name) => ({ path: name, text: files[name] })) });
    expect(parseAlone('services/api/pom.xml', ['pom.xml', 'services/pom.xml']).roots).toEqual([]);
    expect(parseAlone('pom.xml', ['services/pom.xml', 'services/api/pom.xml']).roots).toHaveLength(3);
  });

  it('reads the licences a POM or its parent declares, as manifest licences of the project', async () => {
    const graph = await scanPoms({
      'pom.xml': pom('org.acme:parent:1', modules('child') + '<licenses><license><name>Apache-2.0</name></license><license><name>Custom Licence 1.0</name></license></licenses>'),
      'child/pom.xml': pom(':child', parent('org.acme:parent:1')),
    });
    expect(component(graph, 'pkg:maven/org.acme/child@1').licenses).toEqual([
      { kind: 'expression', expression: 'Apache-2.0', source: 'manifest' },
      { kind: 'named', name: 'Custom Licence 1.0', source: 'manifest' },
    ]);
  });

  it('names the parent outside the repository on the project, and keeps its coordinates', async () => {
    const graph = await scanPoms({
      'pom.xml': pom(':app', parent('org.springframework.boot:spring-boot-starter-parent:3.2.0', '') + deps(dependency('org.springframework.boot:spring-boot-starter-web'))),
    });
    expect(component(graph, 'pkg:maven/org.springframework.boot/app@3.2.0')).toMatchObject({
      group: 'org.springframework.boot',
      name: 'app',
      version: '3.2.0',
      properties: { 'chainward:maven:parent': 'org.springframework.boot:spring-boot-starter-parent:3.2.0' },
    });
  });
});

describe('Maven POM bad input', () => {
  const parseOne = (text: string): unknown => parseMavenProject({ lockfile: { path: 'svc/pom.xml', text }, manifests: [] });
  const errorOf = (text: string) => errorOfRun(() => parseOne(text));

  it('refuses a DOCTYPE, so no entity can be declared or expanded', () => {
    const bomb = '<?xml version="1.0"?>\n<!DOCTYPE project [\n <!ENTITY a "aaaaaaaaaa">\n <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">\n]>\n<project><artifactId>&b;</artifactId></project>';
    const error = errorOf(bomb);
    expect(error.category).toBe('bad-input');
    expect(error.describe()).toBe('svc/pom.xml:2:1: Maven POM declares a DOCTYPE; document type declarations (and their entities) are refused');
  });

  it('reports a truncated POM at its end, naming the elements left open', () => {
    const full = pom('org.acme:app:1', deps(dependency('org.slf4j:slf4j-api:2.0.9')));
    const truncated = full.slice(0, full.indexOf('slf4j-api'));
    const error = errorOf(truncated);
    const lines = truncated.split('\n');
    expect(error.location).toEqual({ file: 'svc/pom.xml', line: lines.length, column: (lines.at(-1) as string).length + 1 });
    expect(error.message).toBe('malformed Maven POM: the file ends inside <project> <dependencies> <dependency> <artifactId>');
  });

  it('reports a mismatched tag at its line and column, and a document that is not a POM', () => {
    expect(errorOf('<project>\n  <groupId>a</artifactId>\n</project>').describe()).toBe(
      "svc/pom.xml:2:13: malformed Maven POM: Expected closing tag 'groupId' (opened in line 2, col 3) instead of closing tag 'artifactId'.",
    );
    expect(errorOf('<?xml version="1.0"?>\n<settings><x/></settings>').describe()).toBe('svc/pom.xml:2:1: not a Maven POM: the document element is <settings>, expected <project>');
    expect(errorOf(`<project>${'<a>'.repeat(150)}${'</a>'.repeat(150)}</project>`).message).toContain('Maximum nested tags exceeded');
  });
});
