import { parse, TomlError } from 'smol-toml';
import { ChainwardError } from '../../../common/errors.js';
import type { GraphWarning } from '../../model/graph.js';
import type { TextFile } from '../types.js';

/** A version as the catalog declares it: exact when it can be, else the constraint as written. */
export interface DeclaredVersion {
  /** '' when the declaration is not one exact version (a range, `1.+`, `latest.release`, none). */
  version: string;
  /** The declaration when it is not a plain exact version (`strictly [1.0,2.0); prefer 1.5`). */
  constraint?: string;
  /** A range or dynamic version: the build picks it. */
  unpinned: boolean;
}

export interface CatalogLibrary extends DeclaredVersion {
  alias: string;
  group: string;
  name: string;
  /** Bundles that list this library. */
  bundles: string[];
}

export interface CatalogPlugin extends DeclaredVersion {
  alias: string;
  id: string;
}

export interface VersionCatalog {
  libraries: CatalogLibrary[];
  plugins: CatalogPlugin[];
  warnings: GraphWarning[];
}

/** Inline tables nest two or three levels in a catalog. */
const MAX_TOML_DEPTH = 16;

/**
 * Reads a Gradle version catalog (`gradle/libs.versions.toml`, format 1.x):
 * `[versions]`, `[libraries]` (a `group:name:version` string, or a table with
 * `module` or `group` + `name`, and `version` as a string, a `ref` to
 * `[versions]` or a rich version), `[bundles]` and `[plugins]`. TOML syntax
 * errors are bad input with line and column; an entry the parser cannot use
 * is a warning.
 */
export function parseVersionCatalog(file: TextFile): VersionCatalog {
  let document: Record<string, unknown>;
  try {
    document = parse(file.text, { maxDepth: MAX_TOML_DEPTH, unsafeKeyBehaviour: 'drop' }) as Record<string, unknown>;
  } catch (error) {
    const where = error instanceof TomlError ? { line: error.line, column: error.column } : {};
    const message = (error instanceof Error ? error.message : String(error)).split('\n')[0]?.replace(/^Invalid TOML document: /, '');
    throw new ChainwardError({
      code: 'SBOM_MALFORMED_FILE',
      category: 'bad-input',
      message: `malformed version catalog: ${message}`,
      location: { file: file.path, ...where },
      cause: error,
    });
  }
  const warnings: GraphWarning[] = [];
  const warn = (message: string): void => void warnings.push({ file: file.path, message });
  const versions = table(document.versions);
  const resolveVersion = (value: unknown, where: string): DeclaredVersion => {
    if (isTable(value) && 'ref' in value) {
      const ref = value.ref;
      if (typeof ref !== 'string' || !Object.hasOwn(versions, ref)) {
        warn(`${where}: version.ref ${describe(ref)} is not in [versions]; no version taken`);
        return { version: '', unpinned: false };
      }
      return declaredVersion(versions[ref], () => warn(`${where}: [versions] ${ref} is not a version`));
    }
    return declaredVersion(value, () => warn(`${where}: version is not a string or a rich version`));
  };

  const libraries: CatalogLibrary[] = [];
  for (const [alias, entry] of Object.entries(table(document.libraries))) {
    const library = readLibrary(entry);
    if (!library) {
      warn(`[libraries] ${alias}: expected "group:name[:version]" or a table with module or group and name; left out`);
      continue;
    }
    const version = library.version === undefined ? { version: '', unpinned: false } : resolveVersion(library.version, `[libraries] ${alias}`);
    libraries.push({ alias, group: library.group, name: library.name, ...version, bundles: [] });
  }
  const byAlias = new Map(libraries.map((library) => [normaliseAlias(library.alias), library]));
  for (const [bundle, members] of Object.entries(table(document.bundles))) {
    if (!Array.isArray(members)) {
      warn(`[bundles] ${bundle}: expected a list of library aliases`);
      continue;
    }
    for (const member of members) {
      const library = typeof member === 'string' ? byAlias.get(normaliseAlias(member)) : undefined;
      if (library) library.bundles.push(bundle);
      else warn(`[bundles] ${bundle}: ${describe(member)} is not in [libraries]`);
    }
  }
  const plugins: CatalogPlugin[] = [];
  for (const [alias, entry] of Object.entries(table(document.plugins))) {
    const plugin = readPlugin(entry);
    if (!plugin) {
      warn(`[plugins] ${alias}: expected "id:version" or a table with id; left out`);
      continue;
    }
    const version = plugin.version === undefined ? { version: '', unpinned: false } : resolveVersion(plugin.version, `[plugins] ${alias}`);
    plugins.push({ alias, id: plugin.id, ...version });
  }
  return { libraries, plugins, warnings };
}

