import { z } from 'zod';
import { ChainwardError, lineAndColumnAt, type SourceLocation } from '../../../common/errors.js';

/*
 * The shapes of package-lock.json / npm-shrinkwrap.json and package.json that
 * the parser reads. Permissive: unknown keys are dropped, not refused, and
 * fields the parser does not use are not checked (old packages put arrays in
 * `engines`, objects in `license`). Dependency maps are read for their names
 * only, so their values are not checked either.
 */

const flag = z.boolean().optional();
const dependencyNames = z.record(z.string(), z.unknown()).optional();

/** The top of a lockfile; entries are checked one by one so errors can name them. */
export const lockfileDocumentSchema = z.object({
  name: z.string().optional(),
  lockfileVersion: z.unknown(),
  packages: z.record(z.string(), z.unknown()).optional(),
  dependencies: z.record(z.string(), z.unknown()).optional(),
});

/** One entry of `packages` (lockfileVersion 2 and 3), keyed by its install path. */
export const packageEntrySchema = z.object({
  name: z.string().optional(),
  version: z.string().optional(),
  resolved: z.string().optional(),
  integrity: z.string().optional(),
  link: flag,
  dev: flag,
  optional: flag,
  devOptional: flag,
  peer: flag,
  inBundle: flag,
  extraneous: flag,
  license: z.unknown().optional(),
  dependencies: dependencyNames,
  devDependencies: dependencyNames,
  optionalDependencies: dependencyNames,
  peerDependencies: dependencyNames,
});
export type PackageEntry = z.infer<typeof packageEntrySchema>;

/** One entry of the nested `dependencies` tree (lockfileVersion 1), keyed by package name. */
export const treeEntrySchema = z.object({
  version: z.string().optional(),
  resolved: z.string().optional(),
  integrity: z.string().optional(),
  dev: flag,
  optional: flag,
  bundled: flag,
  extraneous: flag,
  requires: dependencyNames,
  dependencies: z.record(z.string(), z.unknown()).optional(),
});
export type TreeEntry = z.infer<typeof treeEntrySchema>;

/** The parts of the project's package.json that give the root and its edges. */
export const projectManifestSchema = z.object({
  name: z.string().optional(),
  version: z.string().optional(),
  license: z.unknown().optional(),
  licenses: z.unknown().optional(),
  dependencies: dependencyNames,
  devDependencies: dependencyNames,
  optionalDependencies: dependencyNames,
  peerDependencies: dependencyNames,
});
export type ProjectManifest = z.infer<typeof projectManifestSchema>;

/**
 * Validates `value`, or throws a bad-input error naming the file, the first
 * offending field and its line. `entryKey` is the key of the object being
 * checked (a `packages` path), null when its place in the text is unknown
 * (v1 tree entries share names), undefined for the top level.
 */
export function checkShape<T>(schema: z.ZodType<T>, value: unknown, file: { path: string; text: string }, what: string, entryKey?: string | null): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const fieldPath = (issue?.path ?? []).map(String);
  const keys = entryKey === null ? [] : [...(entryKey === undefined ? [] : [entryKey]), ...fieldPath.slice(0, 1)];
  throw new ChainwardError({
    code: 'SBOM_MALFORMED_FILE',
    category: 'bad-input',
    message: `${what}${fieldPath.length > 0 ? `, field ${fieldPath.join('.')}` : ''}: ${issue?.message ?? 'unexpected content'}`,
    location: locateKeys(file, keys),
  });
}

/**
 * Where a chain of object keys appears in the text (`"packages":`, then
 * `"node_modules/a":` after it, ...), for messages that point at an entry.
 * Install paths and top-level fields are unique enough for this. Falls back
 * to the last key found, or to the file alone.
 */
export function locateKeys(file: { path: string; text: string }, keys: readonly string[]): SourceLocation {
  let found: number | undefined;
  for (const key of keys) {
    const at = findKey(file.text, key, found ?? 0);
    if (at === undefined) break;
    found = at;
  }
  return found === undefined ? { file: file.path } : { file: file.path, ...lineAndColumnAt(file.text, found) };
}

function findKey(text: string, key: string, from: number): number | undefined {
  const quoted = JSON.stringify(key);
  for (let at = text.indexOf(quoted, from); at >= 0; at = text.indexOf(quoted, at + quoted.length)) {
    if (/^\s*:/.test(text.slice(at + quoted.length, at + quoted.length + 64))) return at;
  }
  return undefined;
}
