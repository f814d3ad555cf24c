/**
 * uv.lock `version = 1` (every `revision` so far). Workspace members (the
 * `[manifest] members`, else the package whose source is the project itself)
 * are the roots; their `dependencies`, `optional-dependencies` (extras) and
 * `dev-dependencies` (dependency groups) are the project's requirements.
 */
import { ChainwardError } from '../../../common/errors.js';
import type { DependencyGraph } from '../../model/graph.js';
import type { ProjectFiles, TextFile } from '../types.js';
import { buildLockedGraph, type LockedDependency, type LockedPackage, type LockedRoot, type RootRequirement } from './locked-graph.js';
import { hashesFrom, normalizePypiName, redactUrl } from './names.js';
import { readPyproject } from './pyproject.js';
import { projectRoot, rootRequirementsFrom } from './project-root.js';
import { arrayAt, entriesOf, isTable, locate, parseTomlFile, stringAt, stringsAt, tableAt, type TomlTable } from '../../common/parse-toml.js';

/** Sources that are the project's own code rather than a dependency fetched from elsewhere. */
const LOCAL_PROJECT_SOURCES = ['editable', 'virtual'];

export function parseUvProject(files: ProjectFiles): DependencyGraph {
  const { lockfile } = files;
  const document = parseTomlFile(lockfile, 'uv.lock');
  if (document.version !== 1) {
    throw new ChainwardError({
      code: 'SBOM_UNSUPPORTED_LOCKFILE_VERSION',
      category: 'bad-input',
      message: document.version === undefined ? 'uv.lock has no version' : `uv.lock version ${String(document.version)} is not supported (version 1 is)`,
      location: document.version === undefined ? { file: lockfile.path } : locate(lockfile, 'version'),
    });
  }
  const warnings: string[] = [];
  const entries = arrayAt(document, 'package');
  const packages = entries.map((entry, index) => readPackage(lockfile, entry, index));
  const members = new Set(stringsAt(tableAt(document, 'manifest'), 'members').map(normalizePypiName));
  const memberPackages = entries.flatMap((entry, index) => {
    const source = tableAt(entry, 'source');
    const local = LOCAL_PROJECT_SOURCES.find((kind) => stringAt(source, kind) !== undefined);
    if (!local) return [];
    const isMember = members.size > 0 ? members.has(normalizePypiName(packages[index].name)) : stringAt(source, local) === '.';
    return isMember ? [{ entry: entry as TomlTable, pkg: packages[index] }] : [];
  });

  const manifest = files.manifests.find((m) => m.path.endsWith('pyproject.toml'));
  const pyproject = manifest ? readPyproject(manifest) : undefined;
  let roots: LockedRoot[];
  if (memberPackages.length > 0) {
    roots = memberPackages.map(({ entry, pkg }) => {
      const isTopProject = pyproject?.name !== undefined && normalizePypiName(pyproject.name) === normalizePypiName(pkg.name);
      return {
        name: pkg.name,
        version: pkg.version,
        licenses: isTopProject ? pyproject.licenses : [],
        sourceFile: isTopProject && manifest ? manifest.path : lockfile.path,
        packageKey: pkg.key,
        requirements: memberRequirements(entry),
      };
    });
  } else {
    warnings.push('no workspace member found in uv.lock; the project root is taken from pyproject.toml');
    roots = [{ ...projectRoot(lockfile.path, manifest, pyproject), requirements: pyproject ? rootRequirementsFrom(pyproject) : [] }];
  }
  return buildLockedGraph({
    ecosystem: 'pypi',
    lockfile: lockfile.path,
    sources: [lockfile.path, ...(manifest ? [manifest.path] : [])],
    packages,
    roots,
    warnings,
  });
}

