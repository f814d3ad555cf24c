import { createHash } from 'node:crypto';
// Sub-path imports: the package root also loads the validators (ajv), which an SBOM run never needs.
import * as Enums from '@cyclonedx/cyclonedx-library/Enums';
import * as Models from '@cyclonedx/cyclonedx-library/Models';
import * as SPDX from '@cyclonedx/cyclonedx-library/SPDX';
import type { ComponentNode, DependencyGraph, HashFact, LicenseFact } from '../model/graph.js';
import type { SbomVulnerability } from '../model/vulnerability.js';

export interface BomOptions {
  toolName: string;
  toolVersion: string;
  /** Name of the scanned directory, used when several projects share one repository. */
  repositoryName: string;
  /** Omit from the SBOM what only development needs (already filtered out of the graph). */
  reproducible: boolean;
  /** The moment the SBOM describes; undefined leaves the timestamp out. */
  timestamp?: Date;
  /** Known vulnerabilities of the components, for a `vulnerabilities` section (none: no section). */
  vulnerabilities?: readonly SbomVulnerability[];
}

/** Ref of the synthetic root used when a repository holds several independent projects. */
export const REPOSITORY_REF = 'chainward:repository';

/**
 * Component properties that carry graph facts CycloneDX has no field for, so a reader of our own documents
 * (the server storing a gate's SBOM) gets the same graph back: they are derived on writing, not kept as-is.
 */
export const DIRECT_PROPERTY = 'chainward:dependency:direct';
export const DEVELOPMENT_PROPERTY = 'chainward:dependency:development';
export const SOURCE_FILE_PROPERTY = 'chainward:source-file';
export const FILE_HASHES_PROPERTY = 'chainward:file-hashes';
/** On a vulnerability: listed on CISA's Known Exploited Vulnerabilities catalogue (`:cve`, `:date-added`, `:due-date` beside it). */
export const KNOWN_EXPLOITED_PROPERTY = 'chainward:known-exploited';

/**
 * The one mapper from our graph to the CycloneDX model. Serialisation (JSON,
 * XML, spec version) is separate, so one model serves every output.
 */
export function toCycloneDx(graph: DependencyGraph, options: BomOptions): Models.Bom {
  const bom = new Models.Bom();
  const components = new Map<string, Models.Component>();
  for (const node of graph.components.values()) components.set(node.ref, toComponent(node));

  const primary = primaryRoot(graph);
  let metadataComponent: Models.Component;
  if (primary) {
    metadataComponent = components.get(primary) as Models.Component;
  } else {
    metadataComponent = new Models.Component(Enums.ComponentType.Application, options.repositoryName, { bomRef: REPOSITORY_REF });
    for (const root of graph.roots) {
      const rootComponent = components.get(root);
      if (rootComponent) metadataComponent.dependencies.add(rootComponent.bomRef);
    }
  }
  for (const [ref, component] of components) {
    if (component !== metadataComponent) bom.components.add(component);
    for (const target of [...(graph.edges.get(ref) ?? [])].sort()) {
      const dependency = components.get(target);
      if (dependency) component.dependencies.add(dependency.bomRef);
    }
  }

  bom.metadata.component = metadataComponent;
  bom.metadata.tools.components.add(
    new Models.Component(Enums.ComponentType.Application, options.toolName, { version: options.toolVersion }),
  );
  bom.metadata.lifecycles.add(Enums.LifecyclePhase.PreBuild);
  bom.metadata.timestamp = options.timestamp;
  for (const vulnerability of options.vulnerabilities ?? []) bom.vulnerabilities.add(toVulnerability(vulnerability, components));
  return bom;
}

function toVulnerability(vulnerability: SbomVulnerability, components: ReadonlyMap<string, Models.Component>): Models.Vulnerability.Vulnerability {
  const result = new Models.Vulnerability.Vulnerability({
    bomRef: `vulnerability:${vulnerability.id}`,
    id: vulnerability.id,
    description: vulnerability.description,
    recommendation: vulnerability.recommendation,
  });
  for (const alias of [...vulnerability.aliases].sort()) result.references.add(new Models.Vulnerability.Reference(alias, new Models.Vulnerability.Source({ name: alias.split('-')[0] })));
  const rating = vulnerability.rating;
  if (rating) {
    result.ratings.add(
      new Models.Vulnerability.Rating({
        score: rating.score,
        severity: rating.severity as Enums.Vulnerability.Severity,
        method: rating.method as Enums.Vulnerability.RatingMethod | undefined,
        vector: rating.vector,
      }),
    );
  }
  const exploited = vulnerability.knownExploited;
  if (exploited) {
    // CycloneDX has no field for "exploited in the wild"; properties keep it machine-readable without bending `analysis`.
    result.properties.add(new Models.Property(KNOWN_EXPLOITED_PROPERTY, 'true'));
    result.properties.add(new Models.Property(`${KNOWN_EXPLOITED_PROPERTY}:cve`, exploited.cveID));
    result.properties.add(new Models.Property(`${KNOWN_EXPLOITED_PROPERTY}:date-added`, exploited.dateAdded));
    result.properties.add(new Models.Property(`${KNOWN_EXPLOITED_PROPERTY}:due-date`, exploited.dueDate));
  }
  for (const ref of [...vulnerability.affects].sort()) {
    const component = components.get(ref);
    if (component) result.affects.add(new Models.Vulnerability.Affect(component.bomRef));
  }
  return result;
}

/**
 * The serial number: random for a normal run, derived from the content for a
 * reproducible one, so the same input always gives the same document.
 */
