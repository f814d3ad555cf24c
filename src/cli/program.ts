import { Command } from 'commander';
import { TOOL_VERSION } from '../common/version.js';
import { advisoriesCommand } from './commands/advisories.command.js';
import { auditCommand } from './commands/audit.command.js';
import { dbCommand } from './commands/db.command.js';
import { findingsCommand } from './commands/findings.command.js';
import { gateCommand } from './commands/gate.command.js';
import { policyCommand } from './commands/policy.command.js';
import { reportCommand } from './commands/report.command.js';
import { resultsCommand } from './commands/results.command.js';
import { sbomCommand } from './commands/sbom.command.js';
import { scanCommand } from './commands/scan.command.js';
import { scansCommand } from './commands/scans.command.js';
import { serveCommand } from './commands/serve.command.js';
import { vexCommand } from './commands/vex.command.js';
import { waiversCommand } from './commands/waivers.command.js';

/** The `chainward` command tree. Commands import their heavy modules lazily, inside their actions. */
export function buildProgram(): Command {
  const program = new Command('chainward')
    .description(
      'Software-supply-chain compliance: SBOMs (CycloneDX, SPDX) from the lockfiles of every major ecosystem,\n' +
        'OSV advisories, policies as code, a CI gate, a tamper-evident audit ledger and signed PDF reports.\n' +
        'Exit codes: 0 success, 1 policy failure, 2 bad usage or input, 3 internal error.',
    )
    .version(TOOL_VERSION, '-V, --version')
    .showHelpAfterError('(add --help for usage)')
    .addHelpText(
      'after',
      '\nEnvironment: CHAINWARD_HOME (state, default ./.chainward), DATABASE_URL (PostgreSQL; unset = embedded),\n' +
        'LOG_LEVEL, CHAINWARD_HOST, CHAINWARD_PORT, CHAINWARD_MAX_FILE_SIZE, CHAINWARD_CONFIG (default ./chainward.yaml).',
    );
  for (const command of [sbomCommand(), scanCommand(), scansCommand(), serveCommand(), dbCommand(), auditCommand(), policyCommand(), resultsCommand(), advisoriesCommand(), findingsCommand(), vexCommand(), gateCommand(), reportCommand(), waiversCommand()]) program.addCommand(command);
  exitOverrideEverywhere(program);
  return program;
}

/** Commander exits by itself on usage errors; we want one exit point, so it throws instead. */
function exitOverrideEverywhere(command: Command): void {
  command.exitOverride();
  for (const sub of command.commands) exitOverrideEverywhere(sub);
}
