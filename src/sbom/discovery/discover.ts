import { lstat, readdir, readFile, realpath } from 'node:fs/promises';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { ChainwardError } from '../../common/errors.js';

/** Directories never descended into: installed packages, VCS data and vendored trees. */
const SKIPPED_DIRECTORIES = new Set([
  'node_modules',
  'bower_components',
  'jspm_packages',
  '.git',
  '.hg',
  '.svn',
  'vendor',
  'third_party',
  '.yarn',
  '.pnpm-store',
  '.chainward',
]);

export interface DiscoveryLimits {
  /** Stop with an error past this many files: a hostile or mistaken root. */
  maxFiles: number;
  /** Deepest directory nesting walked. */
  maxDepth: number;
}

export const DEFAULT_DISCOVERY_LIMITS: DiscoveryLimits = { maxFiles: 500_000, maxDepth: 64 };

interface IgnoreScope {
  /** Directory of the .gitignore, relative to the root, '' for the root. */
  base: string;
  rules: Ignore;
}

/**
 * Lists the files of a repository (relative POSIX paths, sorted), honouring
 * every .gitignore on the way down. Symbolic links are never followed: a
 * linked directory is skipped and a linked file is listed only when it points
 * inside the repository.
 */
export async function discoverFiles(root: string, limits: DiscoveryLimits = DEFAULT_DISCOVERY_LIMITS): Promise<string[]> {
  const realRoot = await realpath(root);
  const files: string[] = [];
  const walk = async (relativeDir: string, depth: number, scopes: IgnoreScope[]): Promise<void> => {
    if (depth > limits.maxDepth) return;
    const absoluteDir = path.join(realRoot, relativeDir);
    const ownIgnore = await readGitignore(path.join(absoluteDir, '.gitignore'));
    const activeScopes = ownIgnore ? [...scopes, { base: relativeDir, rules: ownIgnore }] : scopes;
    const entries = await readdir(absoluteDir, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const relative = relativeDir ? `${relativeDir}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (SKIPPED_DIRECTORIES.has(entry.name) || isIgnored(activeScopes, relative, true)) continue;
        await walk(relative, depth + 1, activeScopes);
      } else if (entry.isFile() || entry.isSymbolicLink()) {
        if (isIgnored(activeScopes, relative, false)) continue;
        if (entry.isSymbolicLink() && !(await isFileInside(realRoot, path.join(realRoot, relative)))) continue;
        files.push(relative);
        if (files.length > limits.maxFiles) {
          throw new ChainwardError({
            code: 'SBOM_TOO_MANY_FILES',
            category: 'bad-input',
            message: `more than ${limits.maxFiles} files under ${root}; scan a smaller directory`,
          });
        }
      }
    }
  };
  await walk('', 0, []);
  return files;
}

async function readGitignore(file: string): Promise<Ignore | undefined> {
  try {
    const stats = await lstat(file);
    // A .gitignore larger than 1 MB is not a real one; ignore it rather than parse it.
    if (!stats.isFile() || stats.size > 1_000_000) return undefined;
    return ignore().add(await readFile(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/** As git decides: the deepest .gitignore with a rule for the path wins, so a nested `!pattern` re-includes. */
function isIgnored(scopes: IgnoreScope[], relative: string, isDirectory: boolean): boolean {
  for (let i = scopes.length - 1; i >= 0; i--) {
    const scope = scopes[i];
    const inScope = scope.base ? relative.slice(scope.base.length + 1) : relative;
    const verdict = scope.rules.test(isDirectory ? `${inScope}/` : inScope);
    if (verdict.ignored) return true;
    if (verdict.unignored) return false;
  }
  return false;
}

async function isFileInside(realRoot: string, candidate: string): Promise<boolean> {
  try {
    const target = await realpath(candidate);
    const stats = await lstat(target);
    return stats.isFile() && (target === realRoot || target.startsWith(realRoot + path.sep));
  } catch {
    return false;
  }
}
