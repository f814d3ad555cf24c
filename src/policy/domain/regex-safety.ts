/**
 * Custom content patterns come from policy authors and run over every line of
 * every repository, so a pattern that can backtrack exponentially would stall
 * a scan. No maintained checker is a dependency here, so this hand-written
 * scan rejects the classic cause, a quantified group that itself contains a
 * quantifier (`(a+)+`, `(\w*x?)*`), and back-references. Lines are also capped
 * in length where patterns run (see content-scan.ts), which bounds the
 * polynomial cases this check lets through.
 */

/** Returns why the pattern is refused, or `undefined` when it may be used. */
export function unsafeRegexReason(source: string, flags = 'u'): string | undefined {
  try {
    new RegExp(source, flags);
  } catch (error) {
    return `is not a valid regular expression (${(error as Error).message.replace(/^Invalid regular expression: /, '')})`;
  }
  if (/\\[1-9]|\\k</.test(source)) return 'uses a back-reference, which can make matching very slow';
  if (hasNestedQuantifier(source)) return 'repeats a group that itself repeats (like "(a+)+"), which can make matching take exponential time';
  return undefined;
}

function hasNestedQuantifier(source: string): boolean {
  // One entry per open group: whether something inside it is quantified.
  const groups: boolean[] = [];
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const char = source[i];
    if (char === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (char === ']') inClass = false;
      continue;
    }
    if (char === '[') {
      inClass = true;
    } else if (char === '(') {
      groups.push(false);
    } else if (char === ')') {
      const innerQuantified = groups.pop() ?? false;
      const quantified = isQuantifierAt(source, i + 1);
      if (quantified && innerQuantified) return true;
      if (groups.length > 0 && (innerQuantified || quantified)) groups[groups.length - 1] = true;
    } else if (isQuantifierAt(source, i) && groups.length > 0) {
      groups[groups.length - 1] = true;
    }
  }
  return false;
}

/** `*`, `+` or an open-ended or large `{n,m}` repeat starts at `index` (`?` alone cannot blow up). */
function isQuantifierAt(source: string, index: number): boolean {
  const char = source[index];
  if (char === '*' || char === '+') return true;
  if (char !== '{') return false;
  const match = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(index));
  if (!match) return false;
  if (match[2] === undefined) return false;
  return match[3] === '' || Number(match[3]) > 1;
}
