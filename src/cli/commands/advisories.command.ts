import path from 'node:path';
import { Command } from 'commander';
import type { ImportSummary } from '../../advisories/nest.js';
import { withDatabase } from '../context.js';
import { print, printJson } from '../io.js';

/** `chainward advisories import|export`: the OSV advisory database. */
export function advisoriesCommand(): Command {
  const command = new Command('advisories').description(
    'The OSV advisory database: import sources, sync from the OSV API, the known-exploited catalogue, export a snapshot for the CI gate',
  );
  command
    .command('import')
    .description('Import OSV records: a directory of OSV JSON files, an OSV ecosystem export zip (all.zip) or a GitHub Advisory Database checkout')
    .argument('<path>', 'directory, zip file or JSON file')
    .option('--json', 'print the summary as JSON')
    .addHelpText(
      'after',
      '\nRe-importing is safe: a record is stored again only when its `modified` is newer.\nExamples:\n  chainward advisories import ~/Downloads/npm-all.zip\n  chainward advisories import ./advisory-database',
    )
    .action(async (location: string, flags: { json?: boolean }) => {
      const progress = progressLine();
      const summary = await withDatabase(({ advisories }) => advisories.importFrom(location, { onProgress: progress.update }));
      progress.done();
      if (flags.json) {
        printJson(summary);
        return;
      }
      print(`Imported ${location} (${describeSource(summary.source)}, ${summary.files} files)`);
      print(`  imported:   ${summary.imported}`);
      print(`  updated:    ${summary.updated}`);
      print(`  unchanged:  ${summary.unchanged}`);
      print(`  invalid:    ${summary.invalid.length}`);
      for (const { file, reason } of summary.invalid) print(`    ${file}: ${reason}`);
      if (summary.repaired > 0) print(`  ${summary.repaired} record(s) kept without a malformed part (range, reference or severity)`);
    });
  command
    .command('export')
    .description('Write every stored advisory to a snapshot file (gzip\'d JSON lines) that the CI gate loads without a database')
    .requiredOption('-o, --output <file>', 'snapshot file to write (written whole or not at all)')
    .addHelpText('after', '\nExample:\n  chainward advisories export -o advisories.osv.jsonl.gz')
    .action(async (flags: { output: string }) => {
      const written = await withDatabase(({ advisories }) => advisories.exportSnapshot(flags.output));
      print(`Wrote ${written} advisories to ${path.resolve(flags.output)}`);
    });
  command
    .command('sync')
    .description("Ask the OSV API about the components of stored scans and import the advisories that affect them (online)")
    .requiredOption('--source <source>', 'where to ask: osv-api (https://api.osv.dev, or advisories.osvApiUrl in chainward.yaml)')
    .option('--scan <id>', 'only this scan (default: the latest scan of every repository)')
    .option('--json', 'print the report as JSON')
    .addHelpText(
      'after',
      '\nAnswers are cached under $CHAINWARD_HOME/cache/osv-api (advisories.osvApiCacheTtl seconds, default a day);\n' +
        "the scans' findings are matched again afterwards. Exit 3 when the API cannot be reached.\n\n" +
        'Example:\n  chainward advisories sync --source osv-api',
    )
    .action(async (flags: { source: string; scan?: string; json?: boolean }) => {
      const { runAdvisoriesSync } = await import('./advisories-sync.js');
      await runAdvisoriesSync(flags);
    });

  const kev = command.command('kev').description("CISA's Known Exploited Vulnerabilities catalogue: findings whose CVE it lists are known to be exploited");
  kev
    .command('import')
    .description('Import the catalogue (known_exploited_vulnerabilities.json as CISA publishes it); it replaces the stored one')
    .argument('<file>', 'the catalogue JSON file')
    .option('--json', 'print the summary as JSON')
    .addHelpText(
      'after',
      '\nThe catalogue: https://www.cisa.gov/sites/default/files/feeds/known_exploited_vulnerabilities.json\n' +
        '(also github.com/cisagov/kev-data). An older release than the stored one is refused.\n\n' +
        'Example:\n  chainward advisories kev import known_exploited_vulnerabilities.json',
    )
    .action(async (file: string, flags: { json?: boolean }) => {
      const summary = await withDatabase(({ kev: service }) => service.importCatalogue(file));
      if (flags.json) {
        printJson(summary);
        return;
      }
      print(`Imported Known Exploited Vulnerabilities catalogue ${summary.catalogVersion} (released ${summary.dateReleased}): ${summary.entries} entries`);
      print(`  added:      ${summary.added}`);
      print(`  updated:    ${summary.updated}`);
      print(`  removed:    ${summary.removed}`);
      print(`  unchanged:  ${summary.unchanged}`);
      if (summary.statedCount !== undefined && summary.statedCount !== summary.entries) {
        print(`  note: the file states ${summary.statedCount} entries but lists ${summary.entries}; only those listed are stored`);
      }
    });
  return command;
}

function describeSource(kind: ImportSummary['source']): string {
  switch (kind) {
    case 'zip':
      return 'OSV zip';
    case 'ghsa-checkout':
      return 'GitHub Advisory Database checkout';
    case 'directory':
      return 'directory';
    case 'file':
      return 'file';
    case 'osv-api':
      return 'OSV API';
  }
}

/** One line rewritten in place on stderr while a person watches; silent otherwise. */
function progressLine(enabled = Boolean(process.stderr.isTTY)): { update: (summary: Readonly<ImportSummary>) => void; done: () => void } {
  let shown = false;
  return {
    update(summary) {
      if (!enabled) return;
      shown = true;
      const { files, imported, updated, unchanged, invalid } = summary;
      process.stderr.write(`\rchainward: ${files} files: ${imported} imported, ${updated} updated, ${unchanged} unchanged, ${invalid.length} invalid`);
    },
    done() {
      if (shown) process.stderr.write('\n');
    },
  };
}
