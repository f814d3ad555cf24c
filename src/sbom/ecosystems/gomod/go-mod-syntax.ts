import { ChainwardError } from '../../../common/errors.js';
import type { TextFile } from '../types.js';

/**
 * The syntax layer of go.mod: a lexer and line/block parser following the Go modules
 * reference ("go.mod files", lexical elements) and the `golang.org/x/mod/modfile` reader.
 * Hand-written because there is no maintained go.mod parser for JavaScript, and the
 * grammar is small: line-oriented statements, `verb ( ... )` blocks, `//` comments,
 * identifiers and quoted strings. Meaning (which directive does what) is in parse-go-mod.ts.
 */

export interface Position {
  /** 1-based. */
  line: number;
  /** 1-based, in UTF-16 code units like the other parsers' columns. */
  column: number;
}

export interface GoModToken extends Position {
  /** As written: a quoted string keeps its quotes (see `unquote`). */
  text: string;
  quoted: boolean;
}

/** One directive: `require a v1` on its own, or one line of a `require ( ... )` block. */
export interface GoModStatement {
  verb: GoModToken;
  args: GoModToken[];
  /** Text of the comment that ends the line, without `//` (for `// indirect`). */
  suffixComment?: string;
  /** True for a line inside a block. */
  inBlock: boolean;
}

type Kind = 'eof' | 'newline' | 'comment' | 'eol-comment' | 'punct' | 'ident' | 'string';

interface Token extends Position {
  kind: Kind;
  text: string;
}

const PUNCTUATION = new Set(['(', ')', '[', ']', '{', '}', ',']);
const PUNCTUATION_CODES = new Set([...PUNCTUATION].map((c) => c.charCodeAt(0)));

/** Splits a go.mod into statements, or throws a bad-input error at the offending line and column. */
export function parseGoModSyntax(file: TextFile): GoModStatement[] {
  return new GoModReader(file).read();
}

