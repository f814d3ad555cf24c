/**
 * What a pyproject.toml declares: the project's name, version and licence,
 * and its dependencies from PEP 621 `[project]`, PEP 735 `[dependency-groups]`,
 * Poetry's `[tool.poetry.*]` tables and uv's legacy `[tool.uv] dev-dependencies`.
 */
import type { EdgeKind } from '../../common/classify.js';
import { licenseFact } from '../../licenses/normalize.js';
import type { LicenseFact } from '../../model/graph.js';
import type { TextFile } from '../types.js';
import { redactUrl } from './names.js';
import { parseRequirement } from './pep508.js';
import { arrayAt, badValue, entriesOf, isTable, parseTomlFile, stringAt, stringsAt, tableAt, type TomlTable } from '../../common/parse-toml.js';

export interface DeclaredDependency {
  /** As written. */
  name: string;
  /** Version constraint as written ('' when none): PEP 440, or Poetry's own syntax (`^1.2`). */
  specifier: string;
  extras: string[];
  marker?: string;
  /** Poetry's `python = "<3.8"` restriction, in Poetry's constraint syntax. */
  python?: string;
  /** `prod` for run time, `optional` for an extra of the project, `dev` for a dependency group. */
  kind: Extract<EdgeKind, 'prod' | 'optional' | 'dev'>;
  /** `main`, the extra's name or the group's name. */
  group: string;
  /** A URL, VCS or path source instead of an index. */
  reference?: { kind: 'vcs' | 'url' | 'path'; url: string };
}

export interface PyprojectInfo {
  /** True when the file describes a project (`[project]` or `[tool.poetry]`), not only tool settings. */
  isProject: boolean;
  name?: string;
  /** Absent when dynamic or not stated. */
  version?: string;
  licenses: LicenseFact[];
  dependencies: DeclaredDependency[];
}

export function readPyproject(file: TextFile): PyprojectInfo {
  const document = parseTomlFile(file, 'pyproject.toml');
  const project = tableAt(document, 'project');
  const poetry = tableAt(document, 'tool', 'poetry');
  const dynamic = stringsAt(project, 'dynamic');
  const name = stringAt(project, 'name') ?? stringAt(poetry, 'name');
  const version = (dynamic.includes('version') ? undefined : stringAt(project, 'version')) ?? stringAt(poetry, 'version');
  const dependencies = [...pep621Dependencies(file, project), ...dependencyGroups(file, document), ...poetryDependencies(file, poetry), ...uvDevDependencies(file, document)];
  return {
    isProject: project !== undefined || poetry !== undefined,
    ...(name === undefined ? {} : { name }),
    ...(version === undefined ? {} : { version }),
    licenses: projectLicenses(project, poetry),
    dependencies: uniqueDependencies(dependencies),
  };
}

function projectLicenses(project: TomlTable | undefined, poetry: TomlTable | undefined): LicenseFact[] {
  const value = project?.license;
  // PEP 639 writes an SPDX expression; PEP 621 wrote `{ text = "..." }` or `{ file = "LICENSE" }` (a file we do not read).
  const text = typeof value === 'string' ? value : isTable(value) ? stringAt(value, 'text') : stringAt(poetry, 'license');
  const fact = text === undefined ? undefined : licenseFact(text, 'manifest');
  return fact ? [fact] : [];
}

function pep621Dependencies(file: TextFile, project: TomlTable | undefined): DeclaredDependency[] {
  const result = pep508List(file, stringsAt(project, 'dependencies'), 'prod', 'main', '[project]');
  for (const [extra, list] of entriesOf(tableAt(project, 'optional-dependencies'))) {
    result.push(...pep508List(file, Array.isArray(list) ? list.filter((x): x is string => typeof x === 'string') : [], 'optional', extra, 'optional-dependencies'));
  }
  return result;
}

function dependencyGroups(file: TextFile, document: TomlTable): DeclaredDependency[] {
  const result: DeclaredDependency[] = [];
  // `{ include-group = "..." }` entries repeat another group's requirements, which that group lists itself.
  for (const [group, list] of entriesOf(tableAt(document, 'dependency-groups'))) {
    const strings = Array.isArray(list) ? list.filter((x): x is string => typeof x === 'string') : [];
    result.push(...pep508List(file, strings, 'dev', group, '[dependency-groups]'));
  }
  return result;
}

