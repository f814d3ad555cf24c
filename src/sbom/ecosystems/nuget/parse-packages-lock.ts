import { z } from 'zod';
import { ChainwardError, lineAndColumnAt, type SourceLocation } from '../../../common/errors.js';
import { parseJsonFile } from '../../common/parse-json.js';
import type { TextFile } from '../types.js';

/** How NuGet came to put a package in the lockfile. */
export type LockDependencyType = 'Direct' | 'Transitive' | 'Project' | 'CentralTransitive';

export interface LockEntry {
  /** The package id as the lockfile writes it (ids are case-insensitive). */
  id: string;
  type: LockDependencyType;
  /** The range the project asked for (Direct and CentralTransitive). */
  requested?: string;
  /** Absent for Project entries, which are projects of the same build, not packages. */
  resolved?: string;
  /** Base64 SHA-512 of the .nupkg. */
  contentHash?: string;
  /** id -> version or range, as the package's nuspec declares them. */
  dependencies: Record<string, string>;
}

export interface PackagesLock {
  version: 1 | 2;
  /** Target framework (`net8.0`, or `net8.0/linux-x64` for a runtime graph) -> its entries. */
  targets: Map<string, LockEntry[]>;
  problems: string[];
}

const entrySchema = z.object({
  type: z.enum(['Direct', 'Transitive', 'Project', 'CentralTransitive']),
  requested: z.string().optional(),
  resolved: z.string().min(1).optional(),
  contentHash: z.string().optional(),
  dependencies: z.record(z.string(), z.string()).optional(),
});

/** Parses a packages.lock.json (version 1 or 2), or throws a bad-input error naming the line and column. */
export function parsePackagesLock(file: TextFile): PackagesLock {
  const document = parseJsonFile(file, 'packages.lock.json JSON');
  if (!document || typeof document !== 'object' || Array.isArray(document)) fail(file, 'packages.lock.json is not a JSON object', { file: file.path, line: 1, column: 1 });
  const { version, dependencies } = document as { version?: unknown; dependencies?: unknown };
  if (version !== 1 && version !== 2) {
    throw new ChainwardError({
      code: 'SBOM_UNSUPPORTED_LOCKFILE_VERSION',
      category: 'bad-input',
      message: `packages.lock.json has ${version === undefined ? 'no version' : `version ${JSON.stringify(version)}`}; supported versions are 1 and 2`,
      location: locateKey(file, 'version'),
    });
  }
  if (!dependencies || typeof dependencies !== 'object' || Array.isArray(dependencies)) fail(file, 'packages.lock.json has no "dependencies" object', locateKey(file, 'dependencies'));
  const lock: PackagesLock = { version, targets: new Map(), problems: [] };
  for (const [target, entries] of Object.entries(dependencies as Record<string, unknown>)) {
    if (!entries || typeof entries !== 'object' || Array.isArray(entries)) {
      lock.problems.push(`target ${target} is not an object; skipped`);
      continue;
    }
    const list: LockEntry[] = [];
    for (const [id, value] of Object.entries(entries as Record<string, unknown>)) {
      const parsed = entrySchema.safeParse(value);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        lock.problems.push(`${target} ${id}: ${issue?.path.join('.') || 'entry'}: ${issue?.message ?? 'not an entry'}; skipped`);
        continue;
      }
      const entry = parsed.data;
      if (entry.type !== 'Project' && entry.resolved === undefined) {
        lock.problems.push(`${target} ${id}: a ${entry.type} entry without "resolved"; skipped`);
        continue;
      }
      list.push({
        id,
        type: entry.type,
        ...(entry.requested === undefined ? {} : { requested: entry.requested }),
        ...(entry.resolved === undefined ? {} : { resolved: entry.resolved }),
        ...(entry.contentHash === undefined ? {} : { contentHash: entry.contentHash }),
        dependencies: entry.dependencies ?? {},
      });
    }
    lock.targets.set(target, list);
  }
  return lock;
}

function locateKey(file: TextFile, key: string): SourceLocation {
  const match = new RegExp(`"${key}"\\s*:`).exec(file.text);
  return match ? { file: file.path, ...lineAndColumnAt(file.text, match.index) } : { file: file.path };
}

function fail(file: TextFile, message: string, location: SourceLocation): never {
  throw new ChainwardError({ code: 'SBOM_MALFORMED_FILE', category: 'bad-input', message, location: location.file ? location : { file: file.path } });
}
