import { Command } from 'commander';
import type { FindingView } from '../../advisories/nest.js';
import { withDatabase } from '../context.js';
import { print, printJson } from '../io.js';

/** `chainward findings <scan-id>`: the vulnerabilities a scan matched, VEX suppressions shown. */
export function findingsCommand(): Command {
  return new Command('findings')
    .description('List the vulnerability findings of a stored scan, with CVSS scores, fix versions, known exploitation (CISA KEV) and VEX suppressions')
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
    finding.withdrawn ? `${finding.advisory} (withdrawn)` : finding.advisory,
    finding.severity ?? 'unknown',
    finding.score === null ? '-' : finding.score.toFixed(1),
    finding.fixAbove ?? (finding.fixedVersions.length > 0 ? 'none above' : 'none'),
    finding.knownExploited ? `yes, since ${finding.knownExploited.dateAdded}` : '',
    finding.suppressed ? `suppressed: ${finding.suppressed.state}${finding.suppressed.justification ? ` (${finding.suppressed.justification})` : ''}` : '',
  ]);
  const header = ['COMPONENT', 'ADVISORY', 'SEVERITY', 'SCORE', 'FIX', 'EXPLOITED', 'VEX'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: string[]): string => cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ').trimEnd();
  const active = findings.filter((finding) => !finding.suppressed).length;
  const exploited = findings.filter((finding) => finding.knownExploited).length;
  const withdrawn = findings.filter((finding) => finding.withdrawn).length;
  const totals = [`${findings.length} finding(s), ${active} not suppressed`, exploited > 0 ? `${exploited} known exploited` : '', withdrawn > 0 ? `${withdrawn} withdrawn since the scan` : '']
    .filter(Boolean)
    .join(', ');
  return [line(header), ...rows.map(line), '', totals].join('\n');
}
