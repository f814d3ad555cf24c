import { ChainwardError } from '../common/errors.js';

/** The CLI's exit codes, as ARCHITECTURE.md fixes them. */
export const ExitCode = {
  Ok: 0,
  /** Policy failure, or findings at the failing level. */
  PolicyFailure: 1,
  /** Bad usage or bad input. */
  BadInput: 2,
  /** Internal error or an unreachable service. */
  Internal: 3,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** Maps an error to an exit code by its category, never by its message. */
export function exitCodeFor(error: unknown): ExitCode {
  if (!(error instanceof ChainwardError)) return ExitCode.Internal;
  switch (error.category) {
    case 'bad-input':
    case 'not-found':
      return ExitCode.BadInput;
    case 'unavailable':
    case 'internal':
      return ExitCode.Internal;
  }
}

/** The line printed for an error: `file:line:column: message` for input errors, with a hint for internal ones. */
export function describeError(error: unknown): string {
  if (error instanceof ChainwardError) return error.describe();
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  return `internal error: ${message}`;
}
