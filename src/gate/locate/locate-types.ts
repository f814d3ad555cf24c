/** A component as a locator looks for it: the facts of its `ComponentNode` a lockfile spells out. */
export interface LocatableComponent {
  /** Full package name as its ecosystem writes it: `@babel/core`, `org.example:art`, `github.com/x/y`. */
  names: readonly string[];
  version: string;
  /** npm's install path (`node_modules/a/node_modules/b`), when the parser recorded one. */
  installPath?: string;
}

/** Finds the 1-based line of a component's entry in one lockfile, or undefined when it cannot tell. */
export type LineFinder = (component: LocatableComponent) => number | undefined;

/** Line index: the text split once, with helpers the per-format finders share. */
export interface Lines {
  readonly lines: readonly string[];
}

export function splitLines(text: string): string[] {
  return text.split(/\r?\n/);
}

/** Lower case, `-`, `_` and `.` runs as one `-` (PEP 503; harmless elsewhere as a second try). */
export function normaliseName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/** `v1.2.3` and `1.2.3` are the same version to a locator (Go and Composer write the `v`). */
export function sameVersion(written: string, version: string): boolean {
  const strip = (value: string): string => value.replace(/^v(?=\d)/, '');
  return strip(written) === strip(version);
}

/** Adds `value` under `key` in a multimap. */
export function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
