import path from 'node:path';

/** Lockfiles Gradle writes per project (dependency locking, Gradle 6+). */
export const LOCKFILE_NAMES = ['gradle.lockfile', 'buildscript-gradle.lockfile', 'settings-gradle.lockfile'] as const;

/** Per-configuration lockfiles of Gradle 4.8 to 5 (`gradle/dependency-locks/<configuration>.lockfile`). */
const LEGACY_LOCK_DIRECTORY = 'gradle/dependency-locks';

const SETTINGS_FILES = ['settings.gradle.kts', 'settings.gradle'] as const;

export type GradleFileKind = 'lockfile' | 'legacy-lockfile' | 'catalog' | 'verification' | 'settings' | 'properties';

/** What a file of a Gradle build is, from its path; undefined for files the scanner does not read. */
export function gradleFileKind(file: string): GradleFileKind | undefined {
  const base = path.posix.basename(file);
  const directory = path.posix.dirname(file);
  if ((LOCKFILE_NAMES as readonly string[]).includes(base)) return 'lockfile';
  if (base.endsWith('.lockfile') && (directory === LEGACY_LOCK_DIRECTORY || directory.endsWith(`/${LEGACY_LOCK_DIRECTORY}`))) return 'legacy-lockfile';
  if (base.endsWith('.versions.toml') && path.posix.basename(directory) === 'gradle') return 'catalog';
  if (base === 'verification-metadata.xml' && path.posix.basename(directory) === 'gradle') return 'verification';
  if ((SETTINGS_FILES as readonly string[]).includes(base)) return 'settings';
  if (base === 'gradle.properties') return 'properties';
  return undefined;
}

/** The Gradle project directory a lockfile belongs to ('.' for the top). */
export function projectDirectoryOf(file: string): string {
  const directory = path.posix.dirname(file);
  if (gradleFileKind(file) === 'legacy-lockfile') return up(up(directory));
  if (gradleFileKind(file) === 'catalog' || gradleFileKind(file) === 'verification') return up(directory);
  return directory;
}

/** `dir` and the directories above it, nearest first, ending with '.'. */
export function selfAndAncestors(directory: string): string[] {
  const result = [directory];
  for (let at = directory; at !== '.'; ) {
    at = up(at);
    result.push(at);
  }
  return result;
}

export function isWithin(file: string, directory: string): boolean {
  return directory === '.' || file.startsWith(`${directory}/`);
}

export function join(directory: string, name: string): string {
  return directory === '.' ? name : `${directory}/${name}`;
}

function up(directory: string): string {
  const parent = path.posix.dirname(directory);
  return parent === '' ? '.' : parent;
}
