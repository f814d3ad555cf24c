/**
 * pnpm's package keys ("dependency paths") in the three lockfile generations:
 *   5.x  `/name/1.0.0_peer@2.0.0`    (peers after `_`)
 *   6.x  `/name@1.0.0(peer@2.0.0)`   (peers in parentheses)
 *   9.x  `name@1.0.0(peer@2.0.0)`    (no leading slash)
 */

export type PnpmGeneration = 5 | 6 | 9;

export interface NameAndVersion {
  name: string;
  version: string;
}

/** `/name/version` then the 5.x suffix; names may hold `_` (`string_decoder`), versions may not. */
const V5_KEY = /^(\/?)((?:@[^/]+\/)?[^/]+)\/([^/_]+)(_.*)?$/;

/** The key without its peer (and patch-hash) suffix: `/a@1.0.0(b@2.0.0)` -> `/a@1.0.0`. */
export function withoutPeerSuffix(key: string, generation: PnpmGeneration): string {
  if (generation === 5) {
    const match = V5_KEY.exec(key);
    return match ? `${match[1]}${match[2]}/${match[3]}` : key;
  }
  const open = key.indexOf('(');
  return open < 0 ? key : key.slice(0, open);
}

/** Name and version a registry key encodes; undefined for keys that are not `name@version` (tarballs, git). */
export function parseDepPath(key: string, generation: PnpmGeneration): NameAndVersion | undefined {
  if (generation === 5) {
    const match = V5_KEY.exec(key);
    return match ? { name: match[2], version: match[3] } : undefined;
  }
  const plain = withoutPeerSuffix(key, generation).replace(/^\//, '');
  const at = plain.indexOf('@', plain.startsWith('@') ? 1 : 0);
  if (at <= 0 || at === plain.length - 1) return undefined;
  const name = plain.slice(0, at);
  if (name.startsWith('@') && !name.includes('/')) return undefined;
  return { name, version: plain.slice(at + 1) };
}

/**
 * Keys a dependency reference may point at, most likely first. A reference
 * is a version (`1.0.0(peer@2.0.0)`), an alias (`real@1.0.0`, `/real@1.0.0`,
 * `/real/1.0.0`) or a full key for a non-registry package.
 */
export function candidateKeys(name: string, reference: string, generation: PnpmGeneration): string[] {
  switch (generation) {
    case 5:
      return [`/${name}/${reference}`, reference];
    case 6:
      return [`/${name}@${reference}`, reference];
    case 9:
      return [`${name}@${reference}`, reference];
  }
}

/** True when the key carries a `patch_hash=` marker (pnpm 6+ patched dependencies). */
export function hasPatchHash(key: string): boolean {
  return key.includes('patch_hash=');
}
