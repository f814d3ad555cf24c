/**
 * The line structure of a pip requirements file, as pip's documentation
 * describes it (https://pip.pypa.io/en/stable/reference/requirements-file-format/):
 * a line ending in `\` continues on the next; a line starting with `#` is a
 * comment and ends a continuation; whitespace followed by `#` starts a comment;
 * comments are stripped after continuations are joined. Every character keeps
 * its physical line and column so errors can point at it.
 */

export interface Position {
  line: number;
  column: number;
}

export interface LogicalLine {
  kind: 'logical';
  /** Joined text without the continuation backslashes and without the comment. */
  text: string;
  /** The comment that ended the line (after `#`), if any: pip-compile can write `# via ...` there. */
  comment?: string;
  /** Physical line and column of a character of `text`. */
  positionOf(offset: number): Position;
}

export interface CommentLine {
  kind: 'comment';
  /** Text after the `#`. */
  text: string;
  line: number;
}

export type RequirementsLine = LogicalLine | CommentLine;

interface Piece {
  text: string;
  line: number;
  /** 1-based column of the piece's first character. */
  column: number;
  /** Offset of the piece in the joined text. */
  offset: number;
}

export function* requirementsLines(text: string): Generator<RequirementsLine> {
  const physical = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  let pieces: Piece[] = [];
  let joinedLength = 0;
  const flush = function* (): Generator<RequirementsLine> {
    if (pieces.length === 0) return;
    const line = toLogical(pieces);
    pieces = [];
    joinedLength = 0;
    if (line) yield line;
  };
  for (let index = 0; index < physical.length; index++) {
    const raw = physical[index];
    if (/^\s*#/.test(raw)) {
      yield* flush();
      yield { kind: 'comment', text: raw.slice(raw.indexOf('#') + 1), line: index + 1 };
      continue;
    }
    const continues = raw.endsWith('\\');
    const piece = continues ? raw.slice(0, -1) : raw;
    pieces.push({ text: piece, line: index + 1, column: 1, offset: joinedLength });
    joinedLength += piece.length;
    if (!continues) yield* flush();
  }
  yield* flush();
}

function toLogical(pieces: Piece[]): LogicalLine | undefined {
  const joined = pieces.map((p) => p.text).join('');
  const commentAt = /(^|\s)#/.exec(joined);
  const text = commentAt ? joined.slice(0, commentAt.index) : joined;
  if (text.trim() === '') return undefined;
  const comment = commentAt ? joined.slice(commentAt.index + commentAt[0].length) : undefined;
  return {
    kind: 'logical',
    text,
    ...(comment === undefined ? {} : { comment }),
    positionOf(offset: number): Position {
      // Binary search: a hostile file can join very many physical lines into one.
      let low = 0;
      let high = pieces.length - 1;
      while (low < high) {
        const middle = (low + high + 1) >> 1;
        if (pieces[middle].offset <= offset) low = middle;
        else high = middle - 1;
      }
      const piece = pieces[low];
      return { line: piece.line, column: piece.column + Math.max(0, offset - piece.offset) };
    },
  };
}

export interface Token {
  text: string;
  offset: number;
}

/** Splits on whitespace, keeping each token's offset. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(/\S+/g)) tokens.push({ text: match[0], offset: match.index });
  return tokens;
}

/**
 * pip's rule for a line: the requirement is everything before the first
 * token that starts with `-`; that token and the rest are options.
 */
export function splitArgsAndOptions(text: string): { args: string; argsOffset: number; options: Token[] } {
  const tokens = tokenize(text);
  const first = tokens.findIndex((t) => t.text.startsWith('-'));
  const argTokens = first < 0 ? tokens : tokens.slice(0, first);
  const options = first < 0 ? [] : tokens.slice(first);
  if (argTokens.length === 0) return { args: '', argsOffset: 0, options };
  const start = argTokens[0].offset;
  const last = argTokens[argTokens.length - 1];
  return { args: text.slice(start, last.offset + last.text.length), argsOffset: start, options };
}
