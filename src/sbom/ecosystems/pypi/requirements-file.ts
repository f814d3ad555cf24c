/**
 * One pip requirements file read into entries: requirements, `-r`/`-c`
 * includes and pip-compile's `# via` annotations. Global options (`--index-url`
 * and the like) change where pip downloads from, not what it installs, and are
 * skipped.
 *
 * Hand-written on purpose: no maintained JavaScript library parses this
 * format (it is defined by pip's own option parser), so this follows pip's
 * documented rules and its list of options accepted in requirements files.
 */
import { valid as validPep440 } from '@renovatebot/pep440';
import { ChainwardError } from '../../../common/errors.js';
import type { HashFact } from '../../model/graph.js';
import type { TextFile } from '../types.js';
import { isCommitId, isValidPypiName, parseHash, wheelNameAndVersion } from './names.js';
import { exactPin, parseRequirement } from './pep508.js';
import { requirementsLines, splitArgsAndOptions, type LogicalLine, type Token } from './requirements-lines.js';

export interface DirectReference {
  kind: 'vcs' | 'url' | 'path';
  url: string;
  /** True when the reference names something that cannot change: a commit id, or a file. */
  immutable: boolean;
}

export interface RequirementEntry {
  kind: 'requirement';
  name: string;
  specifier: string;
  /** The version pinned by `==`/`===`, or stated by a wheel file name; '' otherwise. */
  version: string;
  extras: string[];
  marker?: string;
  hashes: HashFact[];
  reference?: DirectReference;
  editable: boolean;
  /** pip-compile's `# via` annotation: package names, or `-r file` / `-c file`. */
  via: string[];
  file: string;
  line: number;
  column: number;
}

export interface IncludeEntry {
  kind: 'include';
  constraint: boolean;
  target: string;
  file: string;
  line: number;
}

/** A local project without a name (`-e .`, `./lib`): pip reads its name from the project itself. */
export interface LocalProjectEntry {
  kind: 'local-project';
  path: string;
  file: string;
  line: number;
}

export type RequirementsFileEntry = RequirementEntry | IncludeEntry | LocalProjectEntry;

/** Options pip accepts on their own line, that take a value (short and long spellings). */
const VALUE_OPTIONS = new Set(['-i', '--index-url', '--extra-index-url', '-f', '--find-links', '--trusted-host', '--use-feature', '--no-binary', '--only-binary']);
const FLAG_OPTIONS = new Set(['--no-index', '--prefer-binary', '--require-hashes', '--pre']);
/** Per-requirement options other than `--hash`; they do not change what is installed. */
const REQUIREMENT_VALUE_OPTIONS = new Set(['--config-settings', '-C', '--global-option', '--install-option']);

const VCS_PREFIX = /^(git|hg|svn|bzr)\+/i;
const URL_SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;
const ARCHIVE = /\.(whl|zip|tar\.gz|tgz|tar\.bz2|tbz|tar\.xz|txz|tar)$/i;
const ENV_VARIABLE = /\$\{[A-Z0-9_]+\}/;

export function readRequirementsFile(file: TextFile, warn: (message: string) => void): RequirementsFileEntry[] {
  const entries: RequirementsFileEntry[] = [];
  let last: RequirementEntry | undefined;
  let inVia = false;
  for (const line of requirementsLines(file.text)) {
    if (line.kind === 'comment') {
      const via = /^\s*via(?:\s+(.*))?$/.exec(line.text);
      if (via && last) {
        inVia = true;
        if (via[1]) last.via.push(...splitVia(via[1]));
      } else if (inVia && last && /^\s{2,}\S/.test(line.text)) {
        last.via.push(...splitVia(line.text));
      } else {
        inVia = false;
      }
      continue;
    }
    inVia = false;
    last = undefined;
    const entry = readLogicalLine(file, line, warn);
    if (!entry) continue;
    entries.push(entry);
    if (entry.kind === 'requirement') {
      last = entry;
      const inline = line.comment === undefined ? undefined : /^\s*via\s+(.*)$/.exec(line.comment);
      if (inline) entry.via.push(...splitVia(inline[1]));
    }
  }
  return entries;
}

