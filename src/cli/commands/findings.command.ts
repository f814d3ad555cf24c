import { Command } from 'commander';
import type { FindingView } from '../../advisories/nest.js';
import { withDatabase } from '../context.js';
import { print, printJson } from '../io.js';

/** `chainward findings <scan-id>`: the vulnerabilities a scan matched, VEX suppressions shown. */
export function findingsCommand(): Command {
  return new Command('findings')
    .description('List the vulnerability findings of a stored scan, with CVSS scores, fix versions and VEX suppressions')
    .argument('<scan-id>', 'scan id (as `chainward scans list` prints)')
    .option('--json', 'print JSON instead of a table')
    .action(async (scanId: string, flags: { json?: boolean }) => {
      const { scan, findings } = await withDatabase(({ findings: service }) => service.listFindings(scanId));
      if (flags.json) {
        printJson({ scan: scan.id, repository: scan.repository.name, findings });
        return;
      }
      print(formatFindings(findings));
    });
}

export function formatFindings(findings: FindingView[]): string {
  if (findings.length === 0) return 'No findings.';
  const rows = findings.map((finding) => [
    `${finding.component.name}@${finding.component.version}`,
    finding.advisory,
    finding.severity ?? 'unknown',
    finding.score === null ? '-' : finding.score.toFixed(1),
    finding.fixAbove ?? (finding.fixedVersions.length > 0 ? 'none above' : 'none'),
    finding.suppressed ? `suppressed: ${finding.suppressed.state}${finding.suppressed.justification ? ` (${finding.suppressed.justification})` : ''}` : '',
  ]);
  const header = ['COMPONENT', 'ADVISORY', 'SEVERITY', 'SCORE', 'FIX', 'VEX'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: string[]): string => cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ').trimEnd();
  const active = findings.filter((finding) => !finding.suppressed).length;
  return [line(header), ...rows.map(line), '', `${findings.length} finding(s), ${active} not suppressed`].join('\n');
}
