import path from 'node:path';
import type { TextFile } from '../types.js';
import { join, selfAndAncestors } from './gradle-files.js';

export interface GradleProjectIdentity {
  /** `rootProject.name` of the build's settings for its top project, else the directory name. */
  name: string;
  group?: string;
  /** '' when no `version` property is set (Gradle's `unspecified`). */
  version: string;
}

/**
 * Names a Gradle project without running its build scripts: the settings
 * file's literal `rootProject.name = "..."` for the top project, otherwise the
 * directory name (Gradle's default); `group` and `version` from
 * `gradle.properties` in the project's directory or, as Gradle does for
 * every project of a build, the build's top directory.
 */
export function gradleProjectIdentity(projectDirectory: string, files: readonly TextFile[]): GradleProjectIdentity {
  const byPath = new Map(files.map((file) => [file.path, file.text]));
  const directories = selfAndAncestors(projectDirectory);
  const settingsDirectory = directories.find((directory) => byPath.has(join(directory, 'settings.gradle.kts')) || byPath.has(join(directory, 'settings.gradle')));
  let name: string | undefined;
  if (settingsDirectory === projectDirectory) {
    const settings = byPath.get(join(projectDirectory, 'settings.gradle.kts')) ?? byPath.get(join(projectDirectory, 'settings.gradle')) ?? '';
    name = /^\s*rootProject\.name\s*=\s*["']([^"'$\r\n]+)["']/m.exec(settings)?.[1]?.trim();
  }
  name ||= projectDirectory === '.' ? 'unnamed' : path.posix.basename(projectDirectory);

  const propertyDirectories = [projectDirectory, ...(settingsDirectory && settingsDirectory !== projectDirectory ? [settingsDirectory] : [])];
  const property = (key: string): string | undefined => {
    for (const directory of propertyDirectories) {
      const text = byPath.get(join(directory, 'gradle.properties'));
      const value = text === undefined ? undefined : readProperties(text).get(key);
      if (value) return value;
    }
    return undefined;
  };
  const group = property('group');
  const version = property('version');
  return { name, ...(group ? { group } : {}), version: version && version !== 'unspecified' ? version : '' };
}

/** `key=value` / `key: value` lines of a Java properties file (no escapes or continuations: enough for group and version). */
function readProperties(text: string): Map<string, string> {
  const properties = new Map<string, string>();
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith('!')) continue;
    const match = /^([^=:\s]+)\s*[=:\s]\s*(.*)$/.exec(line);
    if (match && !properties.has(match[1] as string)) properties.set(match[1] as string, (match[2] as string).trim());
  }
  return properties;
}
