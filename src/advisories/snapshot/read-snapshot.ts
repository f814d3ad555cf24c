/**
 * Loading advisories without a database: a snapshot written by `advisories export`,
 * or any source `advisories import` reads (an OSV directory, zip or GHSA checkout).
 * No NestJS, no TypeORM: the CI gate and `sbom --with-vulns` use this.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { ChainwardError } from '../../common/errors.js';
import { MatchIndex, packageKey, parseOsvJson, parseOsvRecord, type OsvIssue, type OsvRecord } from '../domain/index.js';
import { openOsvSource } from '../import/osv-source.js';
import { knownExploitedLookup, type KnownExploitedLookup } from '../kev/known-exploited.js';
import { SNAPSHOT_FORMAT, SNAPSHOT_VERSION, type SnapshotHeader, type SnapshotKnownExploited } from './snapshot-format.js';

export interface LoadedAdvisories {
  records: OsvRecord[];
  /** Records that could not be read, with their file and reason. */
  invalid: OsvIssue[];
  /** The Known Exploited Vulnerabilities catalogue a snapshot carries (none for other sources or older snapshots). */
  knownExploited?: SnapshotKnownExploited;
}

export interface LoadOptions {
  /**
   * Keep only records about these packages (`packageKey(ecosystem, name)`): a CI gate needs the advisories
   * of its own few thousand packages, not all of them, and skipping the others before the schema check
   * and the index is most of its start-up.
   */
  packages?: ReadonlySet<string>;
}

/** Reads a snapshot record by record. Each record crosses the OSV schema again: the file may have been edited. */
export async function* readSnapshot(file: string, options: LoadOptions = {}): AsyncGenerator<{ record: OsvRecord } | { invalid: OsvIssue }> {
  yield* readSnapshotLines(file, options, () => undefined);
}

/** The snapshot's header line, checked: format, version, and the catalogue when it carries one. */
export async function readSnapshotHeader(file: string): Promise<SnapshotHeader> {
  const lines = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
  try {
    for await (const line of lines) return checkHeader(file, line);
    return checkHeader(file, '');
  } finally {
    lines.close();
  }
}

async function* readSnapshotLines(
  file: string,
  options: LoadOptions,
  onHeader: (header: SnapshotHeader) => void,
): AsyncGenerator<{ record: OsvRecord } | { invalid: OsvIssue }> {
  const packages = packageFilter(options.packages);
  // Large chunks: a snapshot inflates to tens of megabytes, and 16 KiB pieces cost more in callbacks than in inflating.
  const lines = createInterface({ input: createReadStream(file, { highWaterMark: 1 << 20 }).pipe(createGunzip({ chunkSize: 1 << 20 })), crlfDelay: Infinity });
  let lineNumber = 0;
  for await (const line of lines) {
    lineNumber++;
    if (lineNumber === 1) {
      onHeader(checkHeader(file, line));
      continue;
    }
    if (line.trim() === '') continue;
    const parsed = parseRelevant(line, `${file}:${lineNumber}`, packages);
    if (parsed === undefined) continue;
    if (parsed.ok) yield { record: parsed.record };
    else yield { invalid: parsed.error };
  }
  if (lineNumber === 0) checkHeader(file, '');
}

function checkHeader(file: string, line: string): SnapshotHeader {
  let header: Partial<SnapshotHeader> | undefined;
  try {
    header = JSON.parse(line) as Partial<SnapshotHeader>;
  } catch {
    header = undefined;
  }
  if (header?.format !== SNAPSHOT_FORMAT || header.version !== SNAPSHOT_VERSION) {
    throw new ChainwardError({
      code: 'ADVISORY_SNAPSHOT_INVALID',
      category: 'bad-input',
      message: `not a ${SNAPSHOT_FORMAT} version ${SNAPSHOT_VERSION} file (as \`chainward advisories export\` writes)`,
      location: { file, line: 1 },
    });
  }
  if (header.knownExploited !== undefined && !isKnownExploited(header.knownExploited)) {
    throw new ChainwardError({
      code: 'ADVISORY_SNAPSHOT_INVALID',
      category: 'bad-input',
      message: 'the header\'s knownExploited is not a catalogue (catalogVersion, dateReleased, entries with cveID, dateAdded and dueDate)',
      location: { file, line: 1 },
    });
  }
  return header as SnapshotHeader;
}

function isKnownExploited(value: unknown): value is SnapshotKnownExploited {
  const candidate = value as Partial<SnapshotKnownExploited> | null;
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    typeof candidate.catalogVersion === 'string' &&
    typeof candidate.dateReleased === 'string' &&
    Array.isArray(candidate.entries) &&
    candidate.entries.every((entry) => typeof entry?.cveID === 'string' && typeof entry.dateAdded === 'string' && typeof entry.dueDate === 'string')
  );
}

