import path from 'node:path';
import type { ProjectPlan } from '../types.js';

export const POETRY_LOCK = 'poetry.lock';
export const UV_LOCK = 'uv.lock';
export const PIPFILE_LOCK = 'Pipfile.lock';
export const PYPROJECT = 'pyproject.toml';

/** `requirements.txt`, `requirements-dev.txt`, `requirements_test.txt`, `dev-requirements.txt`. */
const REQUIREMENTS_NAME = /^(requirements([-_.][^/]*)?|[^/]*[-_]requirements)\.txt$/i;
/** pip-tools layouts keep one file per environment in a `requirements/` directory. */
const REQUIREMENTS_DIRECTORY = /(^|\/)requirements\/[^/]+\.txt$/i;
/** Names that `-r`/`-c` includes tend to have, wherever they sit. */
const INCLUDE_NAME = /requirement|constraint/i;

export function isRequirementsFile(baseName: string, filePath: string): boolean {
  return REQUIREMENTS_NAME.test(baseName) || REQUIREMENTS_DIRECTORY.test(filePath);
}

const at = (directory: string, name: string): string => (directory === '.' ? name : `${directory}/${name}`);

export function planPythonProject(lockfile: string, discovered: readonly string[]): ProjectPlan {
  const present = new Set(discovered);
  const directory = path.posix.dirname(lockfile);
  const existing = (...candidates: string[]): string[] => candidates.filter((candidate) => present.has(candidate));
  switch (path.posix.basename(lockfile)) {
    case POETRY_LOCK:
    case UV_LOCK:
      return { lockfile, manifests: existing(at(directory, PYPROJECT)) };
    case PIPFILE_LOCK:
      return { lockfile, manifests: existing(at(directory, 'Pipfile'), at(directory, PYPROJECT)) };
    case PYPROJECT:
      return { lockfile, manifests: existing(...ancestors(directory).map((dir) => at(dir, UV_LOCK))).slice(0, 1) };
    default:
      return { lockfile, manifests: [...includeCandidates(lockfile, discovered), ...existing(projectManifest(directory))] };
  }
}

/** Directories above `directory`, nearest first. */
function ancestors(directory: string): string[] {
  const result: string[] = [];
  let current = directory;
  while (current !== '.') {
    current = path.posix.dirname(current);
    result.push(current);
  }
  return result;
}

/** The pyproject.toml that names the project a requirements file belongs to. */
function projectManifest(directory: string): string {
  const owner = /^req(uirement)?s?$/i.test(path.posix.basename(directory)) ? path.posix.dirname(directory) : directory;
  return at(owner, PYPROJECT);
}

/**
 * Files a requirements file may include, chosen before they are read: text
 * files in its own directory or the one above (`-r base.txt`, `-r ../requirements.txt`),
 * and below the one above, files whose path names requirements or constraints
 * (`-r ../requirements/common.txt`). An include outside these is reported as not found.
 */
function includeCandidates(lockfile: string, discovered: readonly string[]): string[] {
  const directory = path.posix.dirname(lockfile);
  const parent = path.posix.dirname(directory);
  return discovered.filter((file) => {
    if (file === lockfile || !/\.(txt|in)$/i.test(file)) return false;
    const fileDirectory = path.posix.dirname(file);
    if (fileDirectory === directory || (directory !== '.' && fileDirectory === parent)) return true;
    const underParent = directory === '.' || parent === '.' || file.startsWith(`${parent}/`);
    return underParent && INCLUDE_NAME.test(file);
  });
}
