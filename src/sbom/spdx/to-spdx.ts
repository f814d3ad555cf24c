import { createHash } from 'node:crypto';
import { isValidExpression } from '../licenses/to-spdx-expression.js';
import type { ComponentNode, DependencyGraph, HashAlgorithm, LicenseFact } from '../model/graph.js';
import type { SpdxDocument, SpdxExtractedLicense, SpdxPackage, SpdxRelationship } from './spdx-types.js';

export interface SpdxOptions {
  toolName: string;
  toolVersion: string;
  /** Document name when the graph has no single primary root (the scanned directory's name). */
  repositoryName: string;
  /** The moment the document describes (SPDX requires one). */
  created: Date;
  /** A UUID making the namespace unique: random per run, or derived from the content for a reproducible one. */
  namespaceId: string;
}

const NOASSERTION = 'NOASSERTION';

const CHECKSUM_ALGORITHMS: Record<HashAlgorithm, string> = { MD5: 'MD5', 'SHA-1': 'SHA1', 'SHA-256': 'SHA256', 'SHA-384': 'SHA384', 'SHA-512': 'SHA512' };

/**
 * The one mapper from our graph to an SPDX 2.3 document: one package per
 * component, DESCRIBES for the roots, DEPENDS_ON for dependencies and
 * DEV_DEPENDENCY_OF where a root needs a package only for development.
 * Every list is sorted, so the same graph gives the same bytes.
 */
export function toSpdx(graph: DependencyGraph, options: SpdxOptions): SpdxDocument {
  const ids = spdxIds(graph);
  const extracted = new Map<string, SpdxExtractedLicense>();
  const packages: SpdxPackage[] = [...graph.components.values()]
    .map((node) => toPackage(node, ids.get(node.ref) as string, extracted))
    .sort((a, b) => compare(a.SPDXID, b.SPDXID));

  const relationships: SpdxRelationship[] = [];
  for (const root of graph.roots) {
    const id = ids.get(root);
    if (id) relationships.push({ spdxElementId: 'SPDXRef-DOCUMENT', relationshipType: 'DESCRIBES', relatedSpdxElement: id });
  }
  for (const [from, targets] of graph.edges) {
    const source = graph.components.get(from);
    const fromId = ids.get(from);
    if (!source || !fromId) continue;
    for (const to of targets) {
      const target = graph.components.get(to);
      const toId = ids.get(to);
      if (!target || !toId) continue;
      // Only the edge where development use begins says so; below it, packages depend on each other as usual.
      relationships.push(
        source.type === 'application' && target.development
          ? { spdxElementId: toId, relationshipType: 'DEV_DEPENDENCY_OF', relatedSpdxElement: fromId }
          : { spdxElementId: fromId, relationshipType: 'DEPENDS_ON', relatedSpdxElement: toId },
      );
    }
  }
  relationships.sort((a, b) => compare(a.spdxElementId, b.spdxElementId) || compare(a.relationshipType, b.relationshipType) || compare(a.relatedSpdxElement, b.relatedSpdxElement));

  const name = documentName(graph, options.repositoryName);
  const document: SpdxDocument = {
    spdxVersion: 'SPDX-2.3',
    dataLicense: 'CC0-1.0',
    SPDXID: 'SPDXRef-DOCUMENT',
    name,
    documentNamespace: `https://spdx.org/spdxdocs/${options.toolName}/${encodeURIComponent(name)}-${options.namespaceId}`,
    creationInfo: {
      created: options.created.toISOString().replace(/\.\d{3}Z$/, 'Z'),
      creators: [`Tool: ${options.toolName}-${options.toolVersion}`],
    },
    packages,
    relationships,
  };
  if (extracted.size > 0) document.hasExtractedLicensingInfos = [...extracted.values()].sort((a, b) => compare(a.licenseId, b.licenseId));
  return document;
}

