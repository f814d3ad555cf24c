import { appendFile } from 'node:fs/promises';
import path from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import { ChainwardError } from '../../common/errors.js';
import type { GateFormat } from '../../gate/index.js';
import type { RuleSeverity } from '../../policy/index.js';
import { ExitCode } from '../exit-codes.js';
import { cliConfig } from '../context.js';
import { print, progressReporter, writeFileAtomic } from '../io.js';
import { maxFileSizeOption } from './options.js';

const FORMATS: readonly GateFormat[] = ['text', 'sarif', 'junit', 'markdown', 'json', 'gitlab'];
const SEVERITIES: readonly RuleSeverity[] = ['critical', 'high', 'medium', 'low', 'info'];
const DEFAULT_OUTPUT_DIR = path.join('.chainward', 'gate');

interface GateFlags {
  policy?: string;
  advisories?: string;
  vex: string[];
  baseline?: string;
  format: GateFormat[];
  outputDir: string;
  failOn?: RuleSeverity;
  server?: string;
  token?: string;
  reportTo?: string;
  repository?: string;
  maxFileSize?: number;
}

/** `chainward gate [dir]`: the policy gate for CI. No database, no server boot. */
export function gateCommand(): Command {
  return new Command('gate')
    .description('The CI policy gate: build the SBOM, match advisories, evaluate a policy set; exit 0 pass, 1 fail, 2 bad input (no database needed)')
    .argument('[dir]', 'repository or project directory to check', '.')
    .option('--policy <dir|file>', 'policy set to evaluate (default: the policies/default set shipped with Chainward, or the server\'s active set with --server)')
    .option('--advisories <file|dir>', 'advisories: a snapshot from `chainward advisories export`, an OSV directory or an OSV zip')
    .option('--vex <file>', 'a CycloneDX VEX document whose not_affected / false_positive analyses suppress findings (repeatable)', collect, [])
    .option('--baseline <file>', 'a previous gate result (--format json): only violations not in it fail the gate')
    .addOption(new Option('--format <list>', `outputs, comma-separated: ${FORMATS.join(', ')} (text goes to stdout, the others to files)`).argParser(parseFormats).default(['text', 'sarif', 'json'], 'text,sarif,json'))
    .option('--output-dir <dir>', 'directory for the output files', DEFAULT_OUTPUT_DIR)
    .addOption(new Option('--fail-on <severity>', 'only rules of this severity or above fail the gate (others warn)').choices(SEVERITIES))
    .option('--server <url>', 'take the active policy set and the advisory snapshot from this Chainward server')
    .addOption(new Option('--token <token>', 'bearer token for --server and --report-to').env('CHAINWARD_TOKEN'))
    .option('--report-to <url>', 'upload the result to this Chainward server (stored as a scan); a failed upload only warns')
    .option('--repository <name>', 'repository name for policy scopes, waivers and the server (default: from CI variables, else the directory name)')
    .addOption(maxFileSizeOption())
    .addHelpText(
      'after',
      `
Files written to --output-dir: chainward.sarif (SARIF 2.1.0), chainward-junit.xml, chainward-summary.md,
chainward-gate.json (chainward.gate/v1, also the --baseline format), gl-code-quality-report.json (GitLab).
Under GitHub Actions (GITHUB_ACTIONS=true) failures are also printed as annotations, and the Markdown
summary is appended to $GITHUB_STEP_SUMMARY when it is set.

Examples:
  chainward gate . --advisories advisories.osv.jsonl.gz
  chainward gate . --policy policies/regulated-finance --format text,sarif,junit --fail-on high
  chainward gate . --baseline main-gate.json --advisories advisories.osv.jsonl.gz
  chainward gate . --server https://chainward.example.org --token "$CHAINWARD_TOKEN" --report-to https://chainward.example.org`,
    )
    .action(async (dir: string, flags: GateFlags) => {
      if (flags.server && !flags.token) throw usage('--server needs --token (or CHAINWARD_TOKEN)');
      const config = await cliConfig();
      const outputDir = path.resolve(flags.outputDir);
      const root = path.resolve(dir);
      const warn = (line: string): void => void process.stderr.write(`${line}\n`);
      const { runGate } = await import('./gate-run.js');
      const { report, text } = await runGate({
        directory: dir,
        ...(flags.policy !== undefined ? { policy: flags.policy } : {}),
        ...(flags.advisories !== undefined ? { advisories: flags.advisories } : {}),
        vex: flags.vex,
        ...(flags.baseline !== undefined ? { baseline: flags.baseline } : {}),
        ...(flags.failOn ? { failOn: flags.failOn } : {}),
        ...(flags.server ? { server: { url: flags.server, token: flags.token } } : {}),
        ...(flags.repository ? { repository: flags.repository } : {}),
        maxFileBytes: flags.maxFileSize ?? config.scan.maxFileSize,
        excludeFiles: ownFiles(root, outputDir, config.home),
        warn,
        progress: progressReporter(),
      });

      const gate = await import('../../gate/index.js');
      const written: string[] = [];
      for (const format of flags.format) {
        if (format === 'text') continue;
        const file = path.join(outputDir, gate.GATE_FILES[format]);
        await writeFileAtomic(file, gate.renderFile(format, report));
        written.push(path.relative(process.cwd(), file) || file);
      }
      if (process.env.GITHUB_ACTIONS === 'true') process.stdout.write(gate.renderGithubCommands(report));
      if (process.env.GITHUB_STEP_SUMMARY) await appendFile(process.env.GITHUB_STEP_SUMMARY, gate.renderMarkdown(report));
      if (flags.format.includes('text')) {
        process.stdout.write(gate.renderText(report, text));
        if (written.length > 0) print(`reports: ${written.join(', ')}`);
      }
      if (flags.reportTo) {
        const { reportResult } = await import('./gate-server.js');
        const sent = await reportResult({ url: flags.reportTo, ...(flags.token ? { token: flags.token } : {}) }, report);
        if (sent.ok) process.stderr.write(`chainward: reported to ${flags.reportTo}${sent.scan ? ` (scan ${sent.scan})` : ''}\n`);
        else process.stderr.write(`chainward: warning: could not report the result to ${flags.reportTo}: ${sent.message}; the gate's outcome stands\n`);
      }
      if (report.verdict === 'fail') process.exitCode = ExitCode.PolicyFailure;
    });
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function parseFormats(value: string): GateFormat[] {
  const formats = value
    .split(',')
    .map((format) => format.trim())
    .filter(Boolean);
  const unknown = formats.filter((format) => !FORMATS.includes(format as GateFormat));
  if (unknown.length > 0 || formats.length === 0) throw new InvalidArgumentError(`unknown format ${unknown.join(', ') || '(none)'}; choose from ${FORMATS.join(', ')}`);
  return [...new Set(formats)] as GateFormat[];
}

/** The gate's outputs and Chainward's own state, if they sit inside the scanned directory, are not the repository's content. */
function ownFiles(root: string, ...directories: string[]): (file: string) => boolean {
  const prefixes = directories
    .map((directory) => path.relative(root, directory).split(path.sep).join('/'))
    .filter((relative) => relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative))
    .map((relative) => `${relative}/`);
  return (file) => prefixes.some((prefix) => file.startsWith(prefix));
}

function usage(message: string): ChainwardError {
  return new ChainwardError({ code: 'GATE_USAGE', category: 'bad-input', message });
}
