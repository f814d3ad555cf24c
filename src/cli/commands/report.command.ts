import { access, constants, mkdir } from 'node:fs/promises';
import { hostname, userInfo } from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { ChainwardError } from '../../common/errors.js';
import { cliConfig, withDatabase } from '../context.js';
import { print, progressReporter, writeFileAtomic } from '../io.js';
import { reportCaCommand, reportVerifyCommand } from './report-verify.js';

interface ReportFlags {
  repo?: string;
  scan?: string;
  org?: boolean;
  from?: string;
  to?: string;
  output?: string;
}

/** `chainward report`: a signed PDF compliance report, and `report verify` / `report ca` for auditors. */
export function reportCommand(): Command {
  const report = new Command('report')
    .description(
      'Write a signed PDF compliance report (SBOM per NTIA minimum elements, vulnerabilities, policy results, audit trail) bound to a fresh audit ledger checkpoint',
    )
    .option('--repo <name>', 'one repository, by name or location (as `chainward scans list` shows)')
    .option('--scan <id>', 'one stored scan')
    .option('--org', 'every scanned repository')
    .option('--from <date>', 'start of the period: 2026-03-01 or an ISO instant (default: 30 days before --to; for --scan, the scan\'s day)')
    .option('--to <date>', 'end of the period, inclusive: 2026-03-31 or an ISO instant (default: now)')
    // Not a required option: commander would then demand it of `report verify` and `report ca` too.
    .option('-o, --output <file>', 'where to write the PDF (required; written completely or not at all)')
    .addHelpText(
      'after',
      [
        '',
        'The report is signed (PAdES B-B) with report.signing.p12 (passphrase: CHAINWARD_REPORT_P12_PASSPHRASE) or, by default,',
        'a private CA created under $CHAINWARD_HOME/keys; its generation is recorded in the audit ledger (report.generated).',
        '',
        'Examples:',
        '  chainward report --repo npm-webapp -o report.pdf',
        '  chainward report --org --from 2026-01-01 --to 2026-03-31 -o q1.pdf',
        '  chainward report ca --export root.pem          # the trust anchor for auditors',
        '  chainward report verify report.pdf --ca root.pem',
      ].join('\n'),
    )
    .action(async (flags: ReportFlags) => {
      const target = targetOf(flags);
      const output = flags.output;
      if (!output) throw usage('give the output file: -o report.pdf');
      const config = await cliConfig();
      if (!config.report?.organisation) process.stderr.write('chainward: warning: report.organisation is not configured; the report names no organisation\n');
      await ensureWritable(output);
      const progress = progressReporter();
      progress('collecting the report\'s data and signing a ledger checkpoint');
      const generated = await withDatabase(({ reports }) => reports.generate({ target, from: flags.from, to: flags.to }, cliActor()));
      await writeFileAtomic(output, generated.pdf);
      print(`Wrote ${output}: ${generated.pages} pages, ${generated.pdf.length.toLocaleString('en-GB')} bytes, SHA-256 ${generated.sha256}`);
      print(`  report ${generated.id}: ${describeScope(generated.scope)}, ${generated.period.from} to ${generated.period.to}`);
      print(`  bound to ledger checkpoint ${generated.checkpoint.origin}, tree size ${generated.checkpoint.treeSize}, root ${generated.checkpoint.rootHash}`);
      print(`  signed by ${generated.signer.subject}`);
      print(`  certificate SHA-256 ${generated.signer.fingerprint}`);
      if (generated.signer.rootFingerprint) print(`  trust anchor SHA-256 ${generated.signer.rootFingerprint}`);
      print(`  recorded in the audit ledger as entry ${generated.ledger.generated} (report.generated)`);
      print(`Verify: chainward report verify ${output} --ca root.pem   (root.pem: chainward report ca --export root.pem)`);
    });
  report.addCommand(reportVerifyCommand());
  report.addCommand(reportCaCommand());
  return report;
}

function targetOf(flags: ReportFlags): import('../../reports/nest.js').ReportTarget {
  const given = [flags.repo !== undefined, flags.scan !== undefined, flags.org === true].filter(Boolean).length;
  if (given !== 1) throw usage('give exactly one of --repo <name>, --scan <id> or --org');
  if (flags.repo !== undefined) return { kind: 'repository', repository: flags.repo };
  if (flags.scan !== undefined) return { kind: 'scan', scan: flags.scan };
  return { kind: 'organisation' };
}

/** The person running the command, as the ledger records who generated a report. */
function cliActor(): { kind: 'user'; id: string } {
  let name: string;
  try {
    name = userInfo().username;
  } catch {
    name = process.env.USER ?? 'unknown';
  }
  return { kind: 'user', id: `${name}@${hostname()}` };
}

/** Fails before any work (and before any ledger entry) when the report could not be written. */
async function ensureWritable(file: string): Promise<void> {
  const directory = path.dirname(path.resolve(file));
  try {
    await mkdir(directory, { recursive: true });
    await access(directory, constants.W_OK);
  } catch (error) {
    throw new ChainwardError({ code: 'report.output', category: 'bad-input', message: `cannot write the report there: ${(error as Error).message}`, location: { file } });
  }
}

function describeScope(scope: import('../../reports/index.js').ReportScope): string {
  return scope.kind === 'organisation' ? 'all repositories' : scope.kind === 'scan' ? `scan ${scope.scan} of ${scope.repository}` : `repository ${scope.repository}`;
}

function usage(message: string): ChainwardError {
  return new ChainwardError({ code: 'report.bad-usage', category: 'bad-input', message });
}