function toPackage(node: ComponentNode, id: string, extracted: Map<string, SpdxExtractedLicense>): SpdxPackage {
  const result: SpdxPackage = {
    SPDXID: id,
    name: node.group ? `${node.group}${node.purl.startsWith('pkg:maven/') ? ':' : '/'}${node.name}` : node.name,
    ...(node.version ? { versionInfo: node.version } : {}),
    downloadLocation: NOASSERTION,
    filesAnalyzed: false,
    licenseConcluded: NOASSERTION,
    licenseDeclared: declaredLicense(node.licenses, extracted),
    copyrightText: NOASSERTION,
    primaryPackagePurpose: node.type === 'application' ? 'APPLICATION' : 'LIBRARY',
    externalRefs: [{ referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: node.purl }],
  };
  const checksums = node.hashes
    .map((hash) => ({ algorithm: CHECKSUM_ALGORITHMS[hash.alg], checksumValue: hash.content }))
    .sort((a, b) => compare(a.algorithm, b.algorithm) || compare(a.checksumValue, b.checksumValue));
  if (checksums.length > 0) result.checksums = checksums;
  const comments = licenseComments(node.licenses);
  if (comments) result.licenseComments = comments;
  const released = node.properties['chainward:release-date'];
  if (released && !Number.isNaN(Date.parse(released))) result.releaseDate = new Date(released).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const deprecated = node.properties['chainward:deprecated'];
  if (deprecated !== undefined) result.comment = `Deprecated by its registry${deprecated ? `: ${deprecated}` : ''}`;
  return result;
}

/**
 * One declared expression per package. Several distinct statements (a legacy
 * `licenses` array, two sources that disagree) are joined with AND: the
 * document then claims no more freedom than every statement grants.
 */
function declaredLicense(facts: readonly LicenseFact[], extracted: Map<string, SpdxExtractedLicense>): string {
  const parts: string[] = [];
  for (const fact of facts) {
    let part: string;
    if (fact.kind === 'expression' && isValidExpression(fact.expression)) {
      part = fact.expression;
    } else {
      const text = fact.kind === 'named' ? fact.name : fact.expression;
      part = licenseRefFor(text);
      extracted.set(part, { licenseId: part, name: text, extractedText: text, comment: 'The licence as the package declares it; not an SPDX licence id.' });
    }
    if (!parts.includes(part)) parts.push(part);
  }
  if (parts.length === 0) return NOASSERTION;
  if (parts.length === 1) return parts[0];
  return parts.map((part) => (/\s/.test(part) ? `(${part})` : part)).join(' AND ');
}

function licenseComments(facts: readonly LicenseFact[]): string | undefined {
  const notes = facts.map((fact) =>
    fact.kind === 'expression' && fact.original !== undefined
      ? `"${fact.original}" (${fact.source}) read as ${fact.expression}`
      : `${fact.kind === 'named' ? fact.name : fact.expression} (${fact.source})`,
  );
  return notes.length > 0 ? `Declared licences, with where each was read: ${notes.join('; ')}.` : undefined;
}

/** `LicenseRef-` ids allow letters, digits, `.` and `-`; a digest suffix keeps two texts apart. */
function licenseRefFor(text: string): string {
  const slug = text.replace(/[^A-Za-z0-9.-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40);
  return `LicenseRef-${slug ? `${slug}-` : ''}${shortDigest(text)}`;
}

/** SPDX ids from refs: readable, restricted to the allowed characters, made unique with a digest of the ref. */
function spdxIds(graph: DependencyGraph): Map<string, string> {
  const ids = new Map<string, string>();
  for (const node of graph.components.values()) {
    const label = `${node.ecosystem}-${node.group ? `${node.group}-` : ''}${node.name}${node.version ? `-${node.version}` : ''}`;
    const slug = label.replace(/[^A-Za-z0-9.-]+/g, '-').replace(/-{2,}/g, '-').replace(/^-+|-+$/g, '').slice(0, 80);
    ids.set(node.ref, `SPDXRef-Package-${slug}-${shortDigest(node.ref)}`);
  }
  return ids;
}

function documentName(graph: DependencyGraph, repositoryName: string): string {
  const topLevel = graph.roots.map((ref) => graph.components.get(ref)).filter((node): node is ComponentNode => node !== undefined && !node.sourceFile.includes('/'));
  const primary = graph.roots.length === 1 ? graph.components.get(graph.roots[0]) : topLevel.length === 1 ? topLevel[0] : undefined;
  if (!primary) return repositoryName;
  return primary.version ? `${primary.name}@${primary.version}` : primary.name;
}

function shortDigest(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 12);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
