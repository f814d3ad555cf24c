/**
 * Typed errors shared by every module. They know nothing of HTTP or exit codes:
 * the CLI maps `category` to an exit code and the HTTP layer maps it to a
 * problem+json status, each with one exhaustive switch.
 */
export type ErrorCategory =
  /** The user's input (a file, a flag, a document) is wrong: exit 2, HTTP 400/422. */
  | 'bad-input'
  /** Something named does not exist: exit 2, HTTP 404. */
  | 'not-found'
  /** A service we depend on is not reachable: exit 3, HTTP 503. */
  | 'unavailable'
  /** A bug or an unexpected state: exit 3, HTTP 500. */
  | 'internal';

export interface SourceLocation {
  /** Path as the user would recognise it (relative to the scanned directory when there is one). */
  file: string;
  /** 1-based line, when the format's parser reports one. */
  line?: number;
  /** 1-based column, when the format's parser reports one. */
  column?: number;
}

export class ChainwardError extends Error {
  readonly code: string;
  readonly category: ErrorCategory;
  readonly location?: SourceLocation;
  readonly details?: Record<string, unknown>;

  constructor(options: {
    code: string;
    category: ErrorCategory;
    message: string;
    location?: SourceLocation;
    details?: Record<string, unknown>;
    cause?: unknown;
  }) {
    super(options.message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ChainwardError';
    this.code = options.code;
    this.category = options.category;
    this.location = options.location;
    this.details = options.details;
  }

  /** `file:line:column: message`, the form editors and CI logs turn into links. */
  describe(): string {
    if (!this.location) return this.message;
    const { file, line, column } = this.location;
    const where = [file, line, line !== undefined ? column : undefined].filter((part) => part !== undefined).join(':');
    return `${where}: ${this.message}`;
  }
}

/** Converts a 0-based character offset in `text` into a 1-based line and column. */
export function lineAndColumnAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(Math.max(offset, 0), text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}
