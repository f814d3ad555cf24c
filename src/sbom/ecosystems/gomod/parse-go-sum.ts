import { ChainwardError } from '../../../common/errors.js';
import type { TextFile } from '../types.js';

/** The go.sum lines of one module version. */
export interface GoSumEntry {
  /** `h1:` hash of the module's file tree (the zip), when go.sum has that line. */
  zip?: string;
  /** `h1:` hash of the module's go.mod alone (`<version>/go.mod` lines). */
  goMod?: string;
}

/** The base64 alphabet, as a lookup table by character code. */
const BASE64 = new Uint8Array(128);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/') BASE64[c.charCodeAt(0)] = 1;

/** A `h1:` hash: `h1:` and base64 of a SHA-256, 43 characters and one `=`. A table, not a regex: this runs once per module. */
function isH1(hash: string): boolean {
  if (hash.length !== 47 || hash.charCodeAt(46) !== 61) return false;
  for (let i = 3; i < 46; i++) if (BASE64[hash.charCodeAt(i)] !== 1) return false;
  return true;
}

/**
 * go.sum read as the go command reads it: one `<module> <version>[/go.mod] <hash>` line per
 * checksum, and a line without exactly three fields is an error. The hashes of the module
 * versions asked for (`entry`) must be well-formed `h1:` hashes (a cut-off line is an error
 * there); like the go command, lines nobody asks for are not checked further.
 */
export class GoSum {
  /** Hash by the line's first two fields: `<module> <version>` or `<module> <version>/go.mod`. */
  private readonly hashes = new Map<string, string>();

  constructor(private readonly file: TextFile) {
    const text = file.text;
    let lineNumber = 0;
    for (let start = 0; start <= text.length; ) {
      let end = text.indexOf('\n', start);
      if (end < 0) end = text.length;
      const line = end > start && text.charCodeAt(end - 1) === 13 ? text.slice(start, end - 1) : text.slice(start, end);
      start = end + 1;
      lineNumber++;
      // go.sum is written with single spaces: that case needs no regex.
      const first = line.indexOf(' ');
      const second = first > 0 ? line.indexOf(' ', first + 1) : -1;
      if (second > first + 1 && second < line.length - 1 && line.indexOf(' ', second + 1) < 0 && line.indexOf('\t') < 0) {
        this.hashes.set(line.slice(0, second), line.slice(second + 1));
        continue;
      }
      const fields = line.trim().split(/\s+/).filter((field) => field !== '');
      if (fields.length === 0) continue;
      if (fields.length !== 3) {
        const column = fields.length < 3 ? line.length + 1 : line.indexOf(fields[3], line.indexOf(fields[2]) + fields[2].length) + 1;
        throw malformed(file, lineNumber, column, `expected 3 fields (module, version, hash), found ${fields.length}`);
      }
      this.hashes.set(`${fields[0]} ${fields[1]}`, fields[2]);
    }
  }

  get size(): number {
    return this.hashes.size;
  }

  /** The `h1:` lines of a module version; undefined when go.sum has neither. Hashes of other algorithms are passed over. */
  entry(path: string, version: string): GoSumEntry | undefined {
    const zip = this.h1(`${path} ${version}`);
    const goMod = this.h1(`${path} ${version}/go.mod`);
    if (zip === undefined && goMod === undefined) return undefined;
    const entry: GoSumEntry = {};
    if (zip !== undefined) entry.zip = zip;
    if (goMod !== undefined) entry.goMod = goMod;
    return entry;
  }

  private h1(key: string): string | undefined {
    const hash = this.hashes.get(key);
    if (hash === undefined || !hash.startsWith('h1:')) return undefined;
    if (!isH1(hash)) {
      const offset = this.file.text.search(new RegExp(`^[ \\t]*${escapeRegExp(key).replace(' ', '[ \\t]+')}[ \\t]`, 'm'));
      const lines = this.file.text.slice(0, Math.max(offset, 0)).split('\n');
      const lineText = this.file.text.split('\n')[lines.length - 1] ?? '';
      throw malformed(this.file, lines.length, lineText.indexOf(hash) + 1, `malformed h1 hash ${JSON.stringify(hash)}`);
    }
    return hash;
  }
}

export function parseGoSum(file: TextFile): GoSum {
  return new GoSum(file);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function malformed(file: TextFile, line: number, column: number, message: string): ChainwardError {
  return new ChainwardError({
    code: 'SBOM_MALFORMED_FILE',
    category: 'bad-input',
    message: `malformed go.sum: ${message}`,
    location: { file: file.path, line, column },
  });
}
