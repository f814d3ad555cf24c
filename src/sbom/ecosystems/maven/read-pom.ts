import { ChainwardError } from '../../../common/errors.js';
import { elementOf, elementsOf, isElement, parseXmlFile, textOf, type ParsedXml, type XmlElement } from '../../common/parse-xml.js';
import type { TextFile } from '../types.js';
import type { Pom, PomDependency } from './pom-model.js';

const ARRAYS = new Set(['dependency', 'module', 'license']);

/**
 * Reads the POM subset the scanner needs from a `pom.xml`. Permissive about
 * what it does not use (plugins, profiles, reporting are not looked at);
 * strict about XML itself: a syntax error, a DOCTYPE or a document element
 * other than `<project>` is bad input naming file, line and column.
 */
export function readPom(file: TextFile): Pom {
  const xml = parseXmlFile(file, { what: 'Maven POM', arrays: ARRAYS });
  if (xml.rootName !== 'project') {
    throw new ChainwardError({
      code: 'SBOM_MALFORMED_FILE',
      category: 'bad-input',
      message: `not a Maven POM: the document element is <${xml.rootName}>, expected <project>`,
      location: { file: file.path, ...xml.positionOf(xml.root) },
    });
  }
  const project = xml.root;
  const parentElement = elementOf(project, 'parent');
  const managed = elementOf(project, 'dependencyManagement');
  return {
    path: file.path,
    groupId: text(project, 'groupId'),
    artifactId: text(project, 'artifactId'),
    version: text(project, 'version'),
    packaging: text(project, 'packaging'),
    ...(parentElement
      ? {
          parent: {
            groupId: text(parentElement, 'groupId'),
            artifactId: text(parentElement, 'artifactId'),
            version: text(parentElement, 'version'),
            relativePath: text(parentElement, 'relativePath'),
            line: xml.positionOf(parentElement)?.line,
          },
        }
      : {}),
    properties: readProperties(project),
    dependencies: readDependencies(xml, project, file.path),
    managedDependencies: managed ? readDependencies(xml, managed, file.path) : [],
    modules: elementsOf(project, 'modules').flatMap((modules) => textList(modules.module)),
    licenses: elementsOf(project, 'licenses')
      .flatMap((licenses) => elementsOf(licenses, 'license'))
      .map((license) => text(license, 'name'))
      .filter((name): name is string => name !== undefined && name !== ''),
  };
}

function readDependencies(xml: ParsedXml, parent: XmlElement, declaredIn: string): PomDependency[] {
  return elementsOf(parent, 'dependencies')
    .flatMap((dependencies) => elementsOf(dependencies, 'dependency'))
    .map((dependency) => ({
      groupId: text(dependency, 'groupId'),
      artifactId: text(dependency, 'artifactId'),
      version: text(dependency, 'version'),
      type: text(dependency, 'type'),
      classifier: text(dependency, 'classifier'),
      scope: text(dependency, 'scope'),
      optional: text(dependency, 'optional'),
      declaredIn,
      line: xml.positionOf(dependency)?.line,
    }));
}

function readProperties(project: XmlElement): Map<string, string> {
  const properties = new Map<string, string>();
  const element = elementOf(project, 'properties');
  if (!element) return properties;
  for (const [name, value] of Object.entries(element)) {
    if (name === '#text') continue;
    // A property holding child elements has no text value Maven could substitute.
    const valueText = textOf(value);
    if (valueText !== undefined) properties.set(name, valueText);
  }
  return properties;
}

function text(element: XmlElement, name: string): string | undefined {
  return textOf(element[name]);
}

function textList(value: unknown): string[] {
  const values = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return values.filter((entry) => !isElement(entry)).map((entry) => textOf(entry) ?? '').filter((entry) => entry !== '');
}
