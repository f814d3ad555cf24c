import path from 'node:path';
import { ChainwardError } from '../../common/errors.js';
import { licenseFact } from '../licenses/normalize.js';
import { isValidExpression } from '../licenses/to-spdx-expression.js';
import type { ComponentScope, HashFact, LicenseFact } from '../model/graph.js';
import {
  DEVELOPMENT_PROPERTY,
  DIRECT_PROPERTY,
  FILE_HASHES_PROPERTY,
  LICENSE_ORIGINAL_PROPERTY,
  LICENSE_SOURCE_PROPERTY,
  REPOSITORY_REF,
  SOURCE_FILE_PROPERTY,
} from '../cyclonedx/to-cyclonedx.js';
import { hashFact, ImportedGraphBuilder, type ImportedSbom } from './imported-graph.js';

/** CycloneDX versions read: the JSON format exists since 1.2; the XML one is read through the same shape. */
const SPEC_VERSIONS = ['1.2', '1.3', '1.4', '1.5', '1.6'];

/** Component properties kept: ours and CycloneDX's official taxonomy; tool-private ones stay in the stored document. */
const KEPT_PROPERTY = /^(?:chainward|cdx):/;

/** Properties our writer derives from graph facts: read back into those facts, not kept as properties (they would be written twice). */
const DERIVED_PROPERTIES = new Set([DIRECT_PROPERTY, DEVELOPMENT_PROPERTY, SOURCE_FILE_PROPERTY, FILE_HASHES_PROPERTY, LICENSE_SOURCE_PROPERTY, LICENSE_ORIGINAL_PROPERTY]);

/** Development-only flags as tools write them: ours, CycloneDX's npm and Composer taxonomies, Pipenv's. */
const DEVELOPMENT_FLAGS = [DEVELOPMENT_PROPERTY, 'cdx:npm:package:development', 'cdx:composer:package:isDevRequirement', 'cdx:pipenv:package:develop'];

/**
 * A CycloneDX document as JSON (or XML read into the JSON shape), from any
 * tool: metadata.component is the root, components (nested ones too) are the
 * packages, dependencies the edges. Read permissively: a field of the wrong
 * type is ignored, never a crash.
 */
export function fromCycloneDx(bom: Record<string, unknown>, file: string, format: 'cyclonedx-json' | 'cyclonedx-xml'): ImportedSbom {
  const specVersion = text(bom.specVersion) ?? '';
  if (!SPEC_VERSIONS.includes(specVersion)) {
    throw new ChainwardError({
      code: 'SBOM_IMPORT_UNSUPPORTED',
      category: 'bad-input',
      message: `CycloneDX specVersion ${JSON.stringify(bom.specVersion ?? null)} is not one Chainward reads (${SPEC_VERSIONS.join(', ')})`,
      location: { file },
    });
  }
  const builder = new ImportedGraphBuilder(file);
  const metadata = record(bom.metadata);
  const root = record(metadata.component);
  // Our own documents describe a repository of several projects with a synthetic root: its dependencies are the roots.
  const synthetic = text(root['bom-ref']) === REPOSITORY_REF && text(root.purl) === undefined;
  const rootRef = Object.keys(root).length > 0 && !synthetic ? addComponent(builder, root, true) : undefined;
  if (rootRef !== undefined) builder.addRoot(rootRef);
  const manifests = dependenciesOf(list(bom.dependencies), text(root['bom-ref']));
  for (const component of flatten(list(bom.components))) {
    // Trivy puts one application per lockfile or manifest (`pubspec.lock`, `core/go.mod`) between the scanned
    // directory and its packages, without a purl: each is a project root, as ours are.
    const manifest = text(component.type) === 'application' && text(component.purl) === undefined && manifests.has(text(component['bom-ref']) ?? '');
    const ref = addComponent(builder, component, manifest);
    if (manifest && ref !== undefined) builder.addRoot(ref);
  }

  for (const dependency of list(bom.dependencies)) {
    const from = text(dependency.ref);
    if (from === undefined) continue;
    // JSON: `dependsOn: [ref]`; XML: nested `<dependency ref>` elements.
    for (const target of list(dependency.dependsOn ?? dependency.dependency)) {
      const to = text(target.ref);
      if (to === undefined) continue;
      if (synthetic && from === REPOSITORY_REF) builder.addRoot(to);
      else builder.addEdge(from, to);
    }
  }
  const graph = builder.finish();
  return {
    graph,
    format,
    specVersion,
    name: documentName(text(root.name), file),
    tools: toolsOf(metadata.tools),
    serialNumber: text(bom.serialNumber),
  };
}

