/**
 * Pipfile.lock (pipfile-spec 6): `default` (run time), `develop` and any
 * custom category, each a map of name -> { version: "==1.0", hashes, markers }.
 * Everything listed is installed; the lockfile records no edges between
 * packages, so the Pipfile (when present) says which are direct.
 */
import { ChainwardError } from '../../../common/errors.js';
import { expectObject, parseJsonFile } from '../../common/parse-json.js';
import type { DependencyGraph, HashFact } from '../../model/graph.js';
import type { ProjectFiles, TextFile } from '../types.js';
import { buildLockedGraph, type LockedPackage, type RootRequirement } from './locked-graph.js';
import { addHashes, hashesFrom, normalizePypiName, redactUrl } from './names.js';
import { exactPin } from './pep508.js';
import { readPyproject } from './pyproject.js';
import { projectRoot } from './project-root.js';
import { entriesOf, isTable, parseTomlFile, stringAt, type TomlTable } from '../../common/parse-toml.js';

/** Pipfile tables that are settings, not package categories. */
const PIPFILE_SETTINGS = new Set(['source', 'requires', 'scripts', 'pipenv']);

export function parsePipenvProject(files: ProjectFiles): DependencyGraph {
  const { lockfile } = files;
  const document = expectObject(parseJsonFile(lockfile, 'Pipfile.lock'), lockfile.path, 'Pipfile.lock');
  const meta = isRecord(document._meta) ? document._meta : undefined;
  const spec = meta?.['pipfile-spec'];
  if (spec !== undefined && spec !== 6) {
    throw new ChainwardError({
      code: 'SBOM_UNSUPPORTED_LOCKFILE_VERSION',
      category: 'bad-input',
      message: `Pipfile.lock pipfile-spec ${String(spec)} is not supported (6 is)`,
      location: { file: lockfile.path },
    });
  }
  const indexes = indexUrls(meta);
  // Sections are resolved apart: one name may be locked at one version in `default` and another in `develop`.
  const packages = new Map<string, LockedPackage>();
  /** category -> normalised name -> the version locked in that category. */
  const versions = new Map<string, Map<string, string>>();
  let ownName: string | undefined;
  for (const [category, section] of Object.entries(document)) {
    if (category === '_meta' || !isRecord(section)) continue;
    const inCategory = new Map<string, string>();
    versions.set(category, inCategory);
    for (const [name, entry] of Object.entries(section)) {
      if (!isRecord(entry)) continue;
      // `{ path = ".", editable = true }` is the project itself, installed in development mode.
      if (entry.path === '.') {
        ownName ??= name;
        continue;
      }
      const pkg = readEntry(name, entry, category, indexes);
      inCategory.set(normalizePypiName(name), pkg.version);
      const existing = packages.get(pkg.key);
      if (!existing) {
        packages.set(pkg.key, pkg);
        continue;
      }
      addHashes(existing.hashes, pkg.hashes);
      if (category === 'default') existing.statedDevelopment = false;
    }
  }

  const pipfileText = files.manifests.find((m) => m.path.endsWith('Pipfile'));
  const pyprojectText = files.manifests.find((m) => m.path.endsWith('pyproject.toml'));
  const pyproject = pyprojectText ? readPyproject(pyprojectText) : undefined;
  const requirements = pipfileText
    ? pipfileRequirements(pipfileText, ownName, versions)
    : [...versions].flatMap(([category, inCategory]) =>
        [...inCategory].map(([name, version]): RootRequirement => ({ name, version, extras: [], kind: category === 'default' ? 'prod' : 'dev' })),
      );
  const root = projectRoot(lockfile.path, pyproject?.name ? pyprojectText : undefined, pyproject);
  if (!pyproject?.name && ownName) root.name = ownName;
  return buildLockedGraph({
    ecosystem: 'pypi',
    lockfile: lockfile.path,
    sources: [lockfile.path, ...[pipfileText, pyprojectText].flatMap((m) => (m ? [m.path] : []))],
    packages: [...packages.values()],
    roots: [{ ...root, requirements }],
    warnings: [],
    recordsNoEdges: true,
  });
}

