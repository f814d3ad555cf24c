/**
 * OSV ecosystem names. An ecosystem string may carry a `:suffix` that scopes it
 * (`Debian:12`, `Ubuntu:22.04:LTS`, `Alpine:v3.18`); version ordering and name
 * rules come from the part before the first colon, while matching keeps the
 * whole string, because a Debian 12 advisory says nothing about Debian 11.
 */

/** The ecosystems whose versions Chainward can order (see `versions/`). */
export const ORDERED_ECOSYSTEMS = ['npm', 'crates.io', 'Go', 'PyPI', 'RubyGems', 'Maven', 'NuGet', 'Packagist'] as const;

export type OrderedEcosystem = (typeof ORDERED_ECOSYSTEMS)[number];

const BY_LOWER_CASE = new Map<string, OrderedEcosystem>(ORDERED_ECOSYSTEMS.map((name) => [name.toLowerCase(), name]));

export interface EcosystemParts {
  /** The ecosystem name before the first colon, in OSV's spelling when it is one we know. */
  base: string;
  /** What followed the first colon, if anything (`12` for `Debian:12`). */
  suffix?: string;
}

export function splitEcosystem(ecosystem: string): Readonly<EcosystemParts> {
  // Asked for every record and component matched; there are only a few dozen ecosystem spellings.
  let parts = split.get(ecosystem);
  if (!parts) {
    const colon = ecosystem.indexOf(':');
    const rawBase = colon === -1 ? ecosystem : ecosystem.slice(0, colon);
    const base = BY_LOWER_CASE.get(rawBase.toLowerCase()) ?? rawBase;
    parts = Object.freeze(colon === -1 ? { base } : { base, suffix: ecosystem.slice(colon + 1) });
    if (split.size < 1_000) split.set(ecosystem, parts);
  }
  return parts;
}

const split = new Map<string, Readonly<EcosystemParts>>();

/** `pypi` -> `PyPI`, `Debian:12` unchanged: the spelling used to key lookups. */
export function canonicalEcosystem(ecosystem: string): string {
  const { base, suffix } = splitEcosystem(ecosystem);
  return suffix === undefined ? base : `${base}:${suffix}`;
}

export function orderedEcosystem(ecosystem: string): OrderedEcosystem | undefined {
  return BY_LOWER_CASE.get(splitEcosystem(ecosystem).base.toLowerCase());
}