function addComponent(builder: ImportedGraphBuilder, component: Record<string, unknown>, root: boolean): string | undefined {
  const localId = text(component['bom-ref']) ?? text(component.purl) ?? `${text(component.group) ?? ''}/${text(component.name) ?? ''}@${text(component.version) ?? ''}`;
  const properties = propertiesOf(component.properties);
  const kept = Object.fromEntries(Object.entries(properties).filter(([name]) => KEPT_PROPERTY.test(name) && !DERIVED_PROPERTIES.has(name)));
  const direct = properties[DIRECT_PROPERTY];
  const ref = builder.add({
    localId,
    purl: text(component.purl),
    name: text(component.name) ?? 'unnamed',
    group: text(component.group) || undefined,
    version: text(component.version),
    application: root,
    scope: scopeOf(text(component.scope)),
    development: DEVELOPMENT_FLAGS.some((flag) => properties[flag] === 'true'),
    ...(direct === 'true' || direct === 'false' ? { direct: direct === 'true' } : {}),
    ...(properties[SOURCE_FILE_PROPERTY] !== undefined ? { sourceFile: properties[SOURCE_FILE_PROPERTY] } : {}),
    licenses: licensesOf(component.licenses, properties),
    hashes: [
      ...list(component.hashes).map((hash) => hashFact(text(hash.alg) ?? '', text(hash.content) ?? '')),
      // A package released as several files has one hash per file per algorithm; we write those as `alg:hex` pairs.
      ...(properties[FILE_HASHES_PROPERTY] ?? '').split(/\s+/).filter(Boolean).map((pair) => hashFact(pair.slice(0, pair.lastIndexOf(':')), pair.slice(pair.lastIndexOf(':') + 1))),
    ].filter((hash): hash is HashFact => hash !== undefined),
    properties: kept,
  });
  return ref === undefined ? undefined : localId;
}

/** What the root depends on, by bom-ref. */
function dependenciesOf(dependencies: Array<Record<string, unknown>>, rootRef: string | undefined): Set<string> {
  const entry = rootRef === undefined ? undefined : dependencies.find((dependency) => text(dependency.ref) === rootRef);
  return new Set(list(entry?.dependsOn ?? entry?.dependency).map((target) => text(target.ref) ?? ''));
}

/** The root's name, unless it is a path such as Trivy's `.` for the scanned directory: then the file's name. */
function documentName(rootName: string | undefined, file: string): string {
  if (rootName !== undefined && !/^[./\\]*$/.test(rootName)) return rootName;
  return path.basename(file).replace(/\..*$/, '') || 'unnamed';
}

function scopeOf(scope: string | undefined): ComponentScope | undefined {
  return scope === 'required' || scope === 'optional' || scope === 'excluded' ? scope : undefined;
}

/**
 * Licences as CycloneDX writes them: `{ license: { id | name } }` entries or
 * one `{ expression }`. Names are normalised like any licence text; the
 * source is this document, unless it is one of ours that recorded it.
 */
function licensesOf(value: unknown, componentProperties: Record<string, string>): LicenseFact[] {
  const facts: LicenseFact[] = [];
  for (const entry of list(value)) {
    const expression = text(entry.expression);
    if (expression !== undefined) {
      const source = sourceOf(componentProperties[LICENSE_SOURCE_PROPERTY]);
      const original = componentProperties[LICENSE_ORIGINAL_PROPERTY];
      if (isValidExpression(expression)) facts.push({ kind: 'expression', expression, source, ...(original ? { original } : {}) });
      else facts.push({ kind: 'named', name: expression, source });
      continue;
    }
    const license = record(entry.license);
    const properties = propertiesOf(license.properties);
    const source = sourceOf(properties[LICENSE_SOURCE_PROPERTY]);
    const id = text(license.id);
    const original = properties[LICENSE_ORIGINAL_PROPERTY];
    if (id !== undefined && isValidExpression(id)) {
      facts.push({ kind: 'expression', expression: id, source, ...(original ? { original } : {}) });
      continue;
    }
    const name = text(license.name) ?? id;
    const fact = name === undefined ? undefined : licenseFact(name, source);
    if (fact) facts.push(fact);
  }
  return facts;
}

function sourceOf(recorded: string | undefined): LicenseFact['source'] {
  const first = recorded?.split(',')[0];
  return first === 'lockfile' || first === 'manifest' || first === 'installed-package' || first === 'registry' ? first : 'sbom';
}

/** 1.4: `tools: [{ vendor, name, version }]`; 1.5+: `tools: { components: [...], services: [...] }`. */
function toolsOf(value: unknown): Array<{ name: string; version?: string }> {
  const entries = Array.isArray(value) ? value : [...list(record(value).components), ...list(record(value).services), ...list(record(value).tool)];
  return entries
    .map((entry) => record(entry))
    .filter((entry) => text(entry.name) !== undefined)
    .map((entry) => {
      const group = text(entry.group) ?? text(entry.vendor);
      const name = text(entry.name) as string;
      const version = text(entry.version);
      return { name: group && group.startsWith('@') ? `${group}/${name}` : name, ...(version ? { version } : {}) };
    });
}

function propertiesOf(value: unknown): Record<string, string> {
  const result: Record<string, string> = {};
  for (const property of list(value)) {
    const name = text(property.name);
    const propertyValue = text(property.value) ?? text(property['#text']);
    if (name !== undefined && propertyValue !== undefined && !(name in result)) result[name] = propertyValue;
  }
  return result;
}

/** Components nest (a library bundling others); every level is a package. */
function* flatten(components: Array<Record<string, unknown>>, depth = 0): Generator<Record<string, unknown>> {
  if (depth > 32) return;
  for (const component of components) {
    yield component;
    yield* flatten(list(component.components), depth + 1);
  }
}

function record(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function list(value: unknown): Array<Record<string, unknown>> {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]).map((entry) => (typeof entry === 'string' ? ({ ref: entry } as Record<string, unknown>) : record(entry)));
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() === '' ? undefined : value;
  if (typeof value === 'number') return String(value);
  return undefined;
}
