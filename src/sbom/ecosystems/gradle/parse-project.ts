import path from 'node:path';
import { emptyGraph, type DependencyGraph, type GraphWarning, type HashFact } from '../../model/graph.js';
import type { ProjectFiles, TextFile } from '../types.js';
import { buildCatalogGraph, buildLockedGraph } from './build-gradle-graph.js';
import { gradleFileKind, join, projectDirectoryOf, selfAndAncestors } from './gradle-files.js';
import { parseGradleLockfile, type LockedModule } from './parse-gradle-lockfile.js';
import { parseVersionCatalog, type CatalogLibrary } from './parse-version-catalog.js';
import { gradleProjectIdentity } from './project-identity.js';
import { readVerificationHashes } from './read-verification-metadata.js';

/** Lockfiles that lock a build's own tooling, not the project's class paths. */
const TOOLING_LOCKFILES: Readonly<Record<string, string>> = { 'buildscript-gradle.lockfile': 'buildscript', 'settings-gradle.lockfile': 'settings' };

/**
 * Parses a Gradle project from one of its files. A project's lockfiles (the
 * current one, the buildscript and settings ones, the legacy per-configuration
 * ones) are read together by the first of them in path order; the others give
 * an empty graph. A version catalog gives components only when no lockfile of
 * its build exists: with one, the lockfiles hold the resolved versions and the
 * catalog only tells which modules are declared directly.
 */
export function parseGradleProject(files: ProjectFiles): DependencyGraph {
  return gradleFileKind(files.lockfile.path) === 'catalog' ? parseCatalogProject(files) : parseLockedProject(files);
}

function parseLockedProject(files: ProjectFiles): DependencyGraph {
  const directory = projectDirectoryOf(files.lockfile.path);
  const lockfiles = [files.lockfile, ...files.manifests.filter((file) => isLockfile(file.path) && projectDirectoryOf(file.path) === directory)].sort(byPath);
  if (lockfiles[0]?.path !== files.lockfile.path) return emptyGraph();

  const modules = new Map<string, LockedModule>();
  const warnings: GraphWarning[] = [];
  for (const lockfile of lockfiles) {
    const tooling = TOOLING_LOCKFILES[path.posix.basename(lockfile.path)];
    const parsed = parseGradleLockfile(lockfile, gradleFileKind(lockfile.path) === 'legacy-lockfile');
    for (const module of parsed.modules) {
      const key = `${module.group}:${module.name}:${module.version}`;
      const configurations = tooling ? module.configurations.map((name) => `${tooling}:${name}`) : module.configurations;
      const known = modules.get(key);
      if (known) known.configurations = [...new Set([...known.configurations, ...configurations])];
      else modules.set(key, { ...module, configurations });
    }
  }
  const catalogs = nearestCatalogs(directory, files.manifests);
  const catalog: CatalogLibrary[] = [];
  for (const file of catalogs) {
    const parsed = parseVersionCatalog(file);
    catalog.push(...parsed.libraries);
  }
  const verification = nearest(directory, files.manifests, 'gradle/verification-metadata.xml');
  return buildLockedGraph(
    {
      project: gradleProjectIdentity(directory, files.manifests),
      sourceFile: files.lockfile.path,
      sources: [...lockfiles.map((file) => file.path), ...catalogs.map((file) => file.path), ...(verification ? [verification.path] : [])],
      warnings,
      hashes: verification ? readVerificationHashes(verification) : new Map<string, HashFact[]>(),
    },
    [...modules.values()],
    catalog,
  );
}

function parseCatalogProject(files: ProjectFiles): DependencyGraph {
  if (files.manifests.some((file) => isLockfile(file.path))) return emptyGraph();
  const directory = projectDirectoryOf(files.lockfile.path);
  const catalog = parseVersionCatalog(files.lockfile);
  const verification = nearest(directory, files.manifests, 'gradle/verification-metadata.xml');
  return buildCatalogGraph(
    {
      project: gradleProjectIdentity(directory, files.manifests),
      sourceFile: files.lockfile.path,
      sources: [files.lockfile.path, ...(verification ? [verification.path] : [])],
      warnings: catalog.warnings,
      hashes: verification ? readVerificationHashes(verification) : new Map<string, HashFact[]>(),
    },
    catalog.libraries,
    catalog.plugins,
  );
}

/** The catalogs of the nearest directory (the project's or one above) that has any. */
function nearestCatalogs(directory: string, manifests: readonly TextFile[]): TextFile[] {
  for (const candidate of selfAndAncestors(directory)) {
    const found = manifests.filter((file) => gradleFileKind(file.path) === 'catalog' && projectDirectoryOf(file.path) === candidate).sort(byPath);
    if (found.length > 0) return found;
  }
  return [];
}

function nearest(directory: string, manifests: readonly TextFile[], name: string): TextFile | undefined {
  const byPath = new Map(manifests.map((file) => [file.path, file]));
  return selfAndAncestors(directory)
    .map((candidate) => byPath.get(join(candidate, name)))
    .find((file) => file !== undefined);
}

function isLockfile(file: string): boolean {
  const kind = gradleFileKind(file);
  return kind === 'lockfile' || kind === 'legacy-lockfile';
}

function byPath(a: TextFile, b: TextFile): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}
