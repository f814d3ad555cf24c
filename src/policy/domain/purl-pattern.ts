import { PackageURL } from 'packageurl-js';

/**
 * A package named by purl in a policy or waiver: type, namespace and name must
 * match (`*` in the name matches any run of characters, so
 * `pkg:npm/%40evil/*` names a whole npm scope); a version, when given, must
 * match exactly. Qualifiers and subpath are ignored.
 */
export interface PurlPattern {
  type: string;
  namespace?: string;
  name: string;
  version?: string;
  text: string;
}

export interface PackageCoordinates {
  type: string;
  namespace?: string;
  name: string;
  version?: string;
}

/** Parses a purl with packageurl-js (which applies each type's normalisation), or returns why it cannot. */
export function parsePurlPattern(text: string): PurlPattern | string {
  try {
    const purl = PackageURL.fromString(text);
    return { type: purl.type, namespace: purl.namespace ?? undefined, name: purl.name, version: purl.version ?? undefined, text };
  } catch (error) {
    return `is not a valid package URL (${(error as Error).message})`;
  }
}

const coordinateCache = new Map<string, PackageCoordinates | null>();

/** Coordinates of a component's purl, cached because the same purls are read by many rules. */
export function coordinatesOf(purl: string): PackageCoordinates | undefined {
  let cached = coordinateCache.get(purl);
  if (cached === undefined) {
    const parsed = parsePurlPattern(purl);
    cached = typeof parsed === 'string' ? null : parsed;
    if (coordinateCache.size > 500_000) coordinateCache.clear();
    coordinateCache.set(purl, cached);
  }
  return cached ?? undefined;
}

/** Lower-case purl type, read without a full parse (the scope check runs on every component). */
export function purlTypeOf(purl: string): string {
  const slash = purl.indexOf('/');
  return purl.startsWith('pkg:') && slash > 4 ? purl.slice(4, slash).toLowerCase() : '';
}

export function purlPatternMatches(pattern: PurlPattern, target: PackageCoordinates, options: { compareVersion: boolean }): boolean {
  if (pattern.type !== target.type) return false;
  if ((pattern.namespace ?? '') !== (target.namespace ?? '')) return false;
  if (!nameMatches(pattern.name, target.name)) return false;
  if (options.compareVersion && pattern.version !== undefined) return pattern.version === target.version;
  return true;
}

function nameMatches(pattern: string, name: string): boolean {
  if (!pattern.includes('*')) return pattern === name;
  const parts = pattern.split('*').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${parts.join('.*')}$`).test(name);
}
