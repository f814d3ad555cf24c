/**
 * Manifests that declare dependencies but have no lockfile in their own
 * directory or any directory above (a workspace shares the root's lockfile).
 * Ecosystems without a conventional lockfile (Maven, Gradle, NuGet by default)
 * are not checked.
 */
import type { RepositoryFiles } from './facts.js';

interface ManifestKind {
  lockfiles: readonly string[];
  /** Whether the manifest's text declares dependencies at all. */
  declaresDependencies(text: string): boolean;
}

const always = (): boolean => true;

const MANIFESTS: Record<string, ManifestKind> = {
  'package.json': {
    lockfiles: ['package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lock', 'bun.lockb'],
    declaresDependencies: (text) => /"(?:dependencies|devDependencies|optionalDependencies|peerDependencies)"\s*:\s*\{\s*"/.test(text),
  },
  'pyproject.toml': {
    lockfiles: ['poetry.lock', 'uv.lock', 'pdm.lock', 'pylock.toml', 'Pipfile.lock'],
    declaresDependencies: (text) => /^\s*dependencies\s*=\s*\[\s*["']|^\s*\[tool\.poetry(?:\.group\.[\w-]+)?\.dependencies\]/m.test(text),
  },
  Pipfile: { lockfiles: ['Pipfile.lock'], declaresDependencies: always },
  'Cargo.toml': { lockfiles: ['Cargo.lock'], declaresDependencies: (text) => /^\s*\[(?:[\w.-]+\.)?dependencies\]/m.test(text) },
  'go.mod': { lockfiles: ['go.sum'], declaresDependencies: (text) => /^\s*require\b/m.test(text) },
  Gemfile: { lockfiles: ['Gemfile.lock'], declaresDependencies: (text) => /^\s*gem\s/m.test(text) },
  'composer.json': { lockfiles: ['composer.lock'], declaresDependencies: (text) => /"require(?:-dev)?"\s*:\s*\{\s*"/.test(text) },
};

const SKIPPED_DIRECTORIES = /(^|\/)(node_modules|vendor|\.git|bower_components)\//;

export function manifestsWithoutLockfile(fileList: readonly string[], files: RepositoryFiles): string[] {
  const present = new Set(fileList);
  const missing: string[] = [];
  for (const path of fileList) {
    if (SKIPPED_DIRECTORIES.test(path)) continue;
    const slash = path.lastIndexOf('/');
    const base = path.slice(slash + 1);
    const kind = Object.hasOwn(MANIFESTS, base) ? MANIFESTS[base] : undefined;
    if (!kind) continue;
    if (hasLockfileAbove(slash < 0 ? '' : path.slice(0, slash), kind.lockfiles, present)) continue;
    const text = files.read(path);
    if (text !== undefined && kind.declaresDependencies(text)) missing.push(path);
  }
  return missing;
}

function hasLockfileAbove(directory: string, lockfiles: readonly string[], present: ReadonlySet<string>): boolean {
  for (let dir = directory; ; dir = dir.includes('/') ? dir.slice(0, dir.lastIndexOf('/')) : '') {
    if (lockfiles.some((name) => present.has(dir === '' ? name : `${dir}/${name}`))) return true;
    if (dir === '') return false;
  }
}

export function lockfileNamesFor(manifest: string): readonly string[] {
  return MANIFESTS[manifest]?.lockfiles ?? [];
}
