import path from 'node:path';
import { Command } from 'commander';
import type { ScanSummary } from '../../scans/index.js';
import { ExitCode } from '../exit-codes.js';
import { cliConfig, withDatabase } from '../context.js';
import { print, printJson, progressReporter, writeFileAtomic } from '../io.js';
import { licensesOption, maxFileSizeOption } from './options.js';
import { formatPolicyResults } from './policy-format.js';
import { evaluateAndStore, resolvePolicyFlag, storedPolicySet } from './scan-policy.js';

interface ScanFlags {
  json?: boolean;
  output?: string;
  dev: boolean;
  maxFileSize?: number;
  policy?: string;
  licenses?: 'registry';
}

/** `chainward scan <dir>`: builds the SBOM and stores the scan with its history. */
export function scanCommand(): Command {
  return new Command('scan')
    .description('Scan a directory, store the scan and its SBOM in the database, and print a summary')
    .argument('<dir>', 'repository or project directory to scan')
    .option('--json', 'print one JSON object (with the scan id) instead of the summary')
    .option('-o, --output <file>', 'also write the SBOM here (default: $CHAINWARD_HOME/sboms/<scan-id>.cdx.json)')
    .option('--no-dev', 'leave out components only development needs')
    .addOption(maxFileSizeOption())
    .option(
      '--policy <set>',
      'evaluate a policy set on the scan, store the results, exit 1 when it fails: a directory or YAML file, a published name@version, or "active" (the set activated for this repository)',
    )
    .addOption(licensesOption())
    .addHelpText(
      'after',
      '\nStored waivers (`chainward waivers add`) apply with the set\'s own waivers.yaml.\n\nExamples:\n  chainward scan .\n  chainward scan path/to/app --json | jq .id\n' +
        '  chainward scan . --policy policies/default\n  chainward scan . --policy default@1.0.0\n  chainward scan . --policy active\n' +
        '  chainward scan . --licenses registry --policy policies/default',
    )
    .action(async (dir: string, flags: ScanFlags) => {
      const config = await cliConfig();
      // An invalid policy, or a published set that does not exist, stops the scan before anything is stored.
      const policyChoice = flags.policy ? await resolvePolicyFlag(flags.policy, (line) => process.stderr.write(`${line}\n`)) : undefined;
      const { scanRepository, renderSbom } = await import('../../sbom/index.js');
      const startedAt = new Date();
      const onProgress = progressReporter();
      const repositoryScan = await scanRepository(dir, {
        includeDevelopment: flags.dev,
        maxFileBytes: flags.maxFileSize ?? config.scan.maxFileSize,
        onProgress,
      });
      if (flags.licenses === 'registry') {
        const { addRegistryLicenses } = await import('./registry-licenses.js');
        await addRegistryLicenses(repositoryScan.graph, onProgress);
      }
      const document = renderSbom(repositoryScan);
      const stored = await withDatabase(async ({ scans, findings, advisories, policyResults, policySets, waivers, database }) => {
        const published = policyChoice && policyChoice.kind !== 'files' ? await storedPolicySet(policySets, policyChoice, document.scan.root) : undefined;
        const scan = await scans.recordScan(document, startedAt);
        const details = await scans.getScanDetails(scan.id);
        // Findings need advisories: with none imported there is nothing to match, and saying "0 findings" would mislead.
        const matched = (await advisories.count()) > 0 ? await findings.matchScan(scan.id) : undefined;
        const loaded = policyChoice?.kind === 'files' ? policyChoice.loaded : published?.loaded;
        const policy = loaded
          ? await evaluateAndStore(
              { findings, policyResults, waivers },
              { scanId: scan.id, root: document.scan.root, graph: document.scan.graph, loaded, now: new Date(), ...(published ? { policySetId: published.id } : {}) },
            )
          : undefined;
        return { scan, summary: details.summary, database: database.location, findings: matched?.findings, policy };
      });
      const sbomFile = path.resolve(flags.output ?? path.join(config.home, 'sboms', `${stored.scan.id}.cdx.json`));
      await writeFileAtomic(sbomFile, document.content);
      if (stored.policy?.results.outcome === 'failed') process.exitCode = ExitCode.PolicyFailure;

      if (flags.json) {
        const { toScanView } = await import('../../scans/index.js');
        const view = toScanView(stored.scan);
        printJson({
          ...view,
          sbom: { ...view.sbom, file: sbomFile, format: document.format, specVersion: document.specVersion },
          summary: stored.summary,
          findings: stored.findings ?? null,
          ...(stored.policy ? { policy: { id: stored.policy.id, ...stored.policy.results } } : {}),
        });
        return;
      }
      const commit = stored.scan.commitSha ? ` at ${stored.scan.commitSha.slice(0, 12)}${stored.scan.branch ? ` (${stored.scan.branch})` : ''}` : '';
      print(`Scanned ${stored.scan.repository.location}${commit}`);
      print(`  lockfiles:  ${stored.scan.lockfiles.join(', ')}`);
      print(formatSummary(stored.summary));
      for (const line of formatWarningsAndFindings(stored.scan, stored.findings)) print(line);
      print(`  scan id:    ${stored.scan.id}`);
      print(`  SBOM:       ${sbomFile}`);
      print(`  stored in:  ${stored.database}`);
      if (stored.policy) for (const line of formatPolicyResults(stored.policy.results)) print(line);
    });
}

/** The lines after the summary of a stored scan, shared by `scan` and `sbom import`. */
export function formatWarningsAndFindings(scan: { id: string; warnings: ReadonlyArray<{ file: string; message: string }> }, findings: number | undefined): string[] {
  return [
    ...scan.warnings.map((warning) => `  warning:    ${warning.file}: ${warning.message}`),
    findings === undefined ? '  findings:   not matched (no advisories imported: chainward advisories import <path>)' : `  findings:   ${findings} (chainward findings ${scan.id})`,
  ];
}

/** The human summary shared by `scan` and `scans show`. */
export function formatSummary(summary: ScanSummary): string {
  const lines = [`  components: ${summary.components} (${summary.direct} direct, ${summary.transitive} transitive)`];
  for (const [ecosystem, scopes] of Object.entries(summary.byEcosystem).sort()) {
    const parts = Object.entries(scopes)
      .sort()
      .map(([scope, count]) => `${scope} ${count}`);
    lines.push(`    ${ecosystem.padEnd(10)} ${parts.join(', ')}`);
  }
  const licenses = Object.entries(summary.licenses);
  const shown = licenses.slice(0, 8).map(([name, count]) => `${name} ${count}`);
  if (licenses.length > 8) shown.push(`${licenses.length - 8} more`);
  lines.push(`  licences:   ${shown.join(', ') || 'none'}`);
  return lines.join('\n');
}
