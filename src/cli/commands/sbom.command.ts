import { Command, Option } from 'commander';
import { ChainwardError } from '../../common/errors.js';
import type { DependencyGraph, SbomVulnerability } from '../../sbom/index.js';
import { cliConfig } from '../context.js';
import { print, progressReporter, writeFileAtomic } from '../io.js';
import { maxFileSizeOption } from './options.js';

interface SbomFlags {
  format: 'cyclonedx-json' | 'cyclonedx-xml';
  specVersion: '1.6' | '1.5';
  output?: string;
  dev: boolean;
  reproducible?: boolean;
  maxFileSize?: number;
  withVulns?: boolean;
  advisories?: string;
}

/** `chainward sbom <dir>`: no database, no server; what CI calls, so it loads only the scanner. */
export function sbomCommand(): Command {
  return new Command('sbom')
    .description('Build a CycloneDX SBOM of a directory from its lockfiles (no database needed)')
    .argument('<dir>', 'repository or project directory to scan')
    .addOption(new Option('--format <format>', 'output format').choices(['cyclonedx-json', 'cyclonedx-xml']).default('cyclonedx-json'))
    .addOption(new Option('--spec-version <version>', 'CycloneDX specification version').choices(['1.6', '1.5']).default('1.6'))
    .option('-o, --output <file>', 'write the SBOM to this file (written whole or not at all) instead of stdout')
    .option('--no-dev', 'leave out components only development needs')
    .option('--reproducible', 'same input, same bytes: serial number from the content, timestamp from SOURCE_DATE_EPOCH or left out')
    .addOption(maxFileSizeOption())
    .option('--with-vulns', 'embed a CycloneDX vulnerabilities section: the advisories (--advisories) that affect the components')
    .option('--advisories <snapshot|dir>', 'advisories for --with-vulns: a snapshot from `chainward advisories export`, an OSV directory or zip')
    .addHelpText(
      'after',
      '\nExamples:\n  chainward sbom . -o sbom.cdx.json\n  chainward sbom path/to/app --format cyclonedx-xml --no-dev\n  SOURCE_DATE_EPOCH=1700000000 chainward sbom . --reproducible\n  chainward sbom . --with-vulns --advisories advisories.osv.jsonl.gz',
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
  const { index, invalid } = await loadMatchIndex(location);
  for (const issue of invalid) process.stderr.write(`chainward: warning: ${issue.file ?? location}: skipped an advisory: ${issue.message}\n`);
  onProgress(`matching ${graph.components.size} components against ${index.size} advisories`);
  const libraries = [...graph.components.values()].filter((node) => node.type === 'library');
  return toSbomVulnerabilities(matchComponents(index, libraries));
}
