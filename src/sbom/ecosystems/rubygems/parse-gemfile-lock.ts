/**
 * Bundler's `Gemfile.lock` (and `gems.locked`), read line by line.
 *
 * Hand-written: the format is a small indentation-based text format that only
 * Bundler itself (Ruby) reads. No maintained JavaScript parser exists (the npm
 * packages that claim to are unmaintained and drop platforms, CHECKSUMS and
 * line numbers), and following Bundler's own `LockfileParser` rule for rule is
 * short: a section header at column 1, two spaces for source options and
 * section entries, four for a spec, six for a spec's dependency.
 */
import { ChainwardError } from '../../../common/errors.js';
import type { HashFact } from '../../model/graph.js';
import type { TextFile } from '../types.js';

export type GemSourceType = 'GEM' | 'GIT' | 'PATH' | 'PLUGIN SOURCE';

export interface GemRequirement {
  name: string;
  /** As written, e.g. `~> 2.0, >= 2.2.4`; '' when the line gives none. */
  requirement: string;
}

export interface GemSpec {
  name: string;
  version: string;
  /** `ruby` for a pure-Ruby gem, else the platform written after the version (`x86_64-linux`). */
  platform: string;
  dependencies: GemRequirement[];
  /** 1-based line of the spec in the lockfile. */
  line: number;
}

export interface GemSource {
  type: GemSourceType;
  /** Every `remote:` line (old lockfiles list several under one GEM section). */
  remotes: string[];
  /** The other options: `revision`, `branch`, `tag`, `ref`, `glob`, `submodules`, `type`, ... */
  options: Record<string, string>;
  specs: GemSpec[];
}

export interface LockedDependency extends GemRequirement {
  /** Written with a trailing `!`: the Gemfile gives it a source other than the default one. */
  pinnedSource: boolean;
  line: number;
}

export interface GemLockfile {
  sources: GemSource[];
  platforms: string[];
  dependencies: LockedDependency[];
  /** `name (version[-platform])` -> hashes, from the CHECKSUMS section (Bundler 2.5+). */
  checksums: Map<string, HashFact[]>;
  rubyVersion?: string;
  bundledWith?: string;
  /** Sections Bundler would skip too, reported rather than read. */
  problems: string[];
}

const SOURCE_TYPES: ReadonlySet<string> = new Set(['GEM', 'GIT', 'PATH', 'PLUGIN SOURCE']);
const KNOWN_SECTIONS: ReadonlySet<string> = new Set(['PLATFORMS', 'DEPENDENCIES', 'CHECKSUMS', 'RUBY VERSION', 'BUNDLED WITH']);

// Bundler's own pattern for `name (version-platform)`: the version stops at the first `-`.
const SPEC = /^([^\s()!]+) \(([^\s()-]+)(?:-([^\s()]+))?\)$/;
const REQUIREMENT = /^([^\s()!]+)(?: \(([^()]*)\))?$/;
const LOCKED_DEPENDENCY = /^([^\s()!]+)(?: \(([^()]*)\))?(!)?$/;
const CHECKSUM = /^([^\s()!]+) \(([^\s()]+)\)(?: (\S+))?$/;
const OPTION = /^([a-z_]+): ?(.*)$/;
const CONFLICT_MARKER = /^(<{7}|={7}|>{7})( |$)/;

const CHECKSUM_ALGORITHMS: Record<string, { alg: HashFact['alg']; length: number }> = {
  sha256: { alg: 'SHA-256', length: 64 },
  sha512: { alg: 'SHA-512', length: 128 },
};

type Section =
  | { kind: 'source'; source: GemSource; inSpecs: boolean }
  | { kind: 'PLATFORMS' | 'DEPENDENCIES' | 'CHECKSUMS' | 'RUBY VERSION' | 'BUNDLED WITH' }
  | { kind: 'skipped' };

/** Parses the lockfile, or throws a bad-input error naming the line and column of the first line it cannot read. */
export function parseGemfileLock(file: TextFile): GemLockfile {
  const lock: GemLockfile = { sources: [], platforms: [], dependencies: [], checksums: new Map(), problems: [] };
  let section: Section | undefined;
  let sawDependencies = false;
  // A byte-order mark is not text of the first line (editors on Windows write one).
  const lines = file.text.replace(/^\uFEFF/, '').split('\n');
  lines.forEach((raw, index) => {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const lineNumber = index + 1;
    const fail = (message: string, column = indentOf(line) + 1): never => {
      throw new ChainwardError({
        code: 'SBOM_MALFORMED_FILE',
        category: 'bad-input',
        message: `malformed Gemfile.lock: ${message}`,
        location: { file: file.path, line: lineNumber, column },
      });
    };
    if (CONFLICT_MARKER.test(line)) fail('unresolved merge conflict marker', 1);
    if (line.trim() === '') {
      section = undefined;
      return;
    }
    const indent = indentOf(line);
    const content = line.slice(indent);
    if (indent === 0) {
      section = openSection(content, lock, lineNumber);
      if (section.kind === 'DEPENDENCIES') sawDependencies = true;
      if (section.kind === 'skipped' && !/^[A-Z][A-Z ]*$/.test(content)) fail(`unexpected text "${clip(content)}" outside any section`, 1);
      return;
    }
    if (!section) return fail(`indented line "${clip(content)}" outside any section`);
    readSectionLine(section, indent, content, lineNumber, lock, fail);
  });
  if (!sawDependencies) {
    throw new ChainwardError({
      code: 'SBOM_MALFORMED_FILE',
      category: 'bad-input',
      message: 'malformed Gemfile.lock: no DEPENDENCIES section (is the file truncated?)',
      location: { file: file.path, line: lines.length, column: (lines[lines.length - 1] ?? '').length + 1 },
    });
  }
  return lock;
}

