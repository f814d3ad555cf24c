/**
 * The tools auditors already trust, run on the reports the tests produce: Poppler (pdftotext, pdfinfo, pdffonts,
 * pdfsig, pdfdetach, pdftoppm), NSS's certutil and OpenSSL. CI installs them (.ci/run: poppler-utils, libnss3-tools).
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { PROJECT_ROOT } from '../support/cli.js';

const exec = promisify(execFile);

export async function tool(command: string, args: string[], options: { cwd?: string } = {}): Promise<{ stdout: string; stderr: string }> {
  return exec(command, args, { cwd: options.cwd, maxBuffer: 256 * 1024 * 1024, encoding: 'utf8' });
}

/** The text in content-stream order (-raw): a table cell's lines stay together. */
export async function pdfText(file: string): Promise<string> {
  return (await tool('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-'])).stdout;
}

/** Whitespace collapsed to single spaces, so sentences wrapped across lines can be matched whole. */
export function flat(text: string): string {
  return text.replace(/\s+/g, ' ');
}

export async function pdfInfo(file: string): Promise<Record<string, string>> {
  const { stdout } = await tool('pdfinfo', ['-isodates', file]);
  return Object.fromEntries(stdout.split('\n').flatMap((line) => {
    const match = /^([^:]+):\s+(.*)$/.exec(line);
    return match ? [[match[1]!, match[2]!]] : [];
  }));
}

/** pdfsig's report of the one signature; pdfsig exits 0 even on a bad signature, so the text is what counts. */
export async function pdfsig(file: string, nssDirectory?: string): Promise<string> {
  return (await tool('pdfsig', [...(nssDirectory ? ['-nssdir', `sql:${nssDirectory}`] : []), file])).stdout;
}

/** A throw-away NSS database trusting `rootPem` for signing (the S/MIME trust flag is what pdfsig checks). */
export async function nssTrusting(rootPem: string): Promise<string> {
  const directory = await mkdtemp(path.join(tmpdir(), 'chainward-nss-'));
  await tool('certutil', ['-N', '-d', `sql:${directory}`, '--empty-password']);
  await tool('certutil', ['-A', '-n', 'chainward-root', '-t', ',C,', '-i', rootPem, '-d', `sql:${directory}`]);
  return directory;
}

/** Renders the first pages to PNG under test-results/report-pages/ (a test artefact to look at). */
export async function renderPages(file: string, name: string, pages = 3): Promise<string[]> {
  const directory = path.join(PROJECT_ROOT, 'test-results', 'report-pages');
  await mkdir(directory, { recursive: true });
  for (const existing of await readdir(directory)) if (existing.startsWith(`${name}-`)) await rm(path.join(directory, existing));
  await tool('pdftoppm', ['-r', '50', '-f', '1', '-l', String(pages), '-png', file, path.join(directory, name)]);
  return (await readdir(directory)).filter((entry) => entry.startsWith(`${name}-`)).sort();
}
