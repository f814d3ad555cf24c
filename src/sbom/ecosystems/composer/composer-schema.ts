import { z } from 'zod';
import { ChainwardError, lineAndColumnAt, type SourceLocation } from '../../../common/errors.js';
import type { TextFile } from '../types.js';

/*
 * The parts of composer.lock and composer.json the parser reads. Permissive:
 * unknown keys are dropped, and fields the parser does not use are not checked.
 * An unusable package entry is a warning, not an error; a top level of the
 * wrong shape is an error naming the key.
 */

const stringMap = z.record(z.string(), z.unknown());
const reference = z.object({ type: z.string().optional(), url: z.string().optional(), reference: z.string().nullish(), shasum: z.string().nullish() });

/** One entry of `packages` / `packages-dev`. */
export const lockedPackageSchema = z.object({
  name: z.string().min(1),
  version: z.string().min(1),
  type: z.string().optional(),
  source: reference.optional(),
  dist: reference.optional(),
  require: stringMap.optional(),
  replace: stringMap.optional(),
  provide: stringMap.optional(),
  license: z.union([z.string(), z.array(z.unknown())]).optional(),
  abandoned: z.union([z.boolean(), z.string()]).optional(),
});
export type LockedPackage = z.infer<typeof lockedPackageSchema>;

export const composerLockSchema = z.object({
  packages: z.array(z.unknown()),
  'packages-dev': z.array(z.unknown()).nullish(),
  platform: z.union([stringMap, z.array(z.unknown())]).optional(),
  'platform-dev': z.union([stringMap, z.array(z.unknown())]).optional(),
});
export type ComposerLock = z.infer<typeof composerLockSchema>;

export const composerManifestSchema = z.object({
  name: z.string().optional(),
  version: z.string().optional(),
  license: z.union([z.string(), z.array(z.unknown())]).optional(),
  require: stringMap.optional(),
  'require-dev': stringMap.optional(),
});
export type ComposerManifest = z.infer<typeof composerManifestSchema>;

/** Validates the top level of a document, or throws a bad-input error at the first offending key. */
export function checkDocument<T>(schema: z.ZodType<T>, value: unknown, file: TextFile, what: string): T {
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new ChainwardError({ code: 'SBOM_MALFORMED_FILE', category: 'bad-input', message: `${what} is not a JSON object`, location: { file: file.path, line: 1, column: 1 } });
  }
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const key = issue?.path[0];
  throw new ChainwardError({
    code: 'SBOM_MALFORMED_FILE',
    category: 'bad-input',
    message: `${what}${key === undefined ? '' : `, field ${issue?.path.map(String).join('.')}`}: ${issue?.message ?? 'unexpected content'}`,
    location: key === undefined ? { file: file.path } : locateTopLevelKey(file, String(key)),
  });
}

/** Where `"key":` first appears in the text; the file alone when it does not. */
export function locateTopLevelKey(file: TextFile, key: string): SourceLocation {
  const match = new RegExp(`${escapeRegExp(JSON.stringify(key))}\\s*:`).exec(file.text);
  return match ? { file: file.path, ...lineAndColumnAt(file.text, match.index) } : { file: file.path };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
