import { PackageURL } from 'packageurl-js';
import type { HashAlgorithm, HashFact } from '../model/graph.js';

/** Splits `@scope/name` into the purl namespace (`@scope`) and name. */
export function splitNpmName(fullName: string): { group?: string; name: string } {
  if (fullName.startsWith('@')) {
    const slash = fullName.indexOf('/');
    if (slash > 1) return { group: fullName.slice(0, slash), name: fullName.slice(slash + 1) };
  }
  return { name: fullName };
}

/** `pkg:npm/%40scope/name@1.2.3`, encoded as the purl specification says. */
export function npmPurl(fullName: string, version: string): string {
  const { group, name } = splitNpmName(fullName);
  return new PackageURL('npm', group, name, version, undefined, undefined).toString();
}

const SRI_ALGORITHMS: Record<string, HashAlgorithm> = {
  sha1: 'SHA-1',
  sha256: 'SHA-256',
  sha384: 'SHA-384',
  sha512: 'SHA-512',
};

/**
 * Subresource-integrity strings (`sha512-<base64>`, possibly several separated
 * by spaces) as CycloneDX hashes in hex. Unknown algorithms are skipped.
 */
export function hashesFromIntegrity(integrity: string | undefined): HashFact[] {
  if (!integrity) return [];
  const hashes: HashFact[] = [];
  for (const token of integrity.trim().split(/\s+/)) {
    const dash = token.indexOf('-');
    if (dash <= 0) continue;
    const alg = SRI_ALGORITHMS[token.slice(0, dash).toLowerCase()];
    const base64 = token.slice(dash + 1).replace(/\?.*$/, '');
    if (!alg || !/^[A-Za-z0-9+/]+={0,2}$/.test(base64)) continue;
    const content = Buffer.from(base64, 'base64').toString('hex');
    if (content && !hashes.some((h) => h.alg === alg && h.content === content)) hashes.push({ alg, content });
  }
  return hashes;
}

/** Minimal view of a package.json, as the parsers need it. */
export interface PackageManifest {
  name?: string;
  version?: string;
  license?: unknown;
  licenses?: unknown;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  workspaces?: string[] | { packages?: string[] };
}

/** Workspace globs of a root package.json (`workspaces` as an array or as `{ packages }`). */
export function workspaceGlobs(manifest: PackageManifest): string[] {
  const value = manifest.workspaces;
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  if (value && Array.isArray(value.packages)) return value.packages.filter((v): v is string => typeof v === 'string');
  return [];
}