/** The value of a token: a quoted string unquoted (Go escapes), an identifier as is. */
export function unquote(token: GoModToken, file: TextFile): string {
  if (!token.quoted) {
    // Go reserves other quote characters inside identifiers.
    if (/["'`]/.test(token.text)) throw syntaxError(file, token, `unquoted string cannot contain a quote: ${token.text}`);
    return token.text;
  }
  if (token.text.startsWith('`')) return token.text.slice(1, -1);
  try {
    return JSON.parse(token.text) as string;
  } catch {
    throw syntaxError(file, token, `invalid quoted string ${token.text}`);
  }
}

export function syntaxError(file: TextFile, at: Position, message: string): ChainwardError {
  return new ChainwardError({
    code: 'SBOM_MALFORMED_FILE',
    category: 'bad-input',
    message: `malformed go.mod: ${message}`,
    location: { file: file.path, line: at.line, column: at.column },
  });
}

class GoModReader {
  private offset = 0;
  private line = 1;
  private lineStart = 0;
  private next: Token;
  private readonly statements: GoModStatement[] = [];

  constructor(private readonly file: TextFile) {
    this.next = this.readToken();
  }

  read(): GoModStatement[] {
    for (;;) {
      const kind = this.next.kind;
      if (kind === 'eof') return this.statements;
      if (kind === 'newline' || kind === 'comment' || kind === 'eol-comment') this.lex();
      else this.statement();
    }
  }

  private lex(): Token {
    const token = this.next;
    this.next = this.readToken();
    return token;
  }

  private isEndOfLine(kind: Kind): boolean {
    return kind === 'eof' || kind === 'newline' || kind === 'eol-comment';
  }

  /** A top-level line, which may open a block: `require (` then lines then `)`. */
  private statement(): void {
    const first = this.lex();
    const tokens: Token[] = [first];
    for (;;) {
      const token = this.lex();
      if (this.isEndOfLine(token.kind)) {
        this.push(tokens, token, false);
        return;
      }
      if (token.kind === 'punct' && token.text === '(') {
        if (this.isEndOfLine(this.next.kind)) {
          this.block(tokens, token);
          return;
        }
        if (this.next.kind === 'punct' && this.next.text === ')') {
          const close = this.lex();
          if (this.isEndOfLine(this.next.kind)) {
            this.lex();
            this.checkBlockHeader(tokens);
            return; // An empty block: `require ()`.
          }
          tokens.push(token, close);
          continue;
        }
      }
      tokens.push(token);
    }
  }

  private block(header: Token[], open: Token): void {
    this.checkBlockHeader(header);
    for (;;) {
      const kind = this.next.kind;
      if (kind === 'newline' || kind === 'comment' || kind === 'eol-comment') {
        this.lex();
      } else if (kind === 'eof') {
        throw syntaxError(this.file, this.next, `unterminated ${header[0].text} block (opened at line ${open.line}, column ${open.column})`);
      } else if (kind === 'punct' && this.next.text === ')') {
        this.lex();
        if (!this.isEndOfLine(this.next.kind)) throw syntaxError(this.file, this.next, 'expected a newline after the closing parenthesis');
        this.lex();
        return;
      } else {
        const tokens: Token[] = [header[0]];
        for (;;) {
          const token = this.lex();
          if (this.isEndOfLine(token.kind)) {
            this.push(tokens, token, true);
            break;
          }
          tokens.push(token);
        }
      }
    }
  }

  private checkBlockHeader(header: Token[]): void {
    if (header.length > 1) throw syntaxError(this.file, header[0], `unknown block type: ${header.map((t) => t.text).join(' ')}`);
  }

  private push(tokens: Token[], end: Token, inBlock: boolean): void {
    const [verb, ...args] = tokens.map(toPublic);
    const statement: GoModStatement = { verb, args, inBlock };
    if (end.kind === 'eol-comment') statement.suffixComment = end.text.replace(/^\/\//, '').replace(/\r?\n$/, '');
    this.statements.push(statement);
  }

  private position(): Position {
    return { line: this.line, column: this.offset - this.lineStart + 1 };
  }

  private advance(): void {
    if (this.file.text.charCodeAt(this.offset) === 10) {
      this.line++;
      this.lineStart = this.offset + 1;
    }
    this.offset++;
  }

  private readToken(): Token {
    const text = this.file.text;
    while (this.offset < text.length) {
      const c = text[this.offset];
      if (c === ' ' || c === '\t' || c === '\r') {
        this.advance();
        continue;
      }
      if (text.startsWith('//', this.offset)) {
        const start = this.position();
        const from = this.offset;
        // A comment with only blanks before it on its line stands alone; otherwise it ends a statement.
        const alone = text.slice(this.lineStart, this.offset).trim() === '';
        while (this.offset < text.length && text[this.offset] !== '\n') this.advance();
        if (this.offset < text.length) this.advance();
        return { kind: alone ? 'comment' : 'eol-comment', text: text.slice(from, this.offset), ...start };
      }
      if (text.startsWith('/*', this.offset)) throw syntaxError(this.file, this.position(), 'go.mod files use // comments, not /* */');
      break;
    }
    const start = this.position();
    if (this.offset >= text.length) return { kind: 'eof', text: '', ...start };
    const c = text[this.offset];
    if (c === '\n') {
      this.advance();
      return { kind: 'newline', text: '\n', ...start };
    }
    if (PUNCTUATION.has(c)) {
      this.advance();
      return { kind: 'punct', text: c, ...start };
    }
    if (c === '"' || c === '`') return this.readString(c, start);
    if (!isIdentifierCharacter(c)) throw syntaxError(this.file, start, `unexpected character ${JSON.stringify(c)}`);
    const from = this.offset;
    // An identifier never holds a newline, so the offset moves without line bookkeeping.
    while (this.offset < text.length) {
      const code = text.charCodeAt(this.offset);
      // Printable ASCII other than punctuation is the common case; the full test only for the rest.
      if (!(code > 0x20 && code < 0x7f && !PUNCTUATION_CODES.has(code)) && !isIdentifierCharacter(text[this.offset])) break;
      if (code === 0x2f && text.charCodeAt(this.offset + 1) === 0x2f) break;
      if (text.startsWith('/*', this.offset)) throw syntaxError(this.file, this.position(), 'go.mod files use // comments, not /* */');
      this.offset++;
    }
    return { kind: 'ident', text: text.slice(from, this.offset), ...start };
  }

  private readString(quote: string, start: Position): Token {
    const text = this.file.text;
    const from = this.offset;
    this.advance();
    for (;;) {
      if (this.offset >= text.length) throw syntaxError(this.file, start, 'unexpected end of file in a quoted string');
      const c = text[this.offset];
      if (c === '\n') throw syntaxError(this.file, this.position(), 'unexpected newline in a quoted string');
      this.advance();
      if (c === quote) break;
      if (c === '\\' && quote === '"') {
        if (this.offset >= text.length) throw syntaxError(this.file, start, 'unexpected end of file in a quoted string');
        this.advance();
      }
    }
    return { kind: 'string', text: text.slice(from, this.offset), ...start };
  }
}

function toPublic(token: Token): GoModToken {
  return { text: token.text, quoted: token.kind === 'string', line: token.line, column: token.column };
}

/** As modfile's isIdent: printable, not a space, not one of the punctuation characters. */
function isIdentifierCharacter(c: string): boolean {
  const code = c.charCodeAt(0);
  // Printable ASCII is the common case; only other characters need the Unicode test.
  if (code > 0x20 && code < 0x7f) return !PUNCTUATION.has(c);
  if (c === ' ') return false;
  // Lone surrogates (halves of a character outside the BMP) are parts of printable characters.
  return !/[\s\p{Cc}\p{Cf}\p{Co}\p{Cn}]/u.test(c);
}
