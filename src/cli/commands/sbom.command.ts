import { Command, Option } from 'commander';
import { ChainwardError } from '../../common/errors.js';
import type { DependencyGraph, SbomFormat, SbomVulnerability } from '../../sbom/index.js';
import { cliConfig } from '../context.js';
import { print, progressReporter, writeFileAtomic } from '../io.js';
import { licensesOption, maxFileSizeOption } from './options.js';
import { sbomDiffCommand } from './sbom-diff.js';
import { sbomImportCommand } from './sbom-import.js';

interface SbomFlags {
  format: SbomFormat;
  specVersion: '1.6' | '1.5';
  output?: string;
  dev: boolean;
  reproducible?: boolean;
  maxFileSize?: number;
  withVulns?: boolean;
  advisories?: string;
  licenses?: 'registry';
}

/**
 * `chainward sbom <dir>`: no database, no server; what CI calls, so it loads only the scanner.
 * `sbom import <file>` and `sbom diff <a> <b>` are subcommands: commander tries a subcommand name first,
 * so a directory literally named `import` or `diff` is scanned as `./import`.
 */
export function sbomCommand(): Command {
  return new Command('sbom')
    .description('Build an SBOM (CycloneDX or SPDX) of a directory from its lockfiles (no database needed); import or compare SBOMs')
    .argument('<dir>', 'repository or project directory to scan (a directory named import or diff: write ./import)')
    .addOption(new Option('--format <format>', 'output format').choices(['cyclonedx-json', 'cyclonedx-xml', 'spdx-json']).default('cyclonedx-json'))
    .addOption(new Option('--spec-version <version>', 'CycloneDX specification version (spdx-json is always SPDX 2.3)').choices(['1.6', '1.5']).default('1.6'))
    .option('-o, --output <file>', 'write the SBOM to this file (written whole or not at all) instead of stdout')
    .option('--no-dev', 'leave out components only development needs')
    .option('--reproducible', 'same input, same bytes: serial number from the content, timestamp from SOURCE_DATE_EPOCH or left out')
    .addOption(maxFileSizeOption())
    .option('--with-vulns', 'embed a CycloneDX vulnerabilities section: the advisories (--advisories) that affect the components')
    .option('--advisories <snapshot|dir>', 'advisories for --with-vulns: a snapshot from `chainward advisories export`, an OSV directory or zip')
    .addOption(licensesOption())
    .addCommand(sbomImportCommand())
    .addCommand(sbomDiffCommand())
    .addHelpText(
      'after',
      '\nExamples:\n  chainward sbom . -o sbom.cdx.json\n  chainward sbom path/to/app --format cyclonedx-xml --no-dev\n  chainward sbom . --format spdx-json -o sbom.spdx.json\n  SOURCE_DATE_EPOCH=1700000000 chainward sbom . --reproducible\n  chainward sbom . --with-vulns --advisories advisories.osv.jsonl.gz\n  chainward sbom . --licenses registry\n  chainward sbom import bom.json --repo webapp\n  chainward sbom diff before.cdx.json after.spdx.json --exit-code',
    )
    .action(async (dir: string, flags: SbomFlags) => {
      if (flags.withVulns && !flags.advisories) {
        throw new ChainwardError({ code: 'SBOM_ADVISORIES_MISSING', category: 'bad-input', message: '--with-vulns needs --advisories <snapshot|dir> (sbom uses no database)' });
      }
      const { scanRepository, renderSbom } = await import('../../sbom/index.js');
      const onProgress = progressReporter();
      const scan = await scanRepository(dir, {
        includeDevelopment: flags.dev,
        maxFileBytes: flags.maxFileSize ?? (await cliConfig()).scan.maxFileSize,
        onProgress,
      });
      if (flags.licenses === 'registry') {
        const { addRegistryLicenses } = await import('./registry-licenses.js');
        await addRegistryLicenses(scan.graph, onProgress);
      }
      const document = renderSbom(scan, {
        format: flags.format,
        specVersion: flags.specVersion,
        reproducible: flags.reproducible ?? false,
        timestamp: sourceDateEpoch(),
        vulnerabilities: flags.withVulns && flags.advisories ? await vulnerabilitiesOf(scan.graph, flags.advisories, onProgress) : undefined,
      });
      for (const warning of document.scan.graph.warnings) process.stderr.write(`chainward: warning: ${warning.file}: ${warning.message}\n`);
      if (flags.output) {
        await writeFileAtomic(flags.output, document.content);
        const count = [...document.scan.graph.components.values()].filter((c) => c.type === 'library').length;
        process.stderr.write(`chainward: wrote ${flags.output} (${count} components, ${document.format} ${document.specVersion})\n`);
      } else {
        print(document.content);
      }
    });
}

/** SOURCE_DATE_EPOCH (reproducible-builds.org) as a Date, when set. */
function sourceDateEpoch(): Date | undefined {
  const value = process.env.SOURCE_DATE_EPOCH;
  if (!value || !/^\d+$/.test(value)) return undefined;
  return new Date(Number(value) * 1000);
}

/** The advisories of `location` that affect the graph's components, for the SBOM's vulnerabilities section. */
async function vulnerabilitiesOf(graph: DependencyGraph, location: string, onProgress: (message: string) => void): Promise<SbomVulnerability[]> {
  const { loadMatchIndex, matchComponents, toSbomVulnerabilities } = await import('../../advisories/index.js');
  // A snapshot's Known Exploited Vulnerabilities catalogue marks the findings it lists.
  const { index, invalid, knownExploited } = await loadMatchIndex(location);
  for (const issue of invalid) process.stderr.write(`chainward: warning: ${issue.file ?? location}: skipped an advisory: ${issue.message}\n`);
  onProgress(`matching ${graph.components.size} components against ${index.size} advisories`);
  const libraries = [...graph.components.values()].filter((node) => node.type === 'library');
  return toSbomVulnerabilities(matchComponents(index, libraries, { knownExploited }));
}