function uvDevDependencies(file: TextFile, document: TomlTable): DeclaredDependency[] {
  return pep508List(file, stringsAt(tableAt(document, 'tool', 'uv'), 'dev-dependencies'), 'dev', 'dev', '[tool.uv]');
}

function pep508List(file: TextFile, list: string[], kind: DeclaredDependency['kind'], group: string, section: string): DeclaredDependency[] {
  return list.map((text) => {
    const parsed = parseRequirement(text);
    if (!parsed.ok) throw badValue(file, `invalid requirement "${text}" in ${section}: ${parsed.message}`, text);
    const { name, specifier, extras, marker, url } = parsed.requirement;
    return {
      name,
      specifier,
      extras,
      kind,
      group,
      ...(marker === undefined ? {} : { marker }),
      ...(url === undefined ? {} : { reference: { kind: /^(git|hg|svn|bzr)\+/i.test(url) ? 'vcs' : /^file:/i.test(url) ? 'path' : 'url', url: redactUrl(url) } as const }),
    };
  });
}

function poetryDependencies(file: TextFile, poetry: TomlTable | undefined): DeclaredDependency[] {
  if (!poetry) return [];
  const result = poetryTable(file, tableAt(poetry, 'dependencies'), 'prod', 'main');
  result.push(...poetryTable(file, tableAt(poetry, 'dev-dependencies'), 'dev', 'dev'));
  for (const [group, definition] of entriesOf(tableAt(poetry, 'group'))) {
    result.push(...poetryTable(file, tableAt(definition, 'dependencies'), group === 'main' ? 'prod' : 'dev', group));
  }
  return result;
}

/** `name = "^1.2"`, `name = { version = "...", extras = [...], optional = true, git = "..." }`, or a list of such tables. */
function poetryTable(file: TextFile, table: TomlTable | undefined, kind: DeclaredDependency['kind'], group: string): DeclaredDependency[] {
  const result: DeclaredDependency[] = [];
  for (const [name, value] of entriesOf(table)) {
    if (name.toLowerCase() === 'python') continue;
    const variants = Array.isArray(value) ? value : [value];
    for (const variant of variants) {
      if (typeof variant === 'string') {
        result.push({ name, specifier: variant, extras: [], kind, group });
        continue;
      }
      if (!isTable(variant)) throw badValue(file, `dependency "${name}" in [tool.poetry] is neither a version string nor a table`, name);
      const marker = stringAt(variant, 'markers') ?? '';
      const python = stringAt(variant, 'python');
      const reference = poetryReference(variant);
      result.push({
        name,
        specifier: stringAt(variant, 'version') ?? '',
        extras: arrayAt(variant, 'extras').filter((x): x is string => typeof x === 'string'),
        // An optional main dependency is installed only through one of the project's extras.
        kind: variant.optional === true && kind === 'prod' ? 'optional' : kind,
        group,
        ...(marker === '' ? {} : { marker }),
        ...(python === undefined || python === '*' ? {} : { python }),
        ...(reference ? { reference } : {}),
      });
    }
  }
  return result;
}

function poetryReference(variant: TomlTable): DeclaredDependency['reference'] {
  const git = stringAt(variant, 'git');
  if (git) {
    const ref = stringAt(variant, 'rev') ?? stringAt(variant, 'tag') ?? stringAt(variant, 'branch');
    return { kind: 'vcs', url: `git+${redactUrl(git)}${ref ? `@${ref}` : ''}` };
  }
  const url = stringAt(variant, 'url');
  if (url) return { kind: 'url', url: redactUrl(url) };
  const path = stringAt(variant, 'path');
  return path ? { kind: 'path', url: path } : undefined;
}

/** Poetry 2 may state a dependency in `[project]` and again in `[tool.poetry.dependencies]` (for its source): keep one per name and group. */
function uniqueDependencies(list: DeclaredDependency[]): DeclaredDependency[] {
  const seen = new Map<string, DeclaredDependency>();
  for (const dependency of list) {
    const key = `${dependency.name.replace(/[-_.]+/g, '-').toLowerCase()}\u0000${dependency.kind}\u0000${dependency.group}\u0000${dependency.marker ?? ''}`;
    const existing = seen.get(key);
    if (!existing) seen.set(key, dependency);
    else if (!existing.reference && dependency.reference) existing.reference = dependency.reference;
  }
  return [...seen.values()];
}
