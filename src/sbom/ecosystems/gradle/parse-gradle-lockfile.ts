import path from 'node:path';
import { ChainwardError } from '../../../common/errors.js';
import type { TextFile } from '../types.js';

/** One `group:name:version` a lockfile pins, with the configurations that resolve it. */
export interface LockedModule {
  group: string;
  name: string;
  version: string;
  configurations: string[];
  line: number;
}

export interface ParsedLockfile {
  modules: LockedModule[];
  /** Configurations locked with nothing in them (`empty=...`). */
  emptyConfigurations: string[];
}

// Gradle's coordinates: no ':' or '=' inside a part, and no whitespace.
const COORDINATES = /^([^\s:=]+):([^\s:=]+):([^\s:=]+)$/;
const CONFIGURATION = /^[A-Za-z_][\w.-]*$/;

/**
 * Reads a Gradle lockfile. Written by hand here because it is a line format
 * with no library: `group:name:version=conf1,conf2` per line, `empty=conf,...`
 * for configurations that resolve nothing, `#` comments. A legacy
 * per-configuration lockfile (`gradle/dependency-locks/<conf>.lockfile`) has
 * bare `group:name:version` lines, all in the configuration the file is named
 * after. Any other line is bad input, reported with its line and column: the
 * file is machine-written, so a stray line means an edit or a truncation.
 */
export function parseGradleLockfile(file: TextFile, legacy: boolean): ParsedLockfile {
  const legacyConfiguration = path.posix.basename(file.path, '.lockfile');
  const modules: LockedModule[] = [];
  const emptyConfigurations: string[] = [];
  const lines = file.text.split('\n');
  lines.forEach((raw, index) => {
    const line = raw.replace(/\r$/, '');
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const lineNumber = index + 1;
    const column = line.length - line.trimStart().length + 1;
    const fail = (message: string, at = column): never => {
      throw new ChainwardError({
        code: 'SBOM_MALFORMED_FILE',
        category: 'bad-input',
        message: `malformed Gradle lockfile: ${message}`,
        location: { file: file.path, line: lineNumber, column: at },
      });
    };
    const equals = trimmed.indexOf('=');
    if (legacy) {
      if (equals >= 0) fail(`expected group:name:version, found "${clip(trimmed)}"`);
      const match = COORDINATES.exec(trimmed) ?? fail(`expected group:name:version, found "${clip(trimmed)}"`);
      modules.push({ group: match[1] as string, name: match[2] as string, version: match[3] as string, configurations: [legacyConfiguration], line: lineNumber });
      return;
    }
    if (equals < 0) fail(`expected group:name:version=configurations, found "${clip(trimmed)}"`);
    const key = trimmed.slice(0, equals).trim();
    const configurations = trimmed
      .slice(equals + 1)
      .split(',')
      .map((name) => name.trim())
      .filter((name) => name !== '');
    const badConfiguration = configurations.find((name) => !CONFIGURATION.test(name));
    if (badConfiguration !== undefined) fail(`"${clip(badConfiguration)}" is not a configuration name`, column + equals + 1);
    if (key === 'empty') {
      emptyConfigurations.push(...configurations);
      return;
    }
    const match = COORDINATES.exec(key) ?? fail(`expected group:name:version before "=", found "${clip(key)}"`);
    if (configurations.length === 0) fail(`${key} is locked for no configuration`, column + equals + 1);
    modules.push({ group: match[1] as string, name: match[2] as string, version: match[3] as string, configurations, line: lineNumber });
  });
  return { modules, emptyConfigurations };
}

function clip(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
