/**
 * The dependency graph back from the CycloneDX JSON a gate uploads, so a server can store the gate's SBOM
 * as a scan. It reads what Chainward writes (bom-refs, purls, scopes, `chainward:` properties,
 * `dependencies`); a general importer for other tools' SBOMs would take its place. The document is
 * untrusted: unexpected shapes are skipped, and sizes are bounded by the caller's body limit.
 */
import { ChainwardError } from '../common/errors.js';
import type { ComponentNode, DependencyGraph, HashFact, LicenseFact } from '../sbom/index.js';

const SYNTHETIC_ROOT = 'chainward:repository';
const MAX_COMPONENTS = 500_000;
const HASH_ALGORITHMS = new Set(['MD5', 'SHA-1', 'SHA-256', 'SHA-384', 'SHA-512']);
const LICENSE_SOURCES = new Set(['lockfile', 'manifest', 'installed-package', 'registry']);

type Json = Record<string, unknown>;

export function graphFromCycloneDx(document: Json): DependencyGraph {
  if (document.bomFormat !== 'CycloneDX') throw invalid('bomFormat is not "CycloneDX"');
  const metadata = asObject(document.metadata);
  const rootComponent = asObject(metadata?.component);
  const list = Array.isArray(document.components) ? document.components : [];
  if (list.length > MAX_COMPONENTS) throw invalid(`more than ${MAX_COMPONENTS} components`);

  const components = new Map<string, ComponentNode>();
  for (const raw of [rootComponent, ...list]) {
    const node = raw ? toNode(raw) : undefined;
    if (node && node.ref !== SYNTHETIC_ROOT && !components.has(node.ref)) components.set(node.ref, node);
  }
  const edges = new Map<string, Set<string>>();
  for (const entry of Array.isArray(document.dependencies) ? document.dependencies : []) {
    const dependency = asObject(entry);
    const from = typeof dependency?.ref === 'string' ? dependency.ref : undefined;
    if (!from || !Array.isArray(dependency?.dependsOn)) continue;
    const targets = dependency.dependsOn.filter((to): to is string => typeof to === 'string' && to !== from && components.has(to));
    if (targets.length > 0) edges.set(from, new Set(targets));
  }
  const rootRef = typeof rootComponent?.['bom-ref'] === 'string' ? rootComponent['bom-ref'] : undefined;
  const roots = rootRef === SYNTHETIC_ROOT ? [...(edges.get(SYNTHETIC_ROOT) ?? [])] : rootRef && components.has(rootRef) ? [rootRef] : [];
  edges.delete(SYNTHETIC_ROOT);
  const sources = [...new Set([...components.values()].map((node) => node.sourceFile).filter(Boolean))].sort();
  return { roots: roots.sort(), components, edges, sources, warnings: [] };
}

function toNode(component: Json): ComponentNode | undefined {
  const ref = component['bom-ref'];
  const name = component.name;
  if (typeof ref !== 'string' || typeof name !== 'string') return undefined;
  const properties: Record<string, string> = {};
  for (const property of Array.isArray(component.properties) ? component.properties : []) {
    const entry = asObject(property);
    if (typeof entry?.name === 'string' && typeof entry.value === 'string') properties[entry.name] = entry.value;
  }
  const purl = typeof component.purl === 'string' ? component.purl : '';
  const type = component.type === 'application' ? 'application' : 'library';
  const sourceFile = properties['chainward:source-file'] ?? '';
  const licenseSource = properties['chainward:license:source']?.split(',')[0] ?? 'lockfile';
  const direct = properties['chainward:dependency:direct'] === 'true';
  for (const derived of ['chainward:source-file', 'chainward:license:source', 'chainward:dependency:direct']) delete properties[derived];
  return {
    ref,
    ecosystem: /^pkg:([^/]+)\//.exec(purl)?.[1] ?? 'unknown',
    purl,
    ...(typeof component.group === 'string' ? { group: component.group } : {}),
    name,
    version: typeof component.version === 'string' ? component.version : '',
    type,
    scope: component.scope === 'optional' ? 'optional' : component.scope === 'excluded' ? 'excluded' : 'required',
    development: properties['cdx:npm:package:development'] === 'true',
    direct,
    licenses: licensesOf(component.licenses, (LICENSE_SOURCES.has(licenseSource) ? licenseSource : 'lockfile') as LicenseFact['source']),
    hashes: hashesOf(component.hashes),
    sourceFile,
    properties,
  };
}

function licensesOf(value: unknown, source: LicenseFact['source']): LicenseFact[] {
  const facts: LicenseFact[] = [];
  for (const choice of Array.isArray(value) ? value : []) {
    const entry = asObject(choice);
    if (typeof entry?.expression === 'string') facts.push({ kind: 'expression', expression: entry.expression, source });
    const license = asObject(entry?.license);
    if (typeof license?.id === 'string') facts.push({ kind: 'expression', expression: license.id, source });
    else if (typeof license?.name === 'string') facts.push({ kind: 'named', name: license.name, source });
  }
  return facts;
}

function hashesOf(value: unknown): HashFact[] {
  const hashes: HashFact[] = [];
  for (const hash of Array.isArray(value) ? value : []) {
    const entry = asObject(hash);
    if (typeof entry?.alg === 'string' && HASH_ALGORITHMS.has(entry.alg) && typeof entry.content === 'string') {
      hashes.push({ alg: entry.alg as HashFact['alg'], content: entry.content.toLowerCase() });
    }
  }
  return hashes;
}

function asObject(value: unknown): Json | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
}

function invalid(message: string): ChainwardError {
  return new ChainwardError({ code: 'GATE_SBOM_INVALID', category: 'bad-input', message: `the gate result's SBOM is not usable: ${message}` });
}
