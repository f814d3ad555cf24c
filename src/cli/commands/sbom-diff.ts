import { Command } from 'commander';
import { ExitCode } from '../exit-codes.js';
import { print, printJson } from '../io.js';
import { maxFileSizeOption } from './options.js';

interface DiffFlags {
  json?: boolean;
  exitCode?: boolean;
  maxFileSize?: number;
}

/** `chainward sbom diff <a> <b>`: two SBOM files of any format, compared by package. No database. */
export function sbomDiffCommand(): Command {
  return new Command('diff')
    .description('Compare two SBOM files (CycloneDX JSON/XML, SPDX JSON, in any combination): packages added, removed, changed version, changed licence')
    .argument('<a>', 'the earlier SBOM')
    .argument('<b>', 'the later SBOM')
    .option('--json', 'print JSON')
    .option('--exit-code', 'exit 1 when the SBOMs differ, 0 when they do not (like git diff --exit-code)')
    .addOption(maxFileSizeOption())
    .addHelpText('after', '\nExamples:\n  chainward sbom diff main.cdx.json branch.cdx.json\n  chainward sbom diff cdxgen.json chainward.spdx.json --json --exit-code')
    .action(async (a: string, b: string, flags: DiffFlags) => {
      const { diffSboms, formatSbomDiff, isEmptyDiff, parseSbom, readSbomFile, sbomDiffJson, DEFAULT_MAX_SBOM_BYTES } = await import('../../sbom/index.js');
      const limit = flags.maxFileSize ?? DEFAULT_MAX_SBOM_BYTES;
      const before = parseSbom(await readSbomFile(a, limit));
      const after = parseSbom(await readSbomFile(b, limit));
      const diff = diffSboms(before.graph, after.graph);
      if (flags.json) printJson(sbomDiffJson(diff));
      else for (const line of formatSbomDiff(diff)) print(line);
      if (flags.exitCode && !isEmptyDiff(diff)) process.exitCode = ExitCode.PolicyFailure;
    });
}