function readEntry(name: string, entry: Record<string, unknown>, category: string, indexes: Map<string, string>): LockedPackage {
  const version = typeof entry.version === 'string' ? (exactPin(entry.version) ?? '') : '';
  const properties: Record<string, string> = {};
  let qualifiers: Record<string, string> | undefined;
  if (typeof entry.markers === 'string') properties['chainward:pypi:marker'] = entry.markers;
  if (Array.isArray(entry.extras)) properties['chainward:pypi:extras'] = entry.extras.filter((e) => typeof e === 'string').join(',');
  if (entry.editable === true) properties['chainward:pypi:editable'] = 'true';
  if (typeof entry.git === 'string') {
    const vcsUrl = `git+${redactUrl(entry.git)}${typeof entry.ref === 'string' ? `@${entry.ref}` : ''}`;
    properties['chainward:pypi:source'] = 'vcs';
    properties['chainward:pypi:source-url'] = vcsUrl;
    qualifiers = { vcs_url: vcsUrl };
  } else if (typeof entry.path === 'string' || typeof entry.file === 'string') {
    properties['chainward:pypi:source'] = 'path';
    properties['chainward:pypi:source-url'] = String(entry.path ?? entry.file);
  } else if (typeof entry.index === 'string') {
    const url = indexes.get(entry.index);
    if (url && !/^https?:\/\/pypi\.org\/simple\/?$/.test(url)) qualifiers = { repository_url: redactUrl(url) };
  }
  if (version === '') properties['chainward:declared-only'] = 'true';
  return {
    key: `${normalizePypiName(name)}@${version}`,
    name,
    version,
    ...(qualifiers ? { purlQualifiers: qualifiers } : {}),
    hashes: hashesOf(entry),
    properties,
    dependencies: [],
    extras: new Map(),
    statedDevelopment: category !== 'default',
  };
}

function hashesOf(entry: Record<string, unknown>): HashFact[] {
  return hashesFrom((Array.isArray(entry.hashes) ? entry.hashes : []).map((text) => (typeof text === 'string' ? text : undefined)));
}

function indexUrls(meta: Record<string, unknown> | undefined): Map<string, string> {
  const result = new Map<string, string>();
  for (const source of Array.isArray(meta?.sources) ? meta.sources : []) {
    if (isRecord(source) && typeof source.name === 'string' && typeof source.url === 'string') result.set(source.name, source.url);
  }
  return result;
}

/** [packages] are run-time requirements, [dev-packages] and custom categories development ones. */
function pipfileRequirements(file: TextFile, ownName: string | undefined, versions: Map<string, Map<string, string>>): RootRequirement[] {
  const document = parseTomlFile(file, 'Pipfile');
  const requirements: RootRequirement[] = [];
  for (const [category, table] of entriesOf(document)) {
    if (PIPFILE_SETTINGS.has(category) || !isTable(table)) continue;
    for (const [name, value] of entriesOf(table as TomlTable)) {
      if (ownName !== undefined && normalizePypiName(name) === normalizePypiName(ownName)) continue;
      if (isTable(value) && stringAt(value, 'path') === '.') continue;
      const markers = isTable(value) ? stringAt(value, 'markers') ?? stringAt(value, 'sys_platform') ?? stringAt(value, 'platform_machine') : undefined;
      // The lockfile section of a Pipfile category: [packages] -> default, [dev-packages] -> develop, others by name.
      const section = category === 'packages' ? 'default' : category === 'dev-packages' ? 'develop' : category;
      const version = versions.get(section)?.get(normalizePypiName(name));
      requirements.push({
        name,
        ...(version === undefined ? {} : { version }),
        extras: isTable(value) && Array.isArray(value.extras) ? value.extras.filter((e): e is string => typeof e === 'string') : [],
        kind: category === 'packages' ? 'prod' : 'dev',
        mayBeAbsent: markers !== undefined,
      });
    }
  }
  return requirements;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