function readPackage(file: TextFile, entry: unknown, index: number): LockedPackage {
  const name = isTable(entry) ? stringAt(entry, 'name') : undefined;
  if (!isTable(entry) || name === undefined) {
    throw new ChainwardError({
      code: 'SBOM_MALFORMED_FILE',
      category: 'bad-input',
      message: `[[package]] number ${index + 1} has no name`,
      location: { file: file.path },
    });
  }
  // A workspace member with a dynamic version has none in the lockfile.
  const version = stringAt(entry, 'version') ?? '';
  const source = tableAt(entry, 'source');
  const hashes = hashesFrom([tableAt(entry, 'sdist'), ...arrayAt(entry, 'wheels')].map((artifact) => (isTable(artifact) ? stringAt(artifact, 'hash') : undefined)));
  const properties: Record<string, string> = {};
  const qualifiers = sourceFacts(source, properties);
  const extras = new Map<string, LockedDependency[]>();
  for (const [extra, list] of entriesOf(tableAt(entry, 'optional-dependencies'))) extras.set(extra, dependencyList(list));
  return {
    key: `${normalizePypiName(name)}@${version}#${index}`,
    name,
    version,
    sourceId: serialiseSource(source),
    ...(qualifiers ? { purlQualifiers: qualifiers } : {}),
    hashes,
    properties,
    dependencies: dependencyList(entry.dependencies),
    extras,
  };
}

/** A member's requirements: run-time, its extras (optional), its dependency groups (development). */
function memberRequirements(entry: TomlTable): RootRequirement[] {
  const requirements: RootRequirement[] = dependencyList(entry.dependencies).map((d) => ({ ...d, kind: 'prod' }));
  for (const [, list] of entriesOf(tableAt(entry, 'optional-dependencies'))) {
    requirements.push(...dependencyList(list).map((d): RootRequirement => ({ ...d, kind: 'optional' })));
  }
  for (const [, list] of entriesOf(tableAt(entry, 'dev-dependencies'))) {
    requirements.push(...dependencyList(list).map((d): RootRequirement => ({ ...d, kind: 'dev' })));
  }
  return requirements;
}

/** `[{ name = "x", version = "1.0", source = {...}, extra = ["a"], marker = "..." }]` */
function dependencyList(list: unknown): LockedDependency[] {
  if (!Array.isArray(list)) return [];
  return list.flatMap((item): LockedDependency[] => {
    const name = isTable(item) ? stringAt(item, 'name') : undefined;
    if (!isTable(item) || name === undefined) return [];
    const version = stringAt(item, 'version');
    const source = serialiseSource(tableAt(item, 'source'));
    return [{ name, extras: stringsAt(item, 'extra'), ...(version === undefined ? {} : { version }), ...(source === undefined ? {} : { source }) }];
  });
}

function serialiseSource(source: TomlTable | undefined): string | undefined {
  if (!source) return undefined;
  return entriesOf(source)
    .map(([key, value]) => `${key}=${String(value)}`)
    .sort()
    .join('&');
}

/** `source = { registry | git | url | path | directory | editable | virtual = "..." }` */
function sourceFacts(source: TomlTable | undefined, properties: Record<string, string>): Record<string, string> | undefined {
  const registry = stringAt(source, 'registry');
  if (registry !== undefined) {
    return /^https?:\/\/pypi\.org\/simple\/?$/.test(registry) ? undefined : { repository_url: redactUrl(registry) };
  }
  const git = stringAt(source, 'git');
  if (git !== undefined) {
    // `https://host/repo.git?rev=main#<commit>`: the fragment is the commit uv resolved.
    const [location, commit] = git.split('#');
    const vcsUrl = `git+${redactUrl(location.split('?')[0])}${commit ? `@${commit}` : ''}`;
    properties['chainward:pypi:source'] = 'vcs';
    properties['chainward:pypi:source-url'] = vcsUrl;
    return { vcs_url: vcsUrl };
  }
  const url = stringAt(source, 'url');
  if (url !== undefined) {
    properties['chainward:pypi:source'] = 'url';
    properties['chainward:pypi:source-url'] = redactUrl(url);
    return { download_url: redactUrl(url) };
  }
  for (const kind of ['path', 'directory', 'editable', 'virtual']) {
    const location = stringAt(source, kind);
    if (location === undefined) continue;
    properties['chainward:pypi:source'] = 'path';
    properties['chainward:pypi:source-url'] = location;
    if (kind === 'editable') properties['chainward:pypi:editable'] = 'true';
  }
  return undefined;
}
