/** Every output format of the gate, each a pure function of the gate's result. */
import type { GateReport } from '../gate-report.js';
import { renderGitlab } from './gitlab.js';
import { renderJunit } from './junit.js';
import { renderMarkdown } from './markdown.js';
import { renderSarif } from './sarif.js';

export { renderText, type TextOptions } from './text.js';
export { renderSarif } from './sarif.js';
export { renderJunit } from './junit.js';
export { renderMarkdown } from './markdown.js';
export { codeQualityIssues, renderGitlab, type CodeQualityIssue } from './gitlab.js';
export { renderGithubCommands } from './github-commands.js';

export const GATE_FORMATS = ['text', 'sarif', 'junit', 'markdown', 'json', 'gitlab'] as const;
export type GateFormat = (typeof GATE_FORMATS)[number];

/** The file each format is written to in the output directory (`text` goes to stdout). */
export const GATE_FILES: Record<Exclude<GateFormat, 'text'>, string> = {
  sarif: 'chainward.sarif',
  junit: 'chainward-junit.xml',
  markdown: 'chainward-summary.md',
  json: 'chainward-gate.json',
  gitlab: 'gl-code-quality-report.json',
};

export function renderJson(report: GateReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** The file formats' contents, by format. */
export function renderFile(format: Exclude<GateFormat, 'text'>, report: GateReport): string {
  switch (format) {
    case 'sarif':
      return renderSarif(report);
    case 'junit':
      return renderJunit(report);
    case 'markdown':
      return renderMarkdown(report);
    case 'json':
      return renderJson(report);
    case 'gitlab':
      return renderGitlab(report);
  }
}
