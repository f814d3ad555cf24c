import ignore from 'ignore';

/**
 * File and repository-name patterns use .gitignore syntax (the `ignore`
 * package), the syntax engineers already read every day: `*.pem`,
 * `src/**`, `!keep.me`; a pattern without a slash matches at any depth,
 * a leading `/` anchors it at the root; matching ignores case. A pattern that
 * matches a directory matches everything under it.
 */
export type PathMatcher = (path: string) => boolean;

export function pathMatcher(patterns: readonly string[]): PathMatcher {
  if (patterns.length === 0) return () => false;
  const matcher = ignore({ allowRelativePaths: true }).add([...patterns]);
  return (path) => isMatchable(path) && matcher.ignores(path);
}

/**
 * Patterns for files that must exist, relative to the repository root: a
 * pattern without a leading `/` or `**` is anchored, so `LICENSE` means the
 * root LICENSE and not one in a dependency's folder.
 */
export function rootAnchoredMatcher(patterns: readonly string[]): PathMatcher {
  return pathMatcher(patterns.map((pattern) => (pattern.startsWith('/') || pattern.startsWith('**') ? pattern : `/${pattern}`)));
}

/** Files the library refuses (absolute or `..` paths) never match. */
function isMatchable(path: string): boolean {
  return path !== '' && !path.startsWith('/') && !path.startsWith('../') && path !== '..';
}
