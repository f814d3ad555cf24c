import { z } from 'zod';
import { ChainwardError } from '../../../common/errors.js';
import type { TextFile } from '../types.js';
import { asTable, parseTomlFile } from '../../common/parse-toml.js';

/**
 * Cargo.lock in every format Cargo has written:
 * - v1 (Rust < 1.41): no `version` key, checksums in `[metadata]` as
 *   `"checksum <name> <version> (<source>)" = "<sha256>"`, dependencies as `name version (source)`;
 * - v2 (Rust 1.41–1.52): no `version` key, `checksum` inline, dependencies as short as unambiguous;
 * - v3 (`version = 3`) and v4 (`version = 4`, URLs in git sources percent-encoded).
 */
export type CargoLockVersion = 1 | 2 | 3 | 4;

export interface CargoLockPackage {
  name: string;
  version: string;
  /** Absent for a local crate (workspace member or path dependency). */
  source?: string;
  /** Lower-case hex SHA-256 of the `.crate` file. */
  checksum?: string;
  /** Entries as written: `name`, `name version` or `name version (source)`. */
  dependencies: string[];
  /** Line of its `[[package]]` header, for messages. */
  line?: number;
}

export interface CargoLock {
  version: CargoLockVersion;
  packages: CargoLockPackage[];
}

const SHA256 = /^[0-9a-f]{64}$/;

const packageSchema = z.object({
  name: z.string().min(1),
  version: z.string().min(1),
  source: z.string().min(1).optional(),
  checksum: z.string().regex(SHA256, 'not a SHA-256 hex digest').optional(),
  dependencies: z.array(z.string().min(1)).optional(),
});

export function parseCargoLock(file: TextFile): CargoLock {
  const document = parseTomlFile(file, 'Cargo.lock');
  const headerLines = packageHeaderLines(file.text);
  const rawPackages = document.package;
  if (!Array.isArray(rawPackages) || rawPackages.length === 0) {
    throw malformed(file, 'no [[package]] entries (a lockfile lists at least the project itself)', rawPackages === undefined ? undefined : headerLines[0]);
  }
  const packages = rawPackages.map((raw, index): CargoLockPackage => {
    const line = headerLines[index];
    const result = packageSchema.safeParse(asTable(raw) ?? raw);
    if (!result.success) {
      const issue = result.error.issues[0];
      const field = issue.path.join('.');
      throw malformed(file, `[[package]] entry ${index + 1}${field ? `: ${field}` : ''}: ${issue.message}`, line);
    }
    const { name, version, source, checksum, dependencies } = result.data;
    return { name, version, dependencies: dependencies ?? [], ...(source ? { source } : {}), ...(checksum ? { checksum } : {}), ...(line ? { line } : {}) };
  });

  const version = lockfileVersion(file, document, packages);
  if (version === 1) applyMetadataChecksums(file, document, packages);
  return { version, packages };
}

function lockfileVersion(file: TextFile, document: Record<string, unknown>, packages: CargoLockPackage[]): CargoLockVersion {
  const declared = document.version;
  if (declared === 3 || declared === 4) return declared;
  if (declared !== undefined) {
    const match = /^[ \t]*version[ \t]*=/m.exec(file.text.split(/^\[/m)[0]);
    const line = match ? file.text.slice(0, match.index).split('\n').length : undefined;
    throw new ChainwardError({
      code: 'SBOM_UNSUPPORTED_LOCKFILE_VERSION',
      category: 'bad-input',
      message: `Cargo.lock version ${JSON.stringify(declared)} is not supported (supported: 1 and 2 without a version key, 3, 4)`,
      location: { file: file.path, ...(line ? { line, column: 1 } : {}) },
    });
  }
  // v1 spells every registry dependency with its source and keeps checksums apart; v2 does neither.
  const metadata = asTable(document.metadata);
  const hasMetadataChecksums = metadata !== undefined && Object.keys(metadata).some((key) => key.startsWith('checksum '));
  const hasSourcedEntries = packages.some((p) => p.dependencies.some((d) => d.includes(' (')));
  return hasMetadataChecksums || hasSourcedEntries ? 1 : 2;
}

/** `[metadata]` `"checksum name version (source)" = "hex"` (or `"<none>"`) onto the packages. */
function applyMetadataChecksums(file: TextFile, document: Record<string, unknown>, packages: CargoLockPackage[]): void {
  const metadata = asTable(document.metadata);
  if (!metadata) return;
  const byId = new Map(packages.filter((p) => p.source).map((p) => [`${p.name} ${p.version} (${p.source})`, p]));
  for (const key in metadata) {
    const value = metadata[key];
    if (!key.startsWith('checksum ') || value === '<none>') continue;
    if (typeof value !== 'string' || !SHA256.test(value)) throw malformed(file, `[metadata] "${key}" is not a SHA-256 hex digest`);
    const target = byId.get(key.slice('checksum '.length));
    if (target && !target.checksum) target.checksum = value;
  }
}

/** 1-based lines of the `[[package]]` headers, in order: the n-th is the n-th entry. */
function packageHeaderLines(text: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let from = 0;
  const header = /^[ \t]*\[\[[ \t]*package[ \t]*\]\]/gm;
  for (let match = header.exec(text); match; match = header.exec(text)) {
    for (let i = from; i < match.index; i++) if (text.charCodeAt(i) === 10) line++;
    from = match.index;
    lines.push(line);
  }
  return lines;
}

function malformed(file: TextFile, message: string, line?: number): ChainwardError {
  return new ChainwardError({
    code: 'SBOM_MALFORMED_FILE',
    category: 'bad-input',
    message: `malformed Cargo.lock: ${message}`,
    location: { file: file.path, ...(line ? { line, column: 1 } : {}) },
  });
}
