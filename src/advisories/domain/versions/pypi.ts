/**
 * PyPI versions: PEP 440 with `@renovatebot/pep440` (a port of `packaging.version`):
 * epochs (`1!1.0` > `2.0`), dev < pre (a/b/rc) < release < post releases, local
 * versions (`1.0+local` > `1.0`), and leading zeros are insignificant
 * (`2015.04.28` == `2015.4.28`).
 *
 * The library parses; the comparison key and its comparison are packaging's `_cmpkey` and
 * Python's tuple order, as the library computes them inside `compare`. They are repeated here
 * because the library offers comparison of strings only, re-parsing both on every call, and
 * matching compares the same few thousand versions hundreds of thousands of times: the key is
 * built once per version (see `orderingFrom`'s cache).
 */
import * as pep440 from '@renovatebot/pep440';
import { orderingFrom } from './types.js';

/** A component of packaging's comparison key: a number, ±Infinity, a string, or a tuple of them. */
type KeyPart = number | string | readonly KeyPart[];

interface PypiVersion {
  text: string;
  key: readonly KeyPart[];
}

/** packaging's `_cmpkey(epoch, release, pre, post, dev, local)`. */
function comparisonKey(parsed: NonNullable<ReturnType<typeof pep440.parse>>): KeyPart[] {
  const release = [...parsed.release];
  while (release.length > 0 && release[release.length - 1] === 0) release.pop();
  const hasPre = parsed.pre !== null && parsed.pre !== undefined;
  const hasPost = parsed.post !== null && parsed.post !== undefined;
  const hasDev = parsed.dev !== null && parsed.dev !== undefined;
  // 1.0.dev0 sorts before 1.0a0: a dev release of a final release takes a pre-release slot below every other.
  const pre: KeyPart = !hasPre && !hasPost && hasDev ? -Infinity : hasPre ? parsed.pre : Infinity;
  const post: KeyPart = hasPost ? parsed.post : -Infinity;
  const dev: KeyPart = hasDev ? parsed.dev : Infinity;
  const localParts = parsed.local as unknown as Array<string | number> | null;
  // Local segments: alphanumeric parts sort before numeric ones, alphanumerics lexicographically.
  const local: KeyPart = localParts ? localParts.map((part) => (Number.isNaN(Number(part)) ? [-Infinity, part] : [Number(part), ''])) : -Infinity;
  return [parsed.epoch, release, pre, post, dev, local];
}

/** Python's comparison of the key's tuples, scalars and ±Infinity. */
function compareKeys(left: KeyPart, right: KeyPart): number {
  if (left === right) return 0;
  const leftIsArray = Array.isArray(left);
  if (leftIsArray || Array.isArray(right)) {
    const a = (leftIsArray ? left : [left]) as readonly KeyPart[];
    const b = (Array.isArray(right) ? right : [right]) as readonly KeyPart[];
    const length = Math.min(a.length, b.length);
    for (let i = 0; i < length; i++) {
      const result = compareKeys(a[i] as KeyPart, b[i] as KeyPart);
      if (result !== 0) return result;
    }
    return Math.sign(a.length - b.length);
  }
  if (left === -Infinity || right === Infinity) return -1;
  if (left === Infinity || right === -Infinity) return 1;
  return left < right ? -1 : 1;
}

export const pypiOrdering = orderingFrom<PypiVersion>({
  name: 'PyPI',
  parse: (version) => {
    const parsed = pep440.valid(version) === null ? null : pep440.parse(version);
    return parsed ? { text: version, key: comparisonKey(parsed) } : undefined;
  },
  compareParsed: (a, b) => compareKeys(a.key, b.key),
  // `clean` joins local segments with commas; `explain` gives the parts to rebuild PEP 440's normal form.
  format: ({ text }) => {
    const parts = pep440.explain(text);
    if (!parts) return text;
    return parts.local ? `${parts.public}+${parts.local}` : parts.public;
  },
});
