import path from 'node:path';
import { ChainwardError } from '../../common/errors.js';
import { licenseFact } from '../licenses/normalize.js';
import { isValidExpression } from '../licenses/to-spdx-expression.js';
import type { DependencyGraph, HashFact, LicenseFact } from '../model/graph.js';
import { hashFact, ImportedGraphBuilder, type ImportedSbom } from './imported-graph.js';

const SPDX_VERSIONS = ['SPDX-2.2', 'SPDX-2.3'];

/**
 * Relationship types that are dependencies, and which way they point. `A
 * DEPENDS_ON B` reads from A; `A DEPENDENCY_OF B` (and the typed `*_OF`
 * forms) from B. `CONTAINS` is left out: Syft and Trivy use it for "this
 * directory or image holds that package", which says nothing of who needs it.
 */
const FORWARD = new Set(['DEPENDS_ON']);
const REVERSE = new Set(['DEPENDENCY_OF', 'RUNTIME_DEPENDENCY_OF', 'OPTIONAL_DEPENDENCY_OF', 'PROVIDED_DEPENDENCY_OF', 'DEV_DEPENDENCY_OF', 'BUILD_DEPENDENCY_OF', 'TEST_DEPENDENCY_OF']);
const DEVELOPMENT = new Set(['DEV_DEPENDENCY_OF', 'BUILD_DEPENDENCY_OF', 'TEST_DEPENDENCY_OF']);

/**
 * An SPDX 2.2 or 2.3 JSON document from any tool (Syft, Trivy, GitHub's
 * dependency graph, ours): packages with a purl external reference become
 * components; DESCRIBES (or documentDescribes) names the roots.
 */
export function fromSpdx(document: Record<string, unknown>, file: string): ImportedSbom {
  const version = text(document.spdxVersion);
  if (!version || !SPDX_VERSIONS.includes(version)) {
    throw new ChainwardError({
      code: 'SBOM_IMPORT_UNSUPPORTED',
      category: 'bad-input',
      message: `spdxVersion ${JSON.stringify(document.spdxVersion ?? null)} is not one Chainward reads (${SPDX_VERSIONS.join(', ')})`,
      location: { file },
    });
  }
  const extracted = new Map<string, string>();
  for (const info of list(document.hasExtractedLicensingInfos)) {
    const id = text(info.licenseId);
    const name = text(info.name) ?? text(info.extractedText);
    if (id && name) extracted.set(id, name);
  }

  const relationships = list(document.relationships);
  const described = new Set<string>(list(document.documentDescribes).map((entry) => text(entry.value) ?? '').filter(Boolean));
  for (const relationship of relationships) {
    if (text(relationship.relationshipType) === 'DESCRIBES' && text(relationship.spdxElementId) === text(document.SPDXID)) {
      const target = text(relationship.relatedSpdxElement);
      if (target) described.add(target);
    }
  }
  const developmentOnly = new Set<string>();
  for (const relationship of relationships) {
    const type = text(relationship.relationshipType) ?? '';
    const element = text(relationship.spdxElementId);
    if (DEVELOPMENT.has(type) && element) developmentOnly.add(element);
  }

  const builder = new ImportedGraphBuilder(file);
  for (const pkg of list(document.packages)) {
    const id = text(pkg.SPDXID);
    if (!id) continue;
    builder.add({
      localId: id,
      purl: purlOf(pkg),
      name: text(pkg.name) ?? 'unnamed',
      version: text(pkg.versionInfo),
      application: described.has(id),
      scope: developmentOnly.has(id) ? 'optional' : 'required',
      development: developmentOnly.has(id),
      licenses: licensesOf(pkg, extracted),
      hashes: list(pkg.checksums)
        .map((checksum) => hashFact(text(checksum.algorithm) ?? '', text(checksum.checksumValue) ?? ''))
        .filter((hash): hash is HashFact => hash !== undefined),
      properties: {},
    });
  }
  const dependsOn: Array<[string, string]> = [];
  const contains: Array<[string, string]> = [];
  for (const relationship of relationships) {
    const type = text(relationship.relationshipType) ?? '';
    const a = text(relationship.spdxElementId);
    const b = text(relationship.relatedSpdxElement);
    if (!a || !b) continue;
    if (FORWARD.has(type)) dependsOn.push([a, b]);
    else if (REVERSE.has(type)) dependsOn.push([b, a]);
    else if (type === 'CONTAINS') contains.push([a, b]);
  }
  for (const id of described) builder.addRoot(id);
  // Syft describes the scanned directory, which CONTAINS every package; the project itself is the package in it
  // that depends on others while nothing depends on it.
  const dependents = new Set(dependsOn.map(([, to]) => to));
  const dependers = new Set(dependsOn.map(([from]) => from));
  for (const [container, id] of contains) if (described.has(container) && dependers.has(id) && !dependents.has(id)) builder.addRoot(id);
  for (const [from, to] of dependsOn) builder.addEdge(from, to);
  const graph = builder.finish();
  if (developmentOnly.size > 0) markDevelopmentOnly(graph, new Set([...developmentOnly].map((id) => builder.refOf(id)).filter((ref): ref is string => ref !== undefined)));
  const creationInfo = record(document.creationInfo);
  // The described software's name: a root that is a real package (Syft's "." directory is not), else the document's.
  const root = graph.roots.map((ref) => graph.components.get(ref)).find((node) => node !== undefined && !node.purl.startsWith('pkg:generic/'));
  const documentName = text(document.name);
  return {
    graph,
    format: 'spdx-json',
    specVersion: version.replace(/^SPDX-/, ''),
    name: root ? (root.group ? `${root.group}/${root.name}` : root.name) : documentName && !/^[./\\]*$/.test(documentName) ? documentName : path.basename(file).replace(/\..*$/, '') || 'unnamed',
    tools: list(creationInfo.creators)
      .map((entry) => text(entry.value) ?? '')
      .filter((creator) => creator.startsWith('Tool:'))
      .map((creator) => toolOf(creator.slice('Tool:'.length).trim())),
    serialNumber: text(document.documentNamespace),
  };
}