function splitVia(text: string): string[] {
  return text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

function readLogicalLine(file: TextFile, line: LogicalLine, warn: (message: string) => void): RequirementsFileEntry | undefined {
  const { args, argsOffset, options } = splitArgsAndOptions(line.text);
  const at = (offset: number): string => {
    const position = line.positionOf(offset);
    return `${file.path}:${position.line}:${position.column}`;
  };
  if (args === '') return readOptionsLine(file, line, options, warn, at);

  const hashes = readRequirementOptions(options, warn, at);
  if (ENV_VARIABLE.test(args)) {
    warn(`${at(argsOffset)}: "${args}" uses an environment variable, which is only known when pip runs; line skipped`);
    return undefined;
  }
  const entry = readRequirement(file, line, args, argsOffset, false, warn, at);
  if (entry?.kind === 'requirement') entry.hashes.push(...hashes);
  return entry;
}

function readOptionsLine(
  file: TextFile,
  line: LogicalLine,
  options: Token[],
  warn: (message: string) => void,
  at: (offset: number) => string,
): RequirementsFileEntry | undefined {
  const first = options[0];
  const [flag, attached] = splitOption(first.text);
  const valueOf = (): { text: string; offset: number } | undefined =>
    attached !== undefined ? { text: attached, offset: first.offset + first.text.length - attached.length } : options[1] ? { text: options[1].text, offset: options[1].offset } : undefined;
  const position = line.positionOf(first.offset);

  if (flag === '-r' || flag === '--requirement' || flag === '-c' || flag === '--constraint') {
    const value = valueOf();
    if (!value) throw malformed(file, line, first.offset, `${flag} needs a file name`);
    return { kind: 'include', constraint: flag === '-c' || flag === '--constraint', target: value.text, file: file.path, line: position.line };
  }
  if (flag === '-e' || flag === '--editable') {
    const value = valueOf();
    if (!value) throw malformed(file, line, first.offset, `${flag} needs a project path or VCS URL`);
    return readRequirement(file, line, value.text, value.offset, true, warn, at);
  }
  if (VALUE_OPTIONS.has(flag) || FLAG_OPTIONS.has(flag)) return undefined;
  warn(`${at(first.offset)}: option ${flag} is not one pip accepts in a requirements file; ignored`);
  return undefined;
}

/** `-rfile`, `--requirement=file` and `-r file` are all the same option. */
function splitOption(token: string): [string, string | undefined] {
  if (token.startsWith('--')) {
    const equals = token.indexOf('=');
    return equals < 0 ? [token, undefined] : [token.slice(0, equals), token.slice(equals + 1)];
  }
  return token.length > 2 ? [token.slice(0, 2), token.slice(2).replace(/^=/, '')] : [token, undefined];
}

function readRequirementOptions(options: Token[], warn: (message: string) => void, at: (offset: number) => string): HashFact[] {
  const hashes: HashFact[] = [];
  for (let i = 0; i < options.length; i++) {
    if (!options[i].text.startsWith('-')) {
      warn(`${at(options[i].offset)}: unexpected "${options[i].text}" among the options of a requirement; ignored`);
      continue;
    }
    const [flag, attached] = splitOption(options[i].text);
    if (flag === '--hash') {
      const optionOffset = options[i].offset;
      const value = attached ?? options[++i]?.text;
      const hash = value === undefined ? undefined : parseHash(value);
      if (hash) hashes.push(hash);
      else warn(`${at(optionOffset)}: "${value ?? ''}" is not a hash of the form sha256:<hex>; ignored`);
    } else if (REQUIREMENT_VALUE_OPTIONS.has(flag)) {
      if (attached === undefined) i++;
    } else {
      warn(`${at(options[i].offset)}: option ${flag} is not one pip accepts after a requirement; ignored`);
    }
  }
  return hashes;
}

function readRequirement(
  file: TextFile,
  line: LogicalLine,
  args: string,
  argsOffset: number,
  editable: boolean,
  warn: (message: string) => void,
  at: (offset: number) => string,
): RequirementsFileEntry | undefined {
  const position = line.positionOf(argsOffset);
  const base = { hashes: [] as HashFact[], editable, via: [] as string[], file: file.path, line: position.line, column: position.column };
  const named = /^[A-Za-z0-9][A-Za-z0-9._-]*\s*(\[[^\]]*\])?\s*@/.test(args);
  const [beforeMarker, ...markerParts] = args.split(/\s+;|;\s+/);
  if (!named && looksLikeReference(beforeMarker)) {
    const marker = markerParts.join(';').trim();
    const { location, extras } = splitPathExtras(beforeMarker.trim());
    const reference = directReference(location);
    const identity = nameFromReference(location);
    if (!identity) {
      if (reference.kind === 'path') return { kind: 'local-project', path: location, file: file.path, line: position.line };
      warn(`${at(argsOffset)}: cannot tell the package name of ${location} (add #egg=<name> or write "name @ url"); line skipped`);
      return undefined;
    }
    return {
      kind: 'requirement',
      ...base,
      name: identity.name,
      specifier: '',
      version: identity.version ?? '',
      extras,
      ...(marker === '' ? {} : { marker }),
      reference,
    };
  }
  const parsed = parseRequirement(args);
  if (!parsed.ok) throw malformed(file, line, argsOffset + parsed.offset, `invalid requirement "${args}": ${parsed.message}`);
  const { requirement } = parsed;
  const reference = requirement.url === undefined ? undefined : directReference(requirement.url);
  const fromWheel = requirement.url === undefined ? undefined : nameFromReference(requirement.url);
  return {
    kind: 'requirement',
    ...base,
    name: requirement.name,
    specifier: requirement.specifier,
    version: exactPin(requirement.specifier) ?? fromWheel?.version ?? '',
    extras: requirement.extras,
    ...(requirement.marker === undefined ? {} : { marker: requirement.marker }),
    ...(reference ? { reference } : {}),
  };
}

