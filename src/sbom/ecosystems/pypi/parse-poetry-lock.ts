/**
 * poetry.lock, lock-version 1.x (Poetry 1.0-1.4: `category`, hashes under
 * `[metadata.files]` or `[metadata.hashes]`) and 2.x (Poetry 1.5+: `files`
 * per package; 2.1 adds `groups` and per-package `markers`).
 */
import { ChainwardError } from '../../../common/errors.js';
import type { DependencyGraph, HashFact } from '../../model/graph.js';
import type { ProjectFiles, TextFile } from '../types.js';
import { buildLockedGraph, type LockedDependency, type LockedPackage, type RootRequirement } from './locked-graph.js';
import { addHashes, hashesFrom, normalizePypiName, parseHash, redactUrl } from './names.js';
import { readPyproject, type PyprojectInfo } from './pyproject.js';
import { projectRoot, rootRequirementsFrom } from './project-root.js';
import { arrayAt, entriesOf, isTable, locate, parseTomlFile, stringAt, stringsAt, tableAt, type TomlTable } from '../../common/parse-toml.js';

export function parsePoetryProject(files: ProjectFiles): DependencyGraph {
  const { lockfile } = files;
  const document = parseTomlFile(lockfile, 'poetry.lock');
  const metadata = tableAt(document, 'metadata');
  const lockVersion = stringAt(metadata, 'lock-version');
  if (lockVersion === undefined || !/^[12]\.\d+$/.test(lockVersion)) {
    throw new ChainwardError({
      code: 'SBOM_UNSUPPORTED_LOCKFILE_VERSION',
      category: 'bad-input',
      message: lockVersion === undefined ? 'poetry.lock has no [metadata] lock-version' : `poetry.lock lock-version ${lockVersion} is not supported (1.x and 2.x are)`,
      location: lockVersion === undefined ? { file: lockfile.path } : locate(lockfile, 'lock-version', '[metadata]'),
    });
  }
  const warnings: string[] = [];
  const legacyHashes = legacyFileHashes(metadata);
  const packages = arrayAt(document, 'package').map((entry, index) => readPackage(lockfile, entry, index, legacyHashes));

  const manifest = files.manifests.find((m) => m.path.endsWith('pyproject.toml'));
  const pyproject: PyprojectInfo | undefined = manifest ? readPyproject(manifest) : undefined;
  let requirements: RootRequirement[];
  if (pyproject) {
    requirements = rootRequirementsFrom(pyproject);
  } else {
    // Every locked package is reached from the project, so those nothing else depends on are its direct dependencies.
    warnings.push('pyproject.toml is missing beside poetry.lock: direct dependencies are inferred (the packages no other package depends on)');
    requirements = inferDirect(packages);
  }
  return buildLockedGraph({
    ecosystem: 'pypi',
    lockfile: lockfile.path,
    sources: [lockfile.path, ...(manifest ? [manifest.path] : [])],
    packages,
    roots: [{ ...projectRoot(lockfile.path, manifest, pyproject), requirements }],
    warnings,
  });
}

function readPackage(file: TextFile, entry: unknown, index: number, legacyHashes: Map<string, HashFact[]>): LockedPackage {
  const name = isTable(entry) ? stringAt(entry, 'name') : undefined;
  const version = isTable(entry) ? stringAt(entry, 'version') : undefined;
  if (!isTable(entry) || name === undefined || version === undefined) {
    throw new ChainwardError({
      code: 'SBOM_MALFORMED_FILE',
      category: 'bad-input',
      message: `[[package]] number ${index + 1} has no name or version`,
      location: locateNth(file, '[[package]]', index),
    });
  }
  const hashes = hashesFrom(arrayAt(entry, 'files').map((fileEntry) => (isTable(fileEntry) ? stringAt(fileEntry, 'hash') : undefined)));
  addHashes(hashes, legacyHashes.get(normalizePypiName(name)) ?? []);

  const properties: Record<string, string> = {};
  const groups = stringsAt(entry, 'groups');
  if (groups.length > 0) properties['chainward:pypi:groups'] = groups.join(',');
  const markers = entry.markers;
  if (typeof markers === 'string') properties['chainward:pypi:marker'] = markers;
  const qualifiers = sourceFacts(tableAt(entry, 'source'), properties);
  if (entry.develop === true) properties['chainward:pypi:editable'] = 'true';

  const optionalNames = new Map<string, LockedDependency[]>();
  const dependencies: LockedDependency[] = [];
  for (const [depName, value] of entriesOf(tableAt(entry, 'dependencies'))) {
    for (const variant of Array.isArray(value) ? value : [value]) {
      const dependency: LockedDependency = {
        name: depName,
        extras: isTable(variant) ? stringsAt(variant, 'extras') : [],
        ...constraintOf(variant),
      };
      if (isTable(variant) && variant.optional === true) {
        const key = normalizePypiName(depName);
        optionalNames.set(key, [...(optionalNames.get(key) ?? []), dependency]);
      } else {
        dependencies.push(dependency);
      }
    }
  }
  // [package.extras]: extra -> ["lockfile (>=0.9)", "redis[hiredis] (>=4) ; python_version < '3.8'"]; each names an optional dependency.
  const extras = new Map<string, LockedDependency[]>();
  for (const [extra, list] of entriesOf(tableAt(entry, 'extras'))) {
    const added: LockedDependency[] = [];
    for (const item of Array.isArray(list) ? list : []) {
      const itemName = typeof item === 'string' ? /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(item)?.[1] : undefined;
      if (itemName) added.push(...(optionalNames.get(normalizePypiName(itemName)) ?? []));
    }
    extras.set(extra, added);
  }

  return {
    key: `${normalizePypiName(name)}@${version}#${index}`,
    name,
    version,
    ...(qualifiers ? { purlQualifiers: qualifiers } : {}),
    hashes,
    properties,
    dependencies,
    extras,
    ...statedDevelopment(entry, groups),
  };
}

