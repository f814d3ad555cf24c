import { ChainwardError } from '../../../common/errors.js';
import type { TextFile } from '../types.js';
import { asTable, parseTomlFile, type TomlTable } from '../../common/parse-toml.js';

/** Cargo's names for the dependency tables (`cargo metadata` calls them kind null, "dev", "build"). */
export type DependencyKind = 'normal' | 'dev' | 'build';

export interface DeclaredDependency {
  /** The key in the table: the name the code uses, which a rename (`package = "…"`) makes differ from the crate's. */
  key: string;
  /** The crate's real name, as Cargo.lock writes it. */
  name: string;
  kind: DependencyKind;
  optional: boolean;
  /** `cfg(...)` expression or target triple of a `[target.<t>.*dependencies]` table. */
  target?: string;
  /** The version requirement, when one is given (inherited from the workspace for `workspace = true`). */
  requirement?: string;
}

export interface CargoManifest {
  file: TextFile;
  /** `[package]`; absent for a virtual workspace manifest. */
  package?: { name: string; version: string; license?: string };
  /** `[workspace]` members and excludes (paths or globs, relative to the manifest's directory). */
  workspace?: { members: string[]; exclude: string[] };
  dependencies: DeclaredDependency[];
}

/** What members inherit from the workspace root: `[workspace.package]` and `[workspace.dependencies]`. */
export interface WorkspaceDefaults {
  version?: string;
  license?: string;
  dependencies: Map<string, { name: string; requirement?: string }>;
}

const SECTIONS: ReadonlyArray<[string, DependencyKind]> = [
  ['dependencies', 'normal'],
  ['dev-dependencies', 'dev'],
  ['dev_dependencies', 'dev'],
  ['build-dependencies', 'build'],
  ['build_dependencies', 'build'],
];

/** Reads the parts of a Cargo.toml the SBOM needs; `defaults` are the workspace root's, for a member. */
export function readCargoManifest(file: TextFile, defaults?: WorkspaceDefaults): { manifest: CargoManifest; defaults: WorkspaceDefaults } {
  const document = parseTomlFile(file, 'Cargo.toml');
  const own = workspaceDefaults(file, document);
  const inherited = defaults ?? own;
  const manifest: CargoManifest = { file, dependencies: [] };

  const pkg = optionalTable(file, document, 'package');
  if (pkg) {
    const name = pkg.name;
    if (typeof name !== 'string' || name === '') throw malformed(file, '[package] has no name', headerLine(file.text, 'package'));
    const version = inheritable(file, pkg.version, 'package.version', inherited.version) ?? '0.0.0';
    const license = inheritable(file, pkg.license, 'package.license', inherited.license);
    manifest.package = { name, version, ...(license ? { license } : {}) };
  }

  const workspace = optionalTable(file, document, 'workspace');
  if (workspace) manifest.workspace = { members: stringList(file, workspace.members, 'workspace.members'), exclude: stringList(file, workspace.exclude, 'workspace.exclude') };

  for (const [section, kind] of SECTIONS) {
    manifest.dependencies.push(...declared(file, optionalTable(file, document, section), section, kind, undefined, inherited));
  }
  const targets = optionalTable(file, document, 'target') ?? {};
  for (const [target, value] of Object.entries(targets)) {
    const table = asTable(value);
    if (!table) continue;
    for (const [section, kind] of SECTIONS) {
      const where = `target.${target}.${section}`;
      manifest.dependencies.push(...declared(file, tableAt(file, table[section], where), where, kind, target, inherited));
    }
  }
  return { manifest, defaults: own };
}

function workspaceDefaults(file: TextFile, document: TomlTable): WorkspaceDefaults {
  const workspace = asTable(document.workspace);
  const pkg = asTable(workspace?.package);
  const defaults: WorkspaceDefaults = { dependencies: new Map() };
  if (typeof pkg?.version === 'string') defaults.version = pkg.version;
  if (typeof pkg?.license === 'string') defaults.license = pkg.license;
  const dependencies = tableAt(file, workspace?.dependencies, 'workspace.dependencies');
  for (const [key, value] of Object.entries(dependencies ?? {})) {
    const spec = dependencySpec(file, value, `workspace.dependencies.${key}`);
    defaults.dependencies.set(key, { name: spec.package ?? key, ...(spec.version ? { requirement: spec.version } : {}) });
  }
  return defaults;
}

function declared(
  file: TextFile,
  table: TomlTable | undefined,
  where: string,
  kind: DependencyKind,
  target: string | undefined,
  defaults: WorkspaceDefaults,
): DeclaredDependency[] {
  const result: DeclaredDependency[] = [];
  for (const [key, value] of Object.entries(table ?? {})) {
    const spec = dependencySpec(file, value, `${where}.${key}`);
    const fromWorkspace = spec.workspace ? defaults.dependencies.get(key) : undefined;
    const name = spec.package ?? fromWorkspace?.name ?? key;
    const requirement = spec.version ?? fromWorkspace?.requirement;
    result.push({ key, name, kind, optional: spec.optional === true, ...(target ? { target } : {}), ...(requirement ? { requirement } : {}) });
  }
  return result;
}

interface DependencySpec {
  version?: string;
  package?: string;
  optional?: boolean;
  workspace?: boolean;
}

/** `"1.0"` or `{ version, package, optional, workspace, path, git, ... }`. */
function dependencySpec(file: TextFile, value: unknown, where: string): DependencySpec {
  if (typeof value === 'string') return { version: value };
  const table = asTable(value);
  if (!table) throw malformed(file, `${where} must be a version string or a table`);
  const spec: DependencySpec = {};
  if (typeof table.version === 'string') spec.version = table.version;
  if (typeof table.package === 'string') spec.package = table.package;
  if (typeof table.optional === 'boolean') spec.optional = table.optional;
  if (table.workspace === true) spec.workspace = true;
  return spec;
}

/** A string, or `{ workspace = true }` taking the workspace's value. */
function inheritable(file: TextFile, value: unknown, where: string, inherited: string | undefined): string | undefined {
  if (value === undefined || typeof value === 'string') return value;
  if (asTable(value)?.workspace === true) return inherited;
  throw malformed(file, `${where} must be a string or { workspace = true }`);
}

function optionalTable(file: TextFile, document: TomlTable, key: string): TomlTable | undefined {
  return tableAt(file, document[key], key);
}

function tableAt(file: TextFile, value: unknown, where: string): TomlTable | undefined {
  if (value === undefined) return undefined;
  const table = asTable(value);
  if (!table) throw malformed(file, `${where} must be a table`);
  return table;
}

function stringList(file: TextFile, value: unknown, where: string): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every((item): item is string => typeof item === 'string')) throw malformed(file, `${where} must be a list of strings`);
  return value;
}

/** Line of a `[name]` table header, for messages about that table. */
function headerLine(text: string, name: string): number | undefined {
  const match = new RegExp(`^[ \\t]*\\[[ \\t]*${name}[ \\t]*\\]`, 'm').exec(text);
  return match ? text.slice(0, match.index).split('\n').length : undefined;
}

function malformed(file: TextFile, message: string, line?: number): ChainwardError {
  return new ChainwardError({
    code: 'SBOM_MALFORMED_FILE',
    category: 'bad-input',
    message: `malformed Cargo.toml: ${message}`,
    location: { file: file.path, ...(line ? { line, column: 1 } : {}) },
  });
}
