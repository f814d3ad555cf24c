/**
 * GitHub Actions workflow commands (`::error file=…,line=…,title=…::message`): annotations on the lines of
 * the pull request, printed when the gate runs under `GITHUB_ACTIONS=true`. Escaping as the runner's
 * command parser expects (actions/toolkit `command.ts`): `%`, CR and LF in the message, and also `:` and
 * `,` in property values.
 */
import type { GateReport } from '../gate-report.js';
import { fixText, messageOf } from './describe.js';

export function renderGithubCommands(report: GateReport): string {
  const lines: string[] = [];
  for (const rule of report.rules) {
    for (const violation of rule.violations) {
      const command = violation.failing ? 'error' : rule.action === 'info' ? 'notice' : 'warning';
      const message = `${messageOf(violation)}${violation.fix ? `\nFix: ${fixText(violation.fix)}` : ''}`;
      const properties = { file: violation.location.path, line: String(violation.location.line), title: `${rule.id} (${rule.severity})` };
      const rendered = Object.entries(properties)
        .map(([key, value]) => `${key}=${escapeProperty(value)}`)
        .join(',');
      lines.push(`::${command} ${rendered}::${escapeData(message)}`);
    }
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}

function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
