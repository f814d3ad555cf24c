import { ChainwardError } from '../../../common/errors.js';
import type { TextFile } from '../types.js';

/** The go.sum lines of one module version. */
export interface GoSumEntry {
  /** `h1:` hash of the module's file tree (the zip), when go.sum has that line. */
  zip?: string;
  /** `h1:` hash of the module's go.mod alone (`<version>/go.mod` lines). */
  goMod?: string;
}

/**
 * Reads go.sum: one `<module> <version>[/go.mod] <hash>` line per checksum. Keyed by
 * `path@version`. As the go command does, a line with the wrong number of fields is an
 * error; so is an `h1:` hash that is not base64 of 32 bytes (a cut-off line). Hashes of
 * other algorithms (none exist yet) are passed over.
 */
export function parseGoSum(file: TextFile): Map<string, GoSumEntry> {
  const entries = new Map<string, GoSumEntry>();
  const lines = file.text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index].endsWith('\r') ? lines[index].slice(0, -1) : lines[index];
    const fields = splitFields(line);
    if (fields.length === 0) continue;
    if (fields.length !== 3) {
      const column = fields.length < 3 ? line.length + 1 : line.indexOf(fields[3], line.indexOf(fields[2]) + fields[2].length) + 1;
      throw malformed(file, index + 1, column, `expected 3 fields (module, version, hash), found ${fields.length}`);
    }
    const [path, rawVersion, hash] = fields;
    if (!hash.startsWith('h1:')) continue;
    if (!isSha256Base64(hash.slice(3))) throw malformed(file, index + 1, line.indexOf(hash) + 1, `malformed h1 hash ${JSON.stringify(hash)}`);
    const goMod = rawVersion.endsWith('/go.mod');
    const key = `${path}@${goMod ? rawVersion.slice(0, -'/go.mod'.length) : rawVersion}`;
    let entry = entries.get(key);
    if (!entry) entries.set(key, (entry = {}));
    if (goMod) entry.goMod = hash;
    else entry.zip = hash;
  }
  return entries;
}

/** Whitespace-separated fields; go.sum is written with single spaces, so that case skips the regex. */
function splitFields(line: string): string[] {
  const fields = line.split(' ');
  if (fields.length === 3 && fields[0] !== '' && fields[1] !== '' && fields[2] !== '' && !/[^\S ]/.test(line)) return fields;
  return line.trim().split(/\s+/).filter((field) => field !== '');
}

function isSha256Base64(text: string): boolean {
  return /^[A-Za-z0-9+/]{43}=$/.test(text);
}

function malformed(file: TextFile, line: number, column: number, message: string): ChainwardError {
  return new ChainwardError({
    code: 'SBOM_MALFORMED_FILE',
    category: 'bad-input',
    message: `malformed go.sum: ${message}`,
    location: { file: file.path, line, column },
  });
}