/** 1.x says `category = "dev"`; 2.1 lists `groups`, where `main` is the run-time group. 2.0 says neither. */
function statedDevelopment(entry: TomlTable, groups: string[]): { statedDevelopment?: boolean } {
  const category = stringAt(entry, 'category');
  if (category !== undefined) return { statedDevelopment: category !== 'main' };
  if (groups.length > 0) return { statedDevelopment: !groups.includes('main') };
  return {};
}

function constraintOf(variant: unknown): { constraint?: string } {
  const constraint = typeof variant === 'string' ? variant : isTable(variant) ? stringAt(variant, 'version') : undefined;
  return constraint === undefined || constraint === '*' ? {} : { constraint };
}

/** `[package.source]`: git, url, file, directory, or a private index (`legacy`). */
function sourceFacts(source: TomlTable | undefined, properties: Record<string, string>): Record<string, string> | undefined {
  const type = stringAt(source, 'type');
  const url = stringAt(source, 'url');
  if (!type || !url) return undefined;
  switch (type) {
    case 'git': {
      const commit = stringAt(source, 'resolved_reference') ?? stringAt(source, 'reference');
      const vcsUrl = `git+${redactUrl(url)}${commit ? `@${commit}` : ''}`;
      properties['chainward:pypi:source'] = 'vcs';
      properties['chainward:pypi:source-url'] = vcsUrl;
      return { vcs_url: vcsUrl };
    }
    case 'url':
      properties['chainward:pypi:source'] = 'url';
      properties['chainward:pypi:source-url'] = redactUrl(url);
      return { download_url: redactUrl(url) };
    case 'file':
    case 'directory':
      properties['chainward:pypi:source'] = 'path';
      properties['chainward:pypi:source-url'] = url;
      return undefined;
    default:
      // `legacy` (a PEP 503 index other than PyPI), `pypi` or an unknown type with an index URL.
      if (!/^https?:\/\/pypi\.org\/simple\/?$/.test(url)) return { repository_url: redactUrl(url) };
      return undefined;
  }
}

/** lock-version 1.1: `[metadata.files] name = [{ file, hash }]`; 1.0: `[metadata.hashes] name = ["<sha256>"]`. */
function legacyFileHashes(metadata: TomlTable | undefined): Map<string, HashFact[]> {
  const result = new Map<string, HashFact[]>();
  for (const [name, list] of entriesOf(tableAt(metadata, 'files'))) {
    result.set(normalizePypiName(name), hashesFrom((Array.isArray(list) ? list : []).map((item) => (isTable(item) ? stringAt(item, 'hash') : undefined))));
  }
  for (const [name, list] of entriesOf(tableAt(metadata, 'hashes'))) {
    const hashes = (Array.isArray(list) ? list : []).flatMap((item) => {
      const hash = typeof item === 'string' ? parseHash(item, 'sha256') : undefined;
      return hash ? [hash] : [];
    });
    result.set(normalizePypiName(name), hashes);
  }
  return result;
}

function inferDirect(packages: LockedPackage[]): RootRequirement[] {
  const depended = new Set<string>();
  for (const pkg of packages) {
    for (const dependency of [...pkg.dependencies, ...[...pkg.extras.values()].flat()]) depended.add(normalizePypiName(dependency.name));
  }
  return packages
    .filter((pkg) => !depended.has(normalizePypiName(pkg.name)))
    .map((pkg) => ({ name: pkg.name, version: pkg.version, extras: [], kind: pkg.statedDevelopment ? 'dev' : 'prod' }));
}

function locateNth(file: TextFile, needle: string, index: number): { file: string; line?: number; column?: number } {
  let offset = -1;
  for (let i = 0; i <= index; i++) {
    offset = file.text.indexOf(needle, offset + 1);
    if (offset < 0) return { file: file.path };
  }
  const before = file.text.slice(0, offset);
  return { file: file.path, line: before.split('\n').length, column: offset - before.lastIndexOf('\n') };
}
