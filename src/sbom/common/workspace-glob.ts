/**
 * Workspace patterns (`packages/*`, `apps/**`, `!packages/legacy`) matched
 * against directory paths. Written here because the glob libraries in
 * node_modules (picomatch, minimatch) are only transitive dependencies, and
 * workspace patterns use a small subset: `*`, `?`, `**`, `{a,b}` and a leading
 * `!` for exclusion. Like the package managers, `*` and `?` never match a
 * leading dot or a `/`.
 */

/** Directories (relative, POSIX, no trailing slash) selected by the patterns, in input order. */
export function selectWorkspaceDirectories(patterns: readonly string[], directories: readonly string[]): string[] {
  const include = patterns.filter((p) => !p.startsWith('!')).flatMap(expandBraces).map(compilePattern);
  const exclude = patterns.filter((p) => p.startsWith('!')).flatMap((p) => expandBraces(p.slice(1))).map(compilePattern);
  return directories.filter((dir) => {
    const segments = splitPath(dir);
    return include.some((m) => m(segments)) && !exclude.some((m) => m(segments));
  });
}

/** True when one workspace pattern (without `!`) selects the directory. */
export function matchesWorkspacePattern(pattern: string, directory: string): boolean {
  const segments = splitPath(directory);
  return expandBraces(pattern).some((p) => compilePattern(p)(segments));
}

type SegmentsMatcher = (segments: readonly string[]) => boolean;

function splitPath(path: string): string[] {
  return path
    .replace(/\/package\.json$/, '')
    .split('/')
    .filter((s) => s !== '' && s !== '.');
}

/** `{a,b}` alternatives, innermost first; a lone brace is kept as a literal. */
function expandBraces(pattern: string): string[] {
  const match = /\{([^{}]*,[^{}]*)\}/.exec(pattern);
  if (!match) return [pattern];
  const before = pattern.slice(0, match.index);
  const after = pattern.slice(match.index + match[0].length);
  return match[1].split(',').flatMap((alternative) => expandBraces(before + alternative + after));
}

function compilePattern(pattern: string): SegmentsMatcher {
  const parts = splitPath(pattern).map((segment) => (segment === '**' ? '**' : segmentRegExp(segment)));
  const matchFrom = (p: number, segments: readonly string[], s: number): boolean => {
    if (p === parts.length) return s === segments.length;
    const part = parts[p];
    if (part === '**') {
      // Zero or more whole segments, none of them hidden (dot) directories.
      for (let k = s; k <= segments.length; k++) {
        if (matchFrom(p + 1, segments, k)) return true;
        if (k < segments.length && segments[k].startsWith('.')) return false;
      }
      return false;
    }
    return s < segments.length && part.test(segments[s]) && matchFrom(p + 1, segments, s + 1);
  };
  return (segments) => matchFrom(0, segments, 0);
}

function segmentRegExp(segment: string): RegExp {
  let source = '';
  for (const char of segment) {
    if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else source += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  // A wildcard at the start does not match a hidden directory, as in the package managers' globbing.
  const hiddenGuard = segment.startsWith('*') || segment.startsWith('?') ? '(?!\\.)' : '';
  return new RegExp(`^${hiddenGuard}${source}$`);
}