/** Is this file a gzip stream (a snapshot) rather than a zip, a directory or plain JSON? */
async function isGzip(file: string): Promise<boolean> {
  const handle = await open(file, 'r').catch(() => undefined);
  if (!handle) return false;
  try {
    // A directory opens on Linux but cannot be read (EISDIR): it is not a snapshot.
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(2), 0, 2, 0).catch(() => ({ buffer: Buffer.alloc(2), bytesRead: 0 }));
    return bytesRead === 2 && buffer[0] === 0x1f && buffer[1] === 0x8b;
  } finally {
    await handle.close();
  }
}

/**
 * One record's text, parsed and checked, or undefined when it names none of `packages`. A record that is
 * not even JSON is reported whatever it might have named.
 */
function parseRelevant(text: string, file: string, packages: PackageFilter | undefined): ReturnType<typeof parseOsvJson> | undefined {
  if (!packages) return parseOsvJson(text, file);
  if (!mayName(text, packages.looseNames)) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    return parseOsvJson(text, file);
  }
  const affected = (value as { affected?: unknown } | null)?.affected;
  if (Array.isArray(affected) && !affected.some((entry) => namesOneOf(entry, packages.keys))) return undefined;
  return parseOsvRecord(value, file);
}

interface PackageFilter {
  keys: ReadonlySet<string>;
  /** The names of `keys`, lower case with `-`, `_` and `.` as one: a first, cheap test on the raw text. */
  looseNames: ReadonlySet<string>;
}

function packageFilter(packages: ReadonlySet<string> | undefined): PackageFilter | undefined {
  if (!packages) return undefined;
  return { keys: packages, looseNames: new Set([...packages].map((key) => looseName(key.slice(key.indexOf('\u0000') + 1)))) };
}

const looseName = (name: string): string => name.toLowerCase().replace(/[-_.]+/g, '-');

/**
 * Could the record's text name one of the packages? Most of a large snapshot is about other packages;
 * finding that out from its `"name"` strings costs a fraction of parsing it. A name written with an
 * escape is not judged here, and any "name" field counts, so nothing relevant is skipped.
 */
function mayName(text: string, looseNames: ReadonlySet<string>): boolean {
  for (const match of text.matchAll(/"name"\s*:\s*"([^"\\]*)(\\?)/g)) {
    if (match[2] || looseNames.has(looseName(match[1] ?? ''))) return true;
  }
  return false;
}

function namesOneOf(entry: unknown, packages: ReadonlySet<string>): boolean {
  const pkg = (entry as { package?: { ecosystem?: unknown; name?: unknown } } | null)?.package;
  return typeof pkg?.ecosystem === 'string' && typeof pkg.name === 'string' && packages.has(packageKey(pkg.ecosystem, pkg.name));
}

/** Every record of a snapshot or an OSV source, withdrawn ones included (the index leaves them out). */
export async function loadAdvisories(location: string, options: LoadOptions = {}): Promise<LoadedAdvisories> {
  const records: OsvRecord[] = [];
  const invalid: OsvIssue[] = [];
  if (await isGzip(location)) {
    let knownExploited: SnapshotKnownExploited | undefined;
    for await (const item of readSnapshotLines(location, options, (header) => (knownExploited = header.knownExploited))) {
      if ('record' in item) records.push(item.record);
      else invalid.push(item.invalid);
    }
    return { records, invalid, ...(knownExploited ? { knownExploited } : {}) };
  }
  const source = await openOsvSource(location);
  const packages = packageFilter(options.packages);
  for await (const item of source.items) {
    if ('error' in item) {
      invalid.push({ file: item.file, pointer: '', message: item.error });
      continue;
    }
    const parsed = parseRelevant(item.text, item.file, packages);
    if (parsed === undefined) continue;
    if (parsed.ok) records.push(parsed.record);
    else invalid.push(parsed.error);
  }
  return { records, invalid };
}

/** `loadAdvisories`, indexed for matching; `knownExploited` looks advisory ids and aliases up in the snapshot's catalogue. */
export async function loadMatchIndex(
  location: string,
): Promise<{ index: MatchIndex; invalid: OsvIssue[]; knownExploited: KnownExploitedLookup; catalogue?: SnapshotKnownExploited }> {
  const { records, invalid, knownExploited } = await loadAdvisories(location);
  return {
    index: MatchIndex.build(records),
    invalid,
    knownExploited: knownExploitedLookup(knownExploited?.entries ?? []),
    ...(knownExploited ? { catalogue: knownExploited } : {}),
  };
}