function looksLikeReference(text: string): boolean {
  const trimmed = text.trim();
  return URL_SCHEME.test(trimmed) || VCS_PREFIX.test(trimmed) || /^[.~/\\]/.test(trimmed) || /[/\\]/.test(trimmed) || ARCHIVE.test(trimmed);
}

/** `./lib[extra]` -> the path and the extras (URLs carry extras in `#egg=name[extra]` instead). */
function splitPathExtras(text: string): { location: string; extras: string[] } {
  const open = text.lastIndexOf('[');
  if (!text.endsWith(']') || open < 0 || URL_SCHEME.test(text) || VCS_PREFIX.test(text)) return { location: text, extras: [] };
  const extras = text.slice(open + 1, -1).split(',').map((e) => e.trim()).filter((e) => e !== '');
  return { location: text.slice(0, open), extras };
}

function directReference(location: string): DirectReference {
  const withoutFragment = location.split('#')[0];
  if (VCS_PREFIX.test(location)) {
    const path = withoutFragment.replace(/^[a-z+]+:\/\/[^/]*/i, '');
    const at = path.lastIndexOf('@');
    return { kind: 'vcs', url: location, immutable: at >= 0 && isCommitId(path.slice(at + 1)) };
  }
  if (URL_SCHEME.test(location)) return { kind: 'url', url: location, immutable: ARCHIVE.test(withoutFragment.split('?')[0]) };
  return { kind: 'path', url: location, immutable: ARCHIVE.test(withoutFragment) };
}

/** The name (and, for a wheel or sdist file, the version) a URL or path names. */
function nameFromReference(location: string): { name: string; version?: string } | undefined {
  const egg = /[#&]egg=([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(location);
  if (egg && isValidPypiName(egg[1])) return { name: egg[1] };
  const fileName = decodePercent(location.split('#')[0].split('?')[0].split(/[/\\]/).pop() ?? '');
  const wheel = wheelNameAndVersion(fileName);
  if (wheel) return wheel;
  const sdist = ARCHIVE.test(fileName) ? /^(.+)-([^-]+)\.(?:zip|tar\.gz|tgz|tar\.bz2|tbz|tar\.xz|txz|tar)$/i.exec(fileName) : null;
  if (sdist && isValidPypiName(sdist[1]) && validPep440(sdist[2]) !== null) return { name: sdist[1], version: sdist[2] };
  return undefined;
}

/** `%2B` and friends decoded; text that is not valid percent-encoding is kept as written. */
function decodePercent(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function malformed(file: TextFile, line: LogicalLine, offset: number, message: string): ChainwardError {
  return new ChainwardError({
    code: 'SBOM_MALFORMED_FILE',
    category: 'bad-input',
    message,
    location: { file: file.path, ...line.positionOf(offset) },
  });
}
