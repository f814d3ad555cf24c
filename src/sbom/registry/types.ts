/** What a registry says of one package version that lockfiles do not. */
export interface RegistryFacts {
  /** Licence statements as the registry writes them (normalised later, like any licence text). */
  licenses: string[];
  /** Present when the version is deprecated (npm), abandoned (Packagist) or deprecated (NuGet): the registry's message. */
  deprecated?: string;
  /** ISO 8601 time the version was published. */
  releaseDate?: string;
}

/** A package version to look up, from its purl. */
export interface RegistryPackage {
  /** purl namespace (npm scope with @, Maven groupId, Packagist vendor). */
  namespace?: string;
  name: string;
  version: string;
}

/** The result of reading a (reduced) response: facts, nothing known, or another document to read first. */
export type RegistryAnswer = { facts: RegistryFacts } | { next: string } | { unknown: true };

/**
 * One registry client, pure: the URL to ask, how to shrink a response to
 * what is needed (that is what the cache keeps), and how to read facts from it.
 * The fetching, caching and error handling live in one shell for all of them.
 */
export interface RegistrySpec {
  /** Registry name as configured (`CHAINWARD_REGISTRY_<NAME>`). */
  name: 'npm' | 'pypi' | 'cargo' | 'rubygems' | 'composer' | 'nuget' | 'maven';
  /** The purl type it serves. */
  purlType: string;
  /** The public registry's base URL, with no trailing slash. */
  defaultBaseUrl: string;
  /** Where the documentation of the endpoint used is. */
  documentation: string;
  /** The URL of the document that describes `pkg` (one per name where the document covers every version). */
  url(baseUrl: string, pkg: RegistryPackage): string;
  accept: string;
  /** Keeps what `answer` reads; throws on a body it cannot read. */
  reduce(body: string): unknown;
  answer(reduced: unknown, pkg: RegistryPackage, baseUrl: string): RegistryAnswer;
}

export function record(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

export function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** An ISO 8601 instant, or undefined for text that is not a date (or NuGet's 1900 "unlisted" marker). */
export function isoDate(value: unknown): string | undefined {
  const raw = text(value);
  if (!raw) return undefined;
  const time = Date.parse(raw);
  if (Number.isNaN(time) || new Date(time).getUTCFullYear() < 1990) return undefined;
  return new Date(time).toISOString();
}