export function serialNumberFor(contentDigestInput: string | undefined): string {
  if (contentDigestInput === undefined) return `urn:uuid:${crypto.randomUUID()}`;
  const hex = createHash('sha256').update(contentDigestInput).digest('hex');
  // Shaped as an RFC 4122 version-5-style UUID (version and variant bits set), as CycloneDX requires a UUID URN.
  const variant = ((parseInt(hex.slice(16, 18), 16) & 0x3f) | 0x80).toString(16).padStart(2, '0');
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(18, 20)}-${hex.slice(20, 32)}`;
}

/** The root to describe in metadata: the only root, or the one whose manifest is at the top of the repository. */
function primaryRoot(graph: DependencyGraph): string | undefined {
  if (graph.roots.length === 1) return graph.roots[0];
  const topLevel = graph.roots.filter((ref) => {
    const node = graph.components.get(ref);
    return node !== undefined && !node.sourceFile.includes('/');
  });
  return topLevel.length === 1 ? topLevel[0] : undefined;
}

function toComponent(node: ComponentNode): Models.Component {
  const component = new Models.Component(
    node.type === 'application' ? Enums.ComponentType.Application : Enums.ComponentType.Library,
    node.name,
    {
      bomRef: node.ref,
      group: node.group,
      version: node.version || undefined,
      purl: node.purl,
      scope: node.type === 'application' ? undefined : toScope(node.scope),
    },
  );
  const { single, multiple } = splitHashes(node.hashes);
  for (const hash of single) component.hashes.set(hash.alg as Enums.HashAlgorithm, hash.content);
  const properties: Record<string, string> = { ...node.properties };
  for (const license of toLicenses(node.licenses, properties)) component.licenses.add(license);
  if (node.type === 'library') properties[DIRECT_PROPERTY] = String(node.direct);
  // Ecosystems name development-only packages differently (npm, Composer, Pipenv), some not at all: one name for all.
  if (node.type === 'library' && node.development) properties[DEVELOPMENT_PROPERTY] = 'true';
  properties[SOURCE_FILE_PROPERTY] = node.sourceFile;
  const licenseSources = [...new Set(node.licenses.map((l) => l.source))];
  if (licenseSources.length > 0) properties[LICENSE_SOURCE_PROPERTY] = licenseSources.join(',');
  if (multiple.length > 0) properties[FILE_HASHES_PROPERTY] = multiple.map((h) => `${h.alg}:${h.content}`).join(' ');
  for (const [name, value] of Object.entries(properties)) component.properties.add(new Models.Property(name, value));
  return component;
}

/**
 * CycloneDX holds one value per hash algorithm. A package released as several files (a PyPI sdist
 * and its wheels) has one hash per file: none of them is "the" component's hash, so those go to a
 * property instead, and only an algorithm with a single value becomes a component hash.
 */
function splitHashes(hashes: readonly HashFact[]): { single: HashFact[]; multiple: HashFact[] } {
  const byAlg = new Map<string, HashFact[]>();
  for (const hash of hashes) {
    const group = byAlg.get(hash.alg) ?? [];
    if (!group.some((h) => h.content === hash.content)) group.push(hash);
    byAlg.set(hash.alg, group);
  }
  const single: HashFact[] = [];
  const multiple: HashFact[] = [];
  for (const group of byAlg.values()) (group.length === 1 ? single : multiple).push(...group);
  return { single, multiple };
}

function toScope(scope: ComponentNode['scope']): Enums.ComponentScope {
  switch (scope) {
    case 'required':
      return Enums.ComponentScope.Required;
    case 'optional':
      return Enums.ComponentScope.Optional;
    case 'excluded':
      return Enums.ComponentScope.Excluded;
  }
}

/** Per-licence properties: where the statement was read, and the text it was corrected from. */
export const LICENSE_SOURCE_PROPERTY = 'chainward:license:source';
export const LICENSE_ORIGINAL_PROPERTY = 'chainward:license:original';

/**
 * CycloneDX allows either a list of single licences or one expression. Single
 * SPDX ids and named licences go into the list, each with its source and
 * original text as licence properties; a compound expression is used alone
 * (the first one, when sources disagree), and since CycloneDX 1.6 gives an
 * expression no properties, its original text becomes a component property.
 */
function toLicenses(facts: LicenseFact[], properties: Record<string, string>): Models.License[] {
  const compound = facts.find((f) => f.kind === 'expression' && !SPDX.isSupportedSpdxId(f.expression));
  if (compound && compound.kind === 'expression') {
    const expression = new Models.LicenseExpression(compound.expression);
    expression.acknowledgement = Enums.LicenseAcknowledgement.Declared;
    if (compound.original !== undefined) properties[LICENSE_ORIGINAL_PROPERTY] = compound.original;
    return [expression];
  }
  const seen = new Set<string>();
  const licenses: Models.License[] = [];
  for (const fact of facts) {
    const key = fact.kind === 'expression' ? `id:${fact.expression}` : `name:${fact.name}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const licenseProperties = new Models.PropertyRepository([new Models.Property(LICENSE_SOURCE_PROPERTY, fact.source)]);
    if (fact.kind === 'expression' && fact.original !== undefined) licenseProperties.add(new Models.Property(LICENSE_ORIGINAL_PROPERTY, fact.original));
    const options = { acknowledgement: Enums.LicenseAcknowledgement.Declared, properties: licenseProperties };
    licenses.push(fact.kind === 'expression' ? new Models.SpdxLicense(fact.expression, options) : new Models.NamedLicense(fact.name, options));
  }
  return licenses;
}
