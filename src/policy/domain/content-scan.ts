/**
 * Runs content patterns over a file's lines. Lines are cut at
 * MAX_LINE_CHARS before any pattern sees them and files above
 * MAX_SCANNED_FILE_BYTES are not read, which bounds the time a pattern can
 * take on one repository.
 */
import type { ContentPattern } from './secret-patterns.js';

export const MAX_LINE_CHARS = 4096;
export const MAX_SCANNED_FILE_BYTES = 2 * 1024 * 1024;
const EXCERPT_CHARS = 160;

export interface ContentMatch {
  pattern: ContentPattern;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  excerpt: string;
}

/** Patterns whose keywords occur in the text (patterns without keywords always apply). */
export function applicablePatterns(text: string, patterns: readonly ContentPattern[]): ContentPattern[] {
  let lower: string | undefined;
  return patterns.filter((pattern) => {
    if (pattern.keywords.length === 0) return true;
    lower ??= text.toLowerCase();
    return pattern.keywords.some((keyword) => (lower as string).includes(keyword));
  });
}

export function forEachLine(text: string, visit: (line: string, lineNumber: number) => void): void {
  let start = 0;
  let lineNumber = 1;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    let line = text.slice(start, Math.min(end, start + MAX_LINE_CHARS));
    if (line.endsWith('\r')) line = line.slice(0, -1);
    visit(line, lineNumber);
    start = end + 1;
    lineNumber++;
  }
}

export function scanLine(line: string, lineNumber: number, patterns: readonly ContentPattern[], found: ContentMatch[]): void {
  for (const pattern of patterns) {
    const regex = pattern.regex;
    regex.lastIndex = 0;
    for (let match = regex.exec(line); match; match = regex.exec(line)) {
      if (match[0] === '') {
        regex.lastIndex++;
        continue;
      }
      const whole = match.indices?.[0] ?? [match.index, match.index + match[0].length];
      const secret = match.indices?.groups?.secret ?? whole;
      const masked = pattern.mask ? maskSpan(line, secret[0], secret[1]) : line;
      found.push({ pattern, line: lineNumber, column: whole[0] + 1, excerpt: excerptAround(masked, whole[0]) });
      break; // one report per pattern and line is enough evidence
    }
  }
}

/** Keeps the first four characters of a long secret so a reader can recognise which one it was. */
export function maskSecret(secret: string): string {
  return secret.length >= 12 ? `${secret.slice(0, 4)}****` : '****';
}

function maskSpan(line: string, start: number, end: number): string {
  return `${line.slice(0, start)}${maskSecret(line.slice(start, end))}${line.slice(end)}`;
}

export function excerptAround(line: string, index: number): string {
  const trimmed = line.trim();
  if (trimmed.length <= EXCERPT_CHARS) return trimmed;
  const offset = line.length - line.trimStart().length;
  const start = Math.max(0, Math.min(index - offset - 40, trimmed.length - EXCERPT_CHARS));
  return `${start > 0 ? '…' : ''}${trimmed.slice(start, start + EXCERPT_CHARS)}${start + EXCERPT_CHARS < trimmed.length ? '…' : ''}`;
}
