import type { TextFile } from '../types.js';
import { parseGoModSyntax, syntaxError, unquote, type GoModStatement, type GoModToken, type Position } from './go-mod-syntax.js';

/** A module at a version; `version` is absent for a directory replacement and for "every version". */
export interface ModuleVersion {
  path: string;
  version?: string;
}

export interface GoRequirement {
  path: string;
  version: string;
  /** Marked `// indirect`: no package of the main module imports it directly. */
  indirect: boolean;
  at: Position;
}

export interface GoReplacement {
  /** Without a version, every version of the module is replaced. */
  old: ModuleVersion;
  /** A module path and version, or a directory (`./fork`, `../x`, `/abs`) without one. */
  new: ModuleVersion;
  directory: boolean;
  at: Position;
}

export interface GoModFile {
  module: string;
  /** The `go` directive, e.g. `1.21` or `1.22.5`. */
  go?: string;
  toolchain?: string;
  requires: GoRequirement[];
  excludes: Array<{ path: string; version: string; at: Position }>;
  replaces: GoReplacement[];
  /** Statements read but not used, each with its line. */
  warnings: string[];
}

const GO_VERSION = /^([1-9][0-9]*)\.(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*))?([a-z]+[0-9]+)?$/;
const TOOLCHAIN = /^local$|(^|-)go1/;
/** A canonical module version: vMAJOR.MINOR.PATCH, an optional pre-release, `+incompatible` as the only build suffix. */
const MODULE_VERSION = /^v(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?(\+incompatible)?$/;
/** Directives this parser knows and does not need: `retract` concerns this module's own versions. */
const IGNORED = new Set(['retract', 'godebug', 'tool', 'ignore']);

/**
 * Reads a go.mod (the main module's): the module path, `go` and `toolchain`, and the
 * `require`, `exclude` and `replace` directives in their single-line and block forms.
 * Errors name the line and column of the offending token, as the go command does.
 */
export function parseGoMod(file: TextFile): GoModFile {
  const result: Partial<GoModFile> & Pick<GoModFile, 'requires' | 'excludes' | 'replaces' | 'warnings'> = {
    requires: [],
    excludes: [],
    replaces: [],
    warnings: [],
  };
  let moduleAt: Position | undefined;
  for (const statement of parseGoModSyntax(file)) {
    const { verb, args } = statement;
    switch (verb.text) {
      case 'module':
        if (result.module !== undefined) throw syntaxError(file, verb, `repeated module directive (the first is at line ${moduleAt?.line})`);
        expectArgs(file, statement, 1, 'module module/path');
        result.module = modulePath(file, args[0]);
        moduleAt = verb;
        break;
      case 'go':
        if (result.go !== undefined) throw syntaxError(file, verb, 'repeated go directive');
        expectArgs(file, statement, 1, 'go 1.23');
        if (!GO_VERSION.test(args[0].text)) throw syntaxError(file, args[0], `invalid go version ${JSON.stringify(args[0].text)}: must look like 1.23 or 1.23.4`);
        result.go = args[0].text;
        break;
      case 'toolchain':
        if (result.toolchain !== undefined) throw syntaxError(file, verb, 'repeated toolchain directive');
        expectArgs(file, statement, 1, 'toolchain go1.23.4');
        if (!TOOLCHAIN.test(args[0].text)) throw syntaxError(file, args[0], `invalid toolchain ${JSON.stringify(args[0].text)}: must look like go1.23.4 or local`);
        result.toolchain = args[0].text;
        break;
      case 'require':
      case 'exclude': {
        expectArgs(file, statement, 2, `${verb.text} module/path v1.2.3`);
        const path = modulePath(file, args[0]);
        const version = moduleVersion(file, args[1]);
        if (verb.text === 'require') result.requires.push({ path, version, indirect: isIndirect(statement), at: args[0] });
        else result.excludes.push({ path, version, at: args[0] });
        break;
      }
      case 'replace':
        result.replaces.push(replacement(file, statement));
        break;
      default:
        if (IGNORED.has(verb.text)) break;
        // A future directive is skipped, as the go command's lax reader does; anything else is not go.mod.
        if (!/^[a-z]+$/.test(verb.text)) throw syntaxError(file, verb, `unknown directive ${JSON.stringify(verb.text)}`);
        result.warnings.push(`line ${verb.line}: unknown directive "${verb.text}" ignored`);
    }
  }
  if (result.module === undefined) throw syntaxError(file, { line: 1, column: 1 }, 'no module directive');
  return result as GoModFile;
}

function expectArgs(file: TextFile, statement: GoModStatement, count: number, usage: string): void {
  if (statement.args.length !== count) {
    const at = statement.args[count] ?? statement.args[statement.args.length - 1] ?? statement.verb;
    throw syntaxError(file, at, `expected ${count === 1 ? 'one argument' : `${count} arguments`} (usage: ${usage})`);
  }
}

function modulePath(file: TextFile, token: GoModToken): string {
  const path = unquote(token, file);
  if (path === '' || /\s/.test(path)) throw syntaxError(file, token, `invalid module path ${JSON.stringify(path)}`);
  // As Go's module.CheckPath: every path element has a name, so the purl has one too.
  if (path.startsWith('/') || path.endsWith('/') || path.includes('//')) throw syntaxError(file, token, `invalid module path ${JSON.stringify(path)}: empty path element`);
  return path;
}

function moduleVersion(file: TextFile, token: GoModToken): string {
  const version = unquote(token, file);
  const prerelease = /^v\d+\.\d+\.\d+-([^+]*)/.exec(version)?.[1];
  const leadingZero = prerelease?.split('.').some((part) => /^0\d+$/.test(part)) ?? false;
  if (!MODULE_VERSION.test(version) || leadingZero) {
    throw syntaxError(file, token, `invalid module version ${JSON.stringify(version)}: must be a canonical semantic version such as v1.2.3`);
  }
  return version;
}

/** `// indirect`, or a comment that starts with `indirect;` (modfile's rule). */
function isIndirect(statement: GoModStatement): boolean {
  const words = (statement.suffixComment ?? '').trim().split(/\s+/);
  return (words.length === 1 && words[0] === 'indirect') || (words.length > 1 && words[0] === 'indirect;');
}

/** `replace old [v] => new v` or `replace old [v] => ./directory`. */
function replacement(file: TextFile, statement: GoModStatement): GoReplacement {
  const { args } = statement;
  const usage = 'usage: replace module/path [v1.2.3] => other/module v1.4.0, or => ../local/directory';
  const arrow = args.length >= 2 && args[1].text === '=>' ? 1 : 2;
  if (args.length < arrow + 2 || args.length > arrow + 3 || args[arrow]?.text !== '=>') {
    throw syntaxError(file, args[arrow] ?? args[args.length - 1] ?? statement.verb, usage);
  }
  const old: ModuleVersion = { path: modulePath(file, args[0]) };
  if (arrow === 2) old.version = moduleVersion(file, args[1]);
  const target = args[arrow + 1];
  const newPath = unquote(target, file);
  const directory = isDirectoryPath(newPath);
  if (args.length === arrow + 2) {
    if (!directory) throw syntaxError(file, target, `a replacement without a version must be a directory (starting with ./, ../ or /): ${newPath}`);
    return { old, new: { path: newPath }, directory: true, at: args[0] };
  }
  if (directory) throw syntaxError(file, args[arrow + 2], `a replacement directory cannot have a version: ${newPath}`);
  return { old, new: { path: modulePath(file, target), version: moduleVersion(file, args[arrow + 2]) }, directory: false, at: args[0] };
}

/** As modfile.IsDirectoryPath: relative or rooted paths, in Unix or Windows spelling. */
export function isDirectoryPath(path: string): boolean {
  return /^(\.{1,2}[/\\]|[/\\]|[A-Za-z]:)/.test(path);
}
