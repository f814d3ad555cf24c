/**
 * Package names as lookup keys, and package URLs as OSV packages.
 *
 * A name is normalised only as far as the ecosystem's registry itself treats
 * spellings as the same package, so two keys are equal exactly when the registry
 * would serve the same package:
 * - PyPI: PEP 503 (lower case, runs of `-`, `_`, `.` become one `-`);
 * - crates.io: lower case, `_` read as `-` (crates.io refuses a new crate whose name
 *   differs from an existing one only in case or `-`/`_`, so the folded name is unique);
 * - NuGet and Packagist: lower case (both registries' ids are case-insensitive);
 * - npm, RubyGems, Go module paths and Maven `group:artifact`: as written (case-sensitive).
 */
import { PackageURL } from 'packageurl-js';
import { ChainwardError } from '../../common/errors.js';
import { canonicalEcosystem, splitEcosystem } from './ecosystems.js';

export function normalisePackageName(ecosystem: string, name: string): string {
  switch (splitEcosystem(ecosystem).base) {
    case 'PyPI':
      return name.toLowerCase().replace(/[-_.]+/g, '-');
    case 'crates.io':
      return name.toLowerCase().replace(/_/g, '-');
    case 'NuGet':
    case 'Packagist':
      return name.toLowerCase();
    default:
      return name;
  }
}

/** The key a package is indexed under: canonical ecosystem and normalised name. */
export function packageKey(ecosystem: string, name: string): string {
  return `${canonicalEcosystem(ecosystem)}\u0000${normalisePackageName(ecosystem, name)}`;
}

export interface OsvPackageVersion {
  ecosystem: string;
  name: string;
  /** Absent when the purl has no version. */
  version?: string;
}

/** purl type -> OSV ecosystem, and how the purl's namespace joins the name. */
const PURL_TYPES: Record<string, { ecosystem: string; join?: string }> = {
  npm: { ecosystem: 'npm', join: '/' },
  pypi: { ecosystem: 'PyPI' },
  golang: { ecosystem: 'Go', join: '/' },
  cargo: { ecosystem: 'crates.io' },
  maven: { ecosystem: 'Maven', join: ':' },
  gem: { ecosystem: 'RubyGems' },
  composer: { ecosystem: 'Packagist', join: '/' },
  nuget: { ecosystem: 'NuGet' },
};

/** The OSV ecosystem of a purl type (`golang` -> `Go`), or undefined for a type without one here. */
export function osvEcosystemOfPurlType(type: string): string | undefined {
  return PURL_TYPES[type]?.ecosystem;
}

/**
 * `pkg:npm/%40babel/traverse@7.23.0` -> `{ ecosystem: 'npm', name: '@babel/traverse', version: '7.23.0' }`.
 * Returns undefined for a purl type with no OSV ecosystem here; throws for text that is not a purl.
 */
export function purlToOsvPackage(purl: string): OsvPackageVersion | undefined {
  let parsed: PackageURL;
  try {
    parsed = PackageURL.fromString(purl);
  } catch (error) {
    throw new ChainwardError({
      code: 'ADVISORY_BAD_PURL',
      category: 'bad-input',
      message: `not a package URL: ${purl} (${(error as Error).message})`,
      cause: error,
    });
  }
  const mapping = PURL_TYPES[parsed.type];
  if (!mapping) return undefined;
  const name = parsed.namespace && mapping.join ? `${parsed.namespace}${mapping.join}${parsed.name}` : parsed.name;
  return {
    ecosystem: mapping.ecosystem,
    name,
    ...(parsed.version ? { version: parsed.version } : {}),
  };
}
