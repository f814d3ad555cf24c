import { parseSyml } from '@yarnpkg/parsers';
import { ChainwardError, lineAndColumnAt } from '../../../common/errors.js';
import type { TextFile } from '../types.js';
import { refuseOversized } from '../../common/file-limits.js';

/** Lockfiles larger than this are refused before parsing. */
const MAX_LOCKFILE_BYTES = 100 * 1024 * 1024;

/** Berry `__metadata.version` values this parser reads (Yarn 2.0 wrote 4, Yarn 4 writes 8). */
export const BERRY_VERSIONS = { min: 4, max: 8 } as const;

type StringMap = Record<string, string>;

/** One entry of a Yarn 1 lockfile; several `name@range` keys may share it. */
export interface ClassicEntry {
  descriptors: string[];
  version: string;
  resolved?: string;
  integrity?: string;
  dependencies: StringMap;
  optionalDependencies: StringMap;
}

/** One entry of a Berry lockfile, keyed by a comma-separated list of descriptors. */
export interface BerryEntry {
  descriptors: string[];
  version: string;
  /** The locator, e.g. `lodash@npm:4.17.21`, `app@workspace:packages/app`. */
  resolution: string;
  dependencies: StringMap;
  /** Dependencies marked `optional: true` in `dependenciesMeta`. */
  optionalNames: Set<string>;
  checksum?: string;
}

export type YarnLockfile =
  | { kind: 'classic'; entries: ClassicEntry[]; problems: string[] }
  | { kind: 'berry'; metadataVersion: number; entries: BerryEntry[]; problems: string[] };

/**
 * Reads a yarn.lock of either generation with `@yarnpkg/parsers` (its PEG
 * grammar for the v1 format, js-yaml for Berry's). Syntax errors become
 * bad-input errors with line and column; entries that are not usable are
 * listed in `problems` instead of failing the whole file.
 */
export function parseYarnLock(file: TextFile): YarnLockfile {
  refuseOversized(file, 'yarn.lock', MAX_LOCKFILE_BYTES);
  let document: Record<string, unknown>;
  try {
    document = parseSyml(file.text);
  } catch (error) {
    throw malformedLockfile(file, error);
  }
  const metadata = document.__metadata;
  if (metadata === undefined) return readClassic(document);
  return readBerry(file, document, metadata);
}

function readClassic(document: Record<string, unknown>): YarnLockfile {
  const problems: string[] = [];
  // The v1 grammar gives each `name@range` key of a multi-key entry the same object.
  const grouped = new Map<object, string[]>();
  for (const [key, value] of Object.entries(document)) {
    if (!isRecord(value)) {
      problems.push(`${key}: entry is not a mapping`);
      continue;
    }
    const keys = grouped.get(value);
    if (keys) keys.push(key);
    else grouped.set(value, [key]);
  }
  const entries: ClassicEntry[] = [];
  for (const [value, descriptors] of grouped) {
    const record = value as Record<string, unknown>;
    const version = stringField(record, 'version');
    if (!version) {
      problems.push(`${descriptors.join(', ')}: entry has no version`);
      continue;
    }
    entries.push({
      descriptors,
      version,
      resolved: stringField(record, 'resolved'),
      integrity: stringField(record, 'integrity'),
      dependencies: stringMap(record.dependencies),
      optionalDependencies: stringMap(record.optionalDependencies),
    });
  }
  return { kind: 'classic', entries, problems };
}

