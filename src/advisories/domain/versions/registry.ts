/**
 * Which version ordering an OSV ecosystem uses. One entry per ordered ecosystem;
 * `Maven:…`-style suffixes take their base's ordering.
 */
import { orderedEcosystem, type OrderedEcosystem } from '../ecosystems.js';
import { cratesIoOrdering } from './crates-io.js';
import { goOrdering } from './go.js';
import { mavenOrdering } from './maven.js';
import { npmOrdering } from './npm.js';
import { nugetOrdering } from './nuget.js';
import { packagistOrdering } from './packagist.js';
import { pypiOrdering } from './pypi.js';
import { rubyGemsOrdering } from './rubygems.js';
import type { VersionOrdering } from './types.js';

export const ECOSYSTEM_ORDERINGS: Readonly<Record<OrderedEcosystem, VersionOrdering>> = {
  npm: npmOrdering,
  'crates.io': cratesIoOrdering,
  Go: goOrdering,
  PyPI: pypiOrdering,
  RubyGems: rubyGemsOrdering,
  Maven: mavenOrdering,
  NuGet: nugetOrdering,
  Packagist: packagistOrdering,
};

/** The ordering of an OSV ecosystem (`PyPI`, `Debian:12` -> `Debian`), or undefined when Chainward has none. */
export function ecosystemOrdering(osvEcosystem: string): VersionOrdering | undefined {
  // Matching asks this for every candidate advisory; the answer per spelling never changes.
  let ordering = resolved.get(osvEcosystem);
  if (ordering === undefined && !resolved.has(osvEcosystem)) {
    const known = orderedEcosystem(osvEcosystem);
    ordering = known === undefined ? undefined : ECOSYSTEM_ORDERINGS[known];
    if (resolved.size < 1_000) resolved.set(osvEcosystem, ordering);
  }
  return ordering;
}

const resolved = new Map<string, VersionOrdering | undefined>();
