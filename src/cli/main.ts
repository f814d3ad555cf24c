import { CommanderError } from 'commander';
import { describeError, ExitCode, exitCodeFor } from './exit-codes.js';
import { buildProgram } from './program.js';

/** Runs the CLI and returns its exit code: the one place where the verdict becomes an exit status. */
export async function run(argv: readonly string[]): Promise<ExitCode> {
  try {
    await buildProgram().parseAsync([...argv]);
    // A command whose verdict is a failure (tampering found, a policy failed) sets process.exitCode to 1.
    return process.exitCode === ExitCode.PolicyFailure ? ExitCode.PolicyFailure : ExitCode.Ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has already printed the message (or the help); only the code is left to decide.
      const informational = ['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(error.code);
      return informational || error.exitCode === 0 ? ExitCode.Ok : ExitCode.BadInput;
    }
    process.stderr.write(`chainward: ${describeError(error)}\n`);
    return exitCodeFor(error);
  }
}

// A reader that stops early (`chainward sbom . | head`) is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

process.exitCode = await run(process.argv);
