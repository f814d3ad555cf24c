/**
 * Yarn's identifiers: a descriptor is `name@range` (what a package asks for),
 * a locator `name@reference` (what the lockfile resolved it to). Berry
 * prefixes both with a protocol (`npm:`, `workspace:`, `patch:`, ...).
 */

export interface NameAndRange {
  name: string;
  range: string;
}

/** Splits `name@range` or `@scope/name@range` at the `@` that follows the name. */
export function splitDescriptor(descriptor: string): NameAndRange | undefined {
  const at = descriptor.indexOf('@', descriptor.startsWith('@') ? 1 : 0);
  if (at <= 0) return undefined;
  return { name: descriptor.slice(0, at), range: descriptor.slice(at + 1) };
}

/** The protocol of a Berry range or reference (`npm`, `workspace`, `patch`, ...), or '' when it has none. */
export function protocolOf(reference: string): string {
  const match = /^([a-z][a-z0-9+.-]*):/i.exec(reference);
  return match ? match[1].toLowerCase() : '';
}

/** The package an npm alias range points to: `npm:real-name@^1.0.0` -> `real-name`. */
export function aliasTarget(range: string): string | undefined {
  if (!range.startsWith('npm:')) return undefined;
  const inner = splitDescriptor(range.slice(4));
  return inner?.name;
}

export interface PatchReference {
  /** The locator or descriptor the patch applies to, e.g. `fsevents@npm:2.3.3`. */
  base: string;
  /** Where the patch comes from, e.g. `optional!builtin<compat/fsevents>` or `./.yarn/patches/x.patch`. */
  source: string;
}

/**
 * Reads a `patch:` reference:
 * `patch:fsevents@npm%3A2.3.3#optional!builtin<compat/fsevents>::version=2.3.3&hash=df0bf1`.
 * The base is URL-encoded in the reference; the parameters after `::` are Yarn's own.
 */
export function parsePatchReference(reference: string): PatchReference | undefined {
  if (!reference.startsWith('patch:')) return undefined;
  const body = reference.slice('patch:'.length);
  const hash = body.indexOf('#');
  if (hash <= 0) return undefined;
  const source = body.slice(hash + 1).replace(/::.*$/, '');
  try {
    return { base: decodeURIComponent(body.slice(0, hash)), source: decodeURIComponent(source) };
  } catch {
    return undefined;
  }
}
