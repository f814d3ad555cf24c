import { createHash } from 'node:crypto';
import path from 'node:path';
import { Command } from 'commander';
import { withDatabase } from '../context.js';
import { print, printJson } from '../io.js';
import { maxFileSizeOption } from './options.js';
import { formatSummary, formatWarningsAndFindings } from './scan.command.js';

interface ImportFlags {
  repo?: string;
  json?: boolean;
  maxFileSize?: number;
}

/** `chainward sbom import <file>`: an SBOM made by another tool becomes a stored scan. */
export function sbomImportCommand(): Command {
  return new Command('import')
    .description('Store an SBOM made by another tool (CycloneDX 1.4–1.6 JSON or XML, SPDX 2.2/2.3 JSON) as a scan, so findings, policies and reports work on it')
    .argument('<file>', 'the SBOM file (cdxgen, Syft, Trivy, GitHub dependency-graph export, Chainward, ...)')
    .option('--repo <name>', 'repository the scan belongs to (default: the document\'s root component or document name)')
    .option('--json', 'print one JSON object (with the scan id) instead of the summary')
    .addOption(maxFileSizeOption())
    .addHelpText('after', '\nExamples:\n  chainward sbom import bom.json\n  chainward sbom import sbom.spdx.json --repo payments-api --json | jq .id')
    .action(async (file: string, flags: ImportFlags) => {
      const { parseSbom, readSbomFile, DEFAULT_MAX_SBOM_BYTES } = await import('../../sbom/index.js');
      const startedAt = new Date();
      const text = await readSbomFile(file, flags.maxFileSize ?? DEFAULT_MAX_SBOM_BYTES);
      // Parsed and checked before the database opens: a bad document stores nothing.
      const imported = parseSbom(text);
      const name = flags.repo ?? imported.name;
      const stored = await withDatabase(async ({ scans, findings, advisories, database }) => {
        const scan = await scans.recordImportedScan({
          name,
          graph: imported.graph,
          document: {
            format: imported.format,
            specVersion: imported.specVersion,
            serialNumber: imported.serialNumber ?? '',
            content: text.text,
            digest: createHash('sha256').update(text.text).digest('hex'),
          },
          importedFrom: { file: path.basename(file), format: imported.format, specVersion: imported.specVersion, tools: imported.tools, serialNumber: imported.serialNumber ?? null },
          startedAt,
        });
        const details = await scans.getScanDetails(scan.id);
        const matched = (await advisories.count()) > 0 ? await findings.matchScan(scan.id) : undefined;
        return { scan, summary: details.summary, findings: matched?.findings, database: database.location };
      });
      if (flags.json) {
        const { toScanView } = await import('../../scans/index.js');
        printJson({ ...toScanView(stored.scan), summary: stored.summary, findings: stored.findings ?? null });
        return;
      }
      print(`Imported ${file} into ${stored.scan.repository.name}`);
      print(`  document:   ${describeDocument(imported)}`);
      print(formatSummary(stored.summary));
      for (const line of formatWarningsAndFindings(stored.scan, stored.findings)) print(line);
      print(`  scan id:    ${stored.scan.id}`);
      print(`  stored in:  ${stored.database}`);
    });
}

export function describeDocument(imported: { format: string; specVersion: string; tools: Array<{ name: string; version?: string }> }): string {
  const tools = imported.tools.map((tool) => (tool.version ? `${tool.name} ${tool.version}` : tool.name)).join(', ');
  return `${imported.format} ${imported.specVersion}${tools ? `, made by ${tools}` : ''}`;
}