/**
 * SPDX says "development dependency" only on the edge where development use
 * begins (a root's DEV_DEPENDENCY_OF); what is reachable from the roots
 * without passing through such an edge is needed at run time, the rest of
 * what the development dependencies pull in is development-only too.
 */
function markDevelopmentOnly(graph: DependencyGraph, developmentStarts: ReadonlySet<string>): void {
  const roots = new Set(graph.roots);
  const required = new Set<string>(graph.roots);
  const queue = [...graph.roots];
  for (let ref = queue.shift(); ref !== undefined; ref = queue.shift()) {
    for (const target of graph.edges.get(ref) ?? []) {
      if (required.has(target) || (roots.has(ref) && developmentStarts.has(target))) continue;
      required.add(target);
      queue.push(target);
    }
  }
  for (const node of graph.components.values()) {
    const development = !required.has(node.ref);
    node.development = development;
    node.scope = development ? 'optional' : 'required';
  }
}

/** `syft-1.36.0` -> syft 1.36.0; `GitHub.com-Dependency-Graph` has no version. */
function toolOf(text: string): { name: string; version?: string } {
  const match = /^(.+?)-(v?\d[\w.+-]*)$/.exec(text);
  return match ? { name: match[1], version: match[2] } : { name: text };
}

function purlOf(pkg: Record<string, unknown>): string | undefined {
  for (const ref of list(pkg.externalRefs)) {
    const category = (text(ref.referenceCategory) ?? '').replace('_', '-');
    if (text(ref.referenceType) === 'purl' && (category === 'PACKAGE-MANAGER' || category === '')) return text(ref.referenceLocator);
  }
  return undefined;
}

/** licenseDeclared, else licenseConcluded (GitHub and Syft fill only that one); NOASSERTION and NONE say nothing. */
function licensesOf(pkg: Record<string, unknown>, extracted: ReadonlyMap<string, string>): LicenseFact[] {
  const declared = [text(pkg.licenseDeclared), text(pkg.licenseConcluded)].find((value) => value !== undefined && value !== 'NOASSERTION' && value !== 'NONE');
  if (declared === undefined) return [];
  // A lone LicenseRef stands for text the document carries: keep that text, as we would have read it.
  const extractedName = extracted.get(declared);
  if (extractedName !== undefined) {
    const fact = licenseFact(extractedName, 'sbom');
    return fact ? [fact] : [];
  }
  if (isValidExpression(declared)) return [{ kind: 'expression', expression: declared, source: 'sbom' }];
  const fact = licenseFact(declared, 'sbom');
  return fact ? [fact] : [];
}

function record(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function list(value: unknown): Array<Record<string, unknown>> {
  if (!Array.isArray(value)) return [];
  return value.map((entry) => (typeof entry === 'string' ? { value: entry } : record(entry)));
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}
