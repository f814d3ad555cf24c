import type { Ecosystem, ProjectPlan } from '../types.js';
import { gradleFileKind, isWithin, join, LOCKFILE_NAMES, projectDirectoryOf, selfAndAncestors } from './gradle-files.js';

/**
 * Gradle: dependency-locking lockfiles (`gradle.lockfile`, the buildscript
 * and settings ones, and the legacy `gradle/dependency-locks/*.lockfile`) and
 * version catalogs (`gradle/*.versions.toml`). Build scripts are never run or
 * read. The parser loads only when one of these files is found.
 */
export const gradle: Ecosystem = {
  id: 'gradle',
  lockfileNames: LOCKFILE_NAMES,
  lockfilePatterns: ['gradle/dependency-locks/*.lockfile', 'gradle/*.versions.toml'],
  matches: (_baseName, file) => {
    const kind = gradleFileKind(file);
    return kind === 'legacy-lockfile' || kind === 'catalog';
  },

  plan(lockfile: string, discovered: readonly string[]): ProjectPlan {
    const files = gradleFiles(discovered);
    const directory = projectDirectoryOf(lockfile);
    const present = new Set(files.map((file) => file.path));
    // Settings, properties, catalogs and verification metadata of the project's directory and those above it.
    const context = selfAndAncestors(directory).flatMap((candidate) => [
      ...['settings.gradle.kts', 'settings.gradle', 'gradle.properties', 'gradle/verification-metadata.xml'].map((name) => join(candidate, name)).filter((file) => present.has(file)),
      ...files.filter((file) => file.kind === 'catalog' && projectDirectoryOf(file.path) === candidate).map((file) => file.path),
    ]);
    const lockfiles = files.filter((file) => file.kind === 'lockfile' || file.kind === 'legacy-lockfile');
    const related =
      gradleFileKind(lockfile) === 'catalog'
        ? lockfiles.filter((file) => isWithin(file.path, directory)) // any lockfile of the build makes the catalog a manifest
        : lockfiles.filter((file) => projectDirectoryOf(file.path) === directory); // the project's other lockfiles
    const manifests = [...new Set([...related.map((file) => file.path), ...context])].filter((file) => file !== lockfile);
    return { lockfile, manifests };
  },

  parse: async (files) => (await import('./parse-project.js')).parseGradleProject(files),
};

interface GradleFile {
  path: string;
  kind: NonNullable<ReturnType<typeof gradleFileKind>>;
}

// plan() runs once per Gradle file over the same list: classify the list once.
const gradleFilesOf = new WeakMap<readonly string[], GradleFile[]>();

function gradleFiles(discovered: readonly string[]): GradleFile[] {
  let files = gradleFilesOf.get(discovered);
  if (!files) {
    files = [];
    for (const file of discovered) {
      const kind = gradleFileKind(file);
      if (kind) files.push({ path: file, kind });
    }
    gradleFilesOf.set(discovered, files);
  }
  return files;
}