function openSection(header: string, lock: GemLockfile, line: number): Section {
  if (SOURCE_TYPES.has(header)) {
    const source: GemSource = { type: header as GemSourceType, remotes: [], options: {}, specs: [] };
    lock.sources.push(source);
    return { kind: 'source', source, inSpecs: false };
  }
  if (KNOWN_SECTIONS.has(header)) return { kind: header as 'PLATFORMS' };
  lock.problems.push(`line ${line}: section ${clip(header)} is not one Bundler writes; skipped`);
  return { kind: 'skipped' };
}

function readSectionLine(
  section: Section,
  indent: number,
  content: string,
  line: number,
  lock: GemLockfile,
  fail: (message: string, column?: number) => never,
): void {
  switch (section.kind) {
    case 'skipped':
      return;
    case 'source':
      return readSourceLine(section, indent, content, line, fail);
    case 'PLATFORMS':
      if (indent !== 2) fail(`a platform is indented two spaces, not ${indent}`);
      lock.platforms.push(content);
      return;
    case 'DEPENDENCIES': {
      if (indent !== 2) fail(`a dependency is indented two spaces, not ${indent}`);
      const match = LOCKED_DEPENDENCY.exec(content) ?? fail(`"${clip(content)}" is not "name (requirement)"`);
      lock.dependencies.push({ name: match[1] as string, requirement: (match[2] ?? '').trim(), pinnedSource: match[3] === '!', line });
      return;
    }
    case 'CHECKSUMS': {
      if (indent !== 2) fail(`a checksum is indented two spaces, not ${indent}`);
      const match = CHECKSUM.exec(content) ?? fail(`"${clip(content)}" is not "name (version) sha256=..."`);
      const hashes = readChecksums(match[3] ?? '', fail);
      if (hashes.length > 0) lock.checksums.set(`${match[1]} (${match[2]})`, hashes);
      return;
    }
    case 'RUBY VERSION':
      lock.rubyVersion ??= content.trim();
      return;
    case 'BUNDLED WITH':
      lock.bundledWith ??= content.trim();
      return;
  }
}

function readSourceLine(
  section: { source: GemSource; inSpecs: boolean },
  indent: number,
  content: string,
  line: number,
  fail: (message: string, column?: number) => never,
): void {
  const { source } = section;
  if (indent === 2) {
    if (content === 'specs:') {
      section.inSpecs = true;
      return;
    }
    const option = OPTION.exec(content) ?? fail(`"${clip(content)}" is not a "key: value" option of the ${source.type} source`);
    const key = option[1] as string;
    const value = option[2] as string;
    if (key === 'remote') source.remotes.push(value);
    else source.options[key] = value;
    return;
  }
  if (!section.inSpecs) fail(`${source.type} source has an entry before its "specs:" line`);
  if (indent === 4) {
    const match = SPEC.exec(content) ?? fail(`"${clip(content)}" is not "name (version)"`);
    source.specs.push({ name: match[1] as string, version: match[2] as string, platform: match[3] ?? 'ruby', dependencies: [], line });
    return;
  }
  if (indent === 6) {
    const spec = source.specs[source.specs.length - 1] ?? fail('a dependency line comes before any spec');
    const match = REQUIREMENT.exec(content) ?? fail(`"${clip(content)}" is not "name (requirement)"`);
    spec.dependencies.push({ name: match[1] as string, requirement: (match[2] ?? '').trim() });
    return;
  }
  fail(`unexpected indentation of ${indent} spaces in the ${source.type} source (2 for options, 4 for specs, 6 for their dependencies)`);
}

/** `sha256=<hex>[,sha512=<hex>]`; algorithms Chainward does not record are ignored, a malformed digest is an error. */
function readChecksums(text: string, fail: (message: string, column?: number) => never): HashFact[] {
  const hashes: HashFact[] = [];
  for (const part of text.split(',').filter((p) => p !== '')) {
    const at = part.indexOf('=');
    const known = CHECKSUM_ALGORITHMS[part.slice(0, at)];
    if (at < 0 || !known) continue;
    const hex = part.slice(at + 1).toLowerCase();
    if (hex.length !== known.length || !/^[0-9a-f]+$/.test(hex)) fail(`checksum "${clip(part)}" is not a ${known.alg} hex digest`);
    hashes.push({ alg: known.alg, content: hex });
  }
  return hashes;
}

function indentOf(line: string): number {
  let count = 0;
  while (line.charCodeAt(count) === 32) count++;
  return count;
}

function clip(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
