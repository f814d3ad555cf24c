import { ChainwardError } from '../../../common/errors.js';
import { parseYamlFile, topLevelKeyPosition } from '../../common/parse-yaml.js';
import type { TextFile } from '../types.js';
import { hasPatchHash, parseDepPath, withoutPeerSuffix, type PnpmGeneration } from './dep-path.js';

export type DependencyKind = 'prod' | 'dev' | 'optional';

/** One importer (workspace project) and its direct dependencies as `[name, reference]`. */
export interface PnpmImporter {
  /** Relative to the lockfile's directory, '.' for the root project. */
  path: string;
  dependencies: Array<{ name: string; reference: string; kind: DependencyKind }>;
}

/** One resolved package instance (one per key, so one per peer combination). */
export interface PnpmPackage {
  key: string;
  name: string;
  version: string;
  integrity?: string;
  dependencies: Array<[string, string]>;
  optionalDependencies: Array<[string, string]>;
  /** Names declared in `peerDependencies`; the matching `dependencies` are the resolved peers. */
  peerNames: Set<string>;
  patched: boolean;
  /** The flags 5.x/6.x lockfiles record (`dev: true|false`, `optional: true`); absent in 9.x. */
  recorded: { dev?: boolean; optional?: boolean };
}

export interface PnpmLockfile {
  lockfileVersion: string;
  generation: PnpmGeneration;
  importers: PnpmImporter[];
  /** By key as written in the lockfile (`snapshots` keys in 9.x). */
  packages: Map<string, PnpmPackage>;
  problems: string[];
}

const SECTIONS: ReadonlyArray<[string, DependencyKind]> = [
  ['dependencies', 'prod'],
  ['devDependencies', 'dev'],
  ['optionalDependencies', 'optional'],
];

/**
 * Reads pnpm-lock.yaml 5.x, 6.x and 9.x into one shape. 9.x splits a package
 * into `packages` (metadata, keyed without peers) and `snapshots`
 * (dependencies, keyed with peers); older versions hold both in `packages`.
 */
export function parsePnpmLock(file: TextFile): PnpmLockfile {
  const parsed = parseYamlFile(file, 'pnpm-lock.yaml');
  if (typeof parsed.value !== 'object' || parsed.value === null || Array.isArray(parsed.value)) {
    throw new ChainwardError({
      code: 'SBOM_MALFORMED_FILE',
      category: 'bad-input',
      message: 'malformed pnpm-lock.yaml: the document is not a mapping',
      location: { file: file.path, line: 1, column: 1 },
    });
  }
  const document = parsed.value as Record<string, unknown>;
  const lockfileVersion = typeof document.lockfileVersion === 'string' ? document.lockfileVersion.trim() : '';
  const generation = generationOf(lockfileVersion);
  if (!generation) {
    throw new ChainwardError({
      code: 'SBOM_UNSUPPORTED_LOCKFILE_VERSION',
      category: 'bad-input',
      message: `pnpm-lock.yaml lockfileVersion ${lockfileVersion || '(missing)'} is not supported (this parser reads 5.x, 6.x and 9.x)`,
      location: { file: file.path, ...topLevelKeyPosition(parsed, 'lockfileVersion') },
    });
  }
  const problems: string[] = [];
  const patchedNames = new Set(Object.keys(asRecord(document.patchedDependencies)));
  const packages = new Map<string, PnpmPackage>();
  const metadataSection = asRecord(document.packages);
  const instanceSection = generation === 9 ? asRecord(document.snapshots) : metadataSection;
  const describedKeys = new Set<string>();
  for (const [key, value] of Object.entries(instanceSection)) {
    const metadataKey = generation === 9 ? withoutPeerSuffix(key, 9) : key;
    describedKeys.add(metadataKey);
    const pkg = readPackage(key, asRecord(value), asRecord(metadataSection[metadataKey]), generation, patchedNames);
    if (pkg) packages.set(key, pkg);
    else problems.push(`${key}: neither the key nor the entry gives a package name and version; entry skipped`);
  }
  if (generation === 9) {
    // A package without a snapshot is still in the lockfile; keep it, with no dependencies.
    for (const [key, value] of Object.entries(metadataSection)) {
      if (describedKeys.has(key)) continue;
      const pkg = readPackage(key, {}, asRecord(value), generation, patchedNames);
      if (pkg) packages.set(key, pkg);
    }
  }
  return { lockfileVersion, generation, importers: readImporters(document, generation), packages, problems };
}

function generationOf(version: string): PnpmGeneration | undefined {
  const major = /^(\d+)(\.\d+)?$/.exec(version)?.[1];
  return major === '5' ? 5 : major === '6' ? 6 : major === '9' ? 9 : undefined;
}

function readPackage(
  key: string,
  instance: Record<string, unknown>,
  metadata: Record<string, unknown>,
  generation: PnpmGeneration,
  patchedNames: Set<string>,
): PnpmPackage | undefined {
  const fromKey = parseDepPath(key, generation);
  const name = stringOf(metadata.name) ?? fromKey?.name;
  const version = stringOf(metadata.version) ?? fromKey?.version;
  if (!name || !version) return undefined;
  const recorded: PnpmPackage['recorded'] = {};
  if (instance.dev === 'true' || instance.dev === 'false') recorded.dev = instance.dev === 'true';
  if (instance.optional === 'true') recorded.optional = true;
  return {
    key,
    name,
    version,
    integrity: stringOf(asRecord(metadata.resolution).integrity),
    dependencies: stringEntries(instance.dependencies),
    optionalDependencies: stringEntries(instance.optionalDependencies),
    peerNames: new Set(Object.keys(asRecord(metadata.peerDependencies))),
    patched: hasPatchHash(key) || patchedNames.has(`${name}@${version}`) || patchedNames.has(name),
    recorded,
  };
}

/** `importers` of a workspace lockfile, or the top-level sections of a single-project one. */
function readImporters(document: Record<string, unknown>, generation: PnpmGeneration): PnpmImporter[] {
  const importers = document.importers === undefined ? { '.': document } : asRecord(document.importers);
  return Object.entries(importers).map(([path, value]) => {
    const importer = asRecord(value);
    const dependencies: PnpmImporter['dependencies'] = [];
    for (const [section, kind] of SECTIONS) {
      for (const [name, entry] of Object.entries(asRecord(importer[section]))) {
        // 5.x writes the reference itself; 6.x and 9.x write `{ specifier, version }`.
        const reference = generation === 5 ? stringOf(entry) : stringOf(asRecord(entry).version);
        if (reference) dependencies.push({ name, reference, kind });
      }
    }
    return { path, dependencies };
  });
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function stringEntries(value: unknown): Array<[string, string]> {
  return Object.entries(asRecord(value)).filter((entry): entry is [string, string] => typeof entry[1] === 'string');
}
