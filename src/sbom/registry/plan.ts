import { PackageURL } from 'packageurl-js';
import { licenseFact } from '../licenses/normalize.js';
import type { ComponentNode, DependencyGraph, LicenseFact } from '../model/graph.js';
import { cargoRegistry } from './cargo.js';
import { composerRegistry } from './composer.js';
import { mavenRegistry } from './maven.js';
import { npmRegistry } from './npm.js';
import { nugetRegistry } from './nuget.js';
import { pypiRegistry } from './pypi.js';
import { rubygemsRegistry } from './rubygems.js';
import type { RegistryFacts, RegistryPackage, RegistrySpec } from './types.js';

/** Every registry client, by the purl type it serves. Go has none: its proxy serves modules, not licences. */
export const REGISTRIES: readonly RegistrySpec[] = [npmRegistry, pypiRegistry, cargoRegistry, rubygemsRegistry, composerRegistry, nugetRegistry, mavenRegistry];

export interface RegistryLookup {
  registry: RegistrySpec;
  pkg: RegistryPackage;
  /** Components this answer applies to (one package version may appear under several refs). */
  refs: string[];
}

/**
 * Which components need what: every library without a licence, and on npm
 * every library (its packument also says whether the version is deprecated and
 * when it was published, which the package policies read). Components whose
 * purl type has no registry client are left alone.
 */
export function planRegistryLookups(graph: DependencyGraph): RegistryLookup[] {
  const byKey = new Map<string, RegistryLookup>();
  for (const node of graph.components.values()) {
    if (node.type !== 'library' || !node.version) continue;
    const parsed = parsePurl(node.purl);
    if (!parsed) continue;
    const registry = REGISTRIES.find((candidate) => candidate.purlType === parsed.type);
    if (!registry) continue;
    if (node.licenses.length > 0 && registry !== npmRegistry) continue;
    const pkg: RegistryPackage = { ...(parsed.namespace ? { namespace: parsed.namespace } : {}), name: parsed.name, version: parsed.version ?? node.version };
    const key = `${registry.name}\u0000${pkg.namespace ?? ''}\u0000${pkg.name}\u0000${pkg.version}`;
    const lookup = byKey.get(key) ?? { registry, pkg, refs: [] };
    lookup.refs.push(node.ref);
    byKey.set(key, lookup);
  }
  return [...byKey.values()];
}

/**
 * Applies what a registry said to a component: its licences when it had
 * none (source `registry`), and the deprecation and release date properties.
 */
export function applyRegistryFacts(node: ComponentNode, facts: RegistryFacts): void {
  if (node.licenses.length === 0) {
    node.licenses = facts.licenses.map((text) => licenseFact(text, 'registry')).filter((fact): fact is LicenseFact => fact !== undefined);
  }
  if (facts.deprecated !== undefined) node.properties['chainward:deprecated'] = facts.deprecated;
  if (facts.releaseDate !== undefined) node.properties['chainward:release-date'] = facts.releaseDate;
}

function parsePurl(purl: string): PackageURL | undefined {
  try {
    return PackageURL.fromString(purl);
  } catch {
    return undefined;
  }
}
