import { PackageURL } from 'packageurl-js';
import type { HashAlgorithm, HashFact } from '../../model/graph.js';

/** PEP 503: runs of `-`, `_` and `.` are one `-`, and case does not matter. */
export function normalizePypiName(name: string): string {
  return name.replace(/[-_.]+/g, '-').toLowerCase();
}

/** A distribution name as PEP 508 allows it. */
const NAME = /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?$/;

export function isValidPypiName(name: string): boolean {
  return NAME.test(name);
}

/**
 * `pkg:pypi/<PEP 503 name>@<version>`. An empty version gives a purl without
 * one (a declared-only component); qualifiers say where a package not taken
 * from the default index came from (`vcs_url`, `download_url`, `repository_url`).
 */
export function pypiPurl(name: string, version: string, qualifiers?: Record<string, string>): string {
  const present = qualifiers && Object.keys(qualifiers).length > 0 ? qualifiers : undefined;
  return new PackageURL('pypi', undefined, normalizePypiName(name), version || undefined, present, undefined).toString();
}

const ALGORITHMS: Record<string, { alg: HashAlgorithm; hexLength: number }> = {
  md5: { alg: 'MD5', hexLength: 32 },
  sha1: { alg: 'SHA-1', hexLength: 40 },
  sha256: { alg: 'SHA-256', hexLength: 64 },
  sha384: { alg: 'SHA-384', hexLength: 96 },
  sha512: { alg: 'SHA-512', hexLength: 128 },
};

/** `sha256:<hex>` (the form pip, Poetry, Pipenv and uv all write) as a hash fact; undefined when malformed. */
export function parseHash(text: string, defaultAlgorithm?: string): HashFact | undefined {
  const colon = text.indexOf(':');
  const algorithm = (colon < 0 ? defaultAlgorithm : text.slice(0, colon))?.toLowerCase();
  const content = (colon < 0 ? text : text.slice(colon + 1)).toLowerCase();
  const known = algorithm === undefined ? undefined : ALGORITHMS[algorithm];
  if (!known || content.length !== known.hexLength || !/^[0-9a-f]+$/.test(content)) return undefined;
  return { alg: known.alg, content };
}

/** Adds hashes not yet in the list (a package can have a hundred wheels, so no pairwise search). */
export function addHashes(target: HashFact[], more: readonly HashFact[]): void {
  if (more.length === 0) return;
  const seen = new Set(target.map((h) => `${h.alg}:${h.content}`));
  for (const hash of more) {
    const key = `${hash.alg}:${hash.content}`;
    if (seen.has(key)) continue;
    seen.add(key);
    target.push(hash);
  }
}

/** The hashes of several `sha256:<hex>` texts, without repeats; malformed ones are left out. */
export function hashesFrom(texts: Iterable<string | undefined>): HashFact[] {
  const result: HashFact[] = [];
  const seen = new Set<string>();
  for (const text of texts) {
    if (text === undefined || seen.has(text)) continue;
    seen.add(text);
    const hash = parseHash(text);
    if (hash) result.push(hash);
  }
  return result;
}

/**
 * A URL with its credentials removed: index and VCS URLs often carry a token
 * (`https://<token>@host/...`, `https://user:password@host/...`) that must not
 * end up in an SBOM. The conventional `git@` user of SSH URLs is kept.
 */
export function redactUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)([^/@\s]*)@/i, (whole, scheme: string, userinfo: string) =>
    userinfo === 'git' ? whole : `${scheme}`,
  );
}

/** A full VCS commit id (SHA-1 or SHA-256): the only reference that cannot move. */
export function isCommitId(ref: string): boolean {
  return /^[0-9a-f]{40}$/i.test(ref) || /^[0-9a-f]{64}$/i.test(ref);
}

/** Name and version from a wheel file name (`name-1.0-py3-none-any.whl`), whose format fixes both. */
export function wheelNameAndVersion(fileName: string): { name: string; version: string } | undefined {
  const match = /^([A-Za-z0-9](?:[A-Za-z0-9._]*[A-Za-z0-9])?)-([^-]+)(?:-[^-]+)?-[^-]+-[^-]+-[^-]+\.whl$/.exec(fileName);
  return match ? { name: match[1], version: match[2] } : undefined;
}
