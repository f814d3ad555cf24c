import { Command } from 'commander';
import { withDatabase } from '../context.js';
import { print } from '../io.js';

/** `chainward vex import`: CycloneDX VEX statements that suppress findings of a repository. */
export function vexCommand(): Command {
  const command = new Command('vex').description('VEX: statements that a vulnerability does not affect a component');
  command
    .command('import')
    .description('Import a CycloneDX VEX document (analysis state not_affected or false_positive) for a scanned repository')
    .argument('<file>', 'CycloneDX JSON document with a vulnerabilities section')
    .requiredOption('--repository <name>', 'the repository (name or location, as `chainward scans list` shows) the statements apply to')
    .addHelpText('after', '\nExample:\n  chainward vex import vex.cdx.json --repository npm-webapp')
    .action(async (file: string, flags: { repository: string }) => {
      const result = await withDatabase(({ vex }) => vex.importVex(file, flags.repository));
      print(`Imported ${result.statements} VEX statement(s) for ${result.repository.name} (${result.repository.location})`);
      for (const reason of result.ignored) print(`  ignored: ${reason}`);
    });
  return command;
}