function readBerry(file: TextFile, document: Record<string, unknown>, metadata: unknown): YarnLockfile {
  const rawVersion = isRecord(metadata) ? metadata.version : undefined;
  const metadataVersion = typeof rawVersion === 'string' && /^\d+$/.test(rawVersion.trim()) ? Number(rawVersion) : NaN;
  if (!(metadataVersion >= BERRY_VERSIONS.min && metadataVersion <= BERRY_VERSIONS.max)) {
    throw new ChainwardError({
      code: 'SBOM_UNSUPPORTED_LOCKFILE_VERSION',
      category: 'bad-input',
      message: `yarn.lock __metadata.version ${String(rawVersion ?? '(missing)')} is not supported (this parser reads ${BERRY_VERSIONS.min} to ${BERRY_VERSIONS.max}, Yarn 2 to 4)`,
      location: { file: file.path, ...metadataVersionPosition(file.text) },
    });
  }
  const problems: string[] = [];
  const entries: BerryEntry[] = [];
  for (const [key, value] of Object.entries(document)) {
    if (key === '__metadata') continue;
    if (!isRecord(value)) {
      problems.push(`${key}: entry is not a mapping`);
      continue;
    }
    const version = stringField(value, 'version');
    const resolution = stringField(value, 'resolution');
    if (!version || !resolution) {
      problems.push(`${key}: entry has no ${version ? 'resolution' : 'version'}`);
      continue;
    }
    entries.push({
      descriptors: key.split(',').map((d) => d.trim()).filter((d) => d !== ''),
      version,
      resolution,
      dependencies: stringMap(value.dependencies),
      optionalNames: optionalNames(value.dependenciesMeta),
      checksum: stringField(value, 'checksum'),
    });
  }
  return { kind: 'berry', metadataVersion, entries, problems };
}

/** `dependenciesMeta: { fsevents: { optional: true } }` (keys may also carry a version: `fsevents@2.3.3`). */
function optionalNames(meta: unknown): Set<string> {
  const names = new Set<string>();
  if (!isRecord(meta)) return names;
  for (const [key, value] of Object.entries(meta)) {
    if (!isRecord(value) || String(value.optional) !== 'true') continue;
    const at = key.indexOf('@', key.startsWith('@') ? 1 : 0);
    names.add(at > 0 ? key.slice(0, at) : key);
  }
  return names;
}

/**
 * The PEG grammar (v1) reports `location.start.offset`, js-yaml (Berry)
 * `mark.position` and a short `reason`. Both parse the text with a newline
 * appended, so offsets are turned into line and column against the file
 * itself, which also keeps an error at the very end inside the file.
 */
function malformedLockfile(file: TextFile, error: unknown): ChainwardError {
  const details = error as { message?: unknown; reason?: unknown; location?: { start?: { offset?: unknown } }; mark?: { position?: unknown } };
  const offset = details.location?.start?.offset ?? details.mark?.position;
  // js-yaml drops a leading byte-order mark before counting.
  const bom = details.mark && file.text.startsWith('\uFEFF') ? 1 : 0;
  const where = typeof offset === 'number' ? lineAndColumnAt(file.text, offset + bom) : undefined;
  const text = typeof details.reason === 'string' ? details.reason : String(details.message ?? error).split('\n')[0];
  return new ChainwardError({
    code: 'SBOM_MALFORMED_FILE',
    category: 'bad-input',
    message: `malformed yarn.lock: ${text}`,
    location: { file: file.path, ...where },
    cause: error,
  });
}

/** Where `version:` sits inside the top-level `__metadata:` block (or the block itself when it has none). */
function metadataVersionPosition(text: string): { line: number; column: number } | undefined {
  const lines = text.split(/\r?\n/);
  const start = lines.findIndex((l) => /^"?__metadata"?:/.test(l));
  if (start < 0) return undefined;
  for (let i = start + 1; i < lines.length && /^(\s|$)/.test(lines[i]); i++) {
    const match = /^(\s+)"?version"?:/.exec(lines[i]);
    if (match) return { line: i + 1, column: match[1].length + 1 };
  }
  return { line: start + 1, column: 1 };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringField(record: Record<string, unknown>, key: string): string | undefined {
  const value = record[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function stringMap(value: unknown): StringMap {
  const out: StringMap = {};
  if (!isRecord(value)) return out;
  for (const [key, entry] of Object.entries(value)) if (typeof entry === 'string') out[key] = entry;
  return out;
}
