import { PackageURL } from 'packageurl-js';

export const CARGO_PROPERTIES = {
  /** A crate built from the repository itself (workspace member or path dependency) that is not a project root here. */
  local: 'chainward:cargo:local',
  /** Index URL of a registry other than crates.io. */
  registry: 'chainward:cargo:registry',
  gitUrl: 'chainward:cargo:git-url',
  gitCommit: 'chainward:cargo:git-commit',
  /** `branch=…`, `tag=…` or `rev=…` as the manifest asked for it. */
  gitReference: 'chainward:cargo:git-reference',
  /** How the project roots declare a direct dependency: `normal`, `build`, `dev`, comma-separated. */
  dependencyKind: 'chainward:cargo:dependency-kind',
  /** The `[target.<cfg>]` tables that declare a direct dependency, when no untargeted table does. */
  target: 'chainward:cargo:target',
} as const;

/** Where a locked package comes from, read from its `source`. */
export type CargoSource =
  | { kind: 'local' }
  | { kind: 'crates.io' }
  | { kind: 'registry'; url: string }
  | { kind: 'git'; url: string; commit?: string; reference?: string }
  | { kind: 'other'; raw: string };

const SAFE = /^[A-Za-z0-9\-_.~]+$/;
const SAFE_VERSION = /^[A-Za-z0-9\-_.~+]+$/;
const CRATES_IO = new Set(['registry+https://github.com/rust-lang/crates.io-index', 'sparse+https://index.crates.io/']);

export function parseCargoSource(source: string | undefined): CargoSource {
  if (source === undefined) return { kind: 'local' };
  if (CRATES_IO.has(source)) return { kind: 'crates.io' };
  const plus = source.indexOf('+');
  const scheme = plus > 0 ? source.slice(0, plus) : '';
  const rest = source.slice(plus + 1);
  if (scheme === 'registry' || scheme === 'sparse') return { kind: 'registry', url: rest };
  if (scheme === 'git') {
    const hash = rest.indexOf('#');
    const withQuery = hash >= 0 ? rest.slice(0, hash) : rest;
    const question = withQuery.indexOf('?');
    const url = question >= 0 ? withQuery.slice(0, question) : withQuery;
    const commit = hash >= 0 ? rest.slice(hash + 1) : undefined;
    // v4 lockfiles percent-encode the query (branch names with `/` or `#`).
    const reference = question >= 0 ? safeDecode(withQuery.slice(question + 1)) : undefined;
    return { kind: 'git', url, ...(commit ? { commit } : {}), ...(reference ? { reference } : {}) };
  }
  return { kind: 'other', raw: source };
}

/**
 * `pkg:cargo/<name>@<version>`; a crate from git carries `vcs_url` (URL and commit) and one
 * from another registry `repository_url`, the purl-spec's qualifiers for both, so it is not
 * mistaken for the crates.io crate of the same name.
 */
export function cargoPurl(name: string, version: string, source: CargoSource): string {
  // Crate names and versions of URL-safe characters need no encoding: the purl is the text itself,
  // as packageurl-js writes it (a test holds the two equal).
  if ((source.kind === 'crates.io' || source.kind === 'local') && SAFE.test(name) && (version === '' || SAFE_VERSION.test(version))) {
    return `pkg:cargo/${name}${version ? `@${version}` : ''}`;
  }
  let qualifiers: Record<string, string> | undefined;
  if (source.kind === 'git') qualifiers = { vcs_url: `git+${source.url}${source.commit ? `@${source.commit}` : ''}` };
  else if (source.kind === 'registry') qualifiers = { repository_url: source.url };
  return new PackageURL('cargo', undefined, name, version || undefined, qualifiers, undefined).toString();
}

/** The facts of a source as component properties. */
export function sourceProperties(source: CargoSource): Record<string, string> {
  switch (source.kind) {
    case 'registry':
      return { [CARGO_PROPERTIES.registry]: source.url };
    case 'git':
      return {
        [CARGO_PROPERTIES.gitUrl]: source.url,
        ...(source.commit ? { [CARGO_PROPERTIES.gitCommit]: source.commit } : {}),
        ...(source.reference ? { [CARGO_PROPERTIES.gitReference]: source.reference } : {}),
      };
    case 'other':
      return { 'chainward:cargo:source': source.raw };
    default:
      return {};
  }
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