function readLibrary(entry: unknown): { group: string; name: string; version?: unknown } | undefined {
  if (typeof entry === 'string') {
    const [group, name, version, ...rest] = entry.split(':');
    if (!group || !name || rest.length > 0) return undefined;
    return { group, name, ...(version ? { version } : {}) };
  }
  if (!isTable(entry)) return undefined;
  let group = entry.group;
  let name = entry.name;
  if (typeof entry.module === 'string') {
    const parts = entry.module.split(':');
    if (parts.length !== 2) return undefined;
    [group, name] = parts;
  }
  if (typeof group !== 'string' || typeof name !== 'string' || group === '' || name === '') return undefined;
  return { group, name, ...(entry.version === undefined ? {} : { version: entry.version }) };
}

function readPlugin(entry: unknown): { id: string; version?: unknown } | undefined {
  if (typeof entry === 'string') {
    const [id, version, ...rest] = entry.split(':');
    if (!id || rest.length > 0) return undefined;
    return { id, ...(version ? { version } : {}) };
  }
  if (!isTable(entry) || typeof entry.id !== 'string' || entry.id === '') return undefined;
  return { id: entry.id, ...(entry.version === undefined ? {} : { version: entry.version }) };
}

/**
 * A plain version string, or a rich version (`strictly`, `require`,
 * `prefer`, `reject`): the exact version it pins, strictly before require
 * before prefer, with the whole declaration kept as the constraint when it
 * says more than one version.
 */
function declaredVersion(value: unknown, onBad: () => void): DeclaredVersion {
  if (typeof value === 'string') {
    return isExact(value) ? { version: value, unpinned: false } : { version: '', constraint: value, unpinned: true };
  }
  if (!isTable(value)) {
    onBad();
    return { version: '', unpinned: false };
  }
  const parts: string[] = [];
  for (const key of ['strictly', 'require', 'prefer', 'reject']) {
    const part = value[key];
    if (typeof part === 'string') parts.push(`${key} ${part}`);
    else if (Array.isArray(part)) parts.push(`${key} ${part.map(String).join(', ')}`);
  }
  if (value.rejectAll === true) parts.push('rejectAll');
  const pinned = (['strictly', 'require', 'prefer'] as const).map((key) => value[key]).find((part): part is string => typeof part === 'string');
  const constraint = parts.join('; ');
  if (pinned !== undefined && isExact(pinned)) {
    return { version: pinned, ...(parts.length > 1 ? { constraint } : {}), unpinned: false };
  }
  return { version: '', ...(constraint ? { constraint } : {}), unpinned: constraint !== '' };
}

/**
 * Not a range (`[1.0,2.0)`, `]1.0,)`), a prefix (`1.+`, `+`) or a `latest.*`
 * selector. A `+` inside a version is literal (`9+181-r4173-1`).
 */
function isExact(version: string): boolean {
  return version !== '' && !/^[[\]()]|[[\]()]$|\+$|^latest\./.test(version.trim());
}

/** Gradle treats `-`, `_` and `.` in aliases as the same separator. */
function normaliseAlias(alias: string): string {
  return alias.replace(/[-_.]/g, '.');
}

/** A value for a message: strings quoted, anything else by its TOML kind (tables may have no prototype to print with). */
function describe(value: unknown): string {
  if (typeof value === 'string') return `"${value}"`;
  if (Array.isArray(value)) return 'an array';
  return isTable(value) ? 'a table' : typeof value;
}

function table(value: unknown): Record<string, unknown> {
  return isTable(value) ? value : {};
}

function isTable(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}
