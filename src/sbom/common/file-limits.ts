import { ChainwardError } from '../../common/errors.js';
import type { TextFile } from '../ecosystems/types.js';

/** Refuses a file larger than a parser accepts, before parsing it: untrusted input must not exhaust memory. */
export function refuseOversized(file: TextFile, what: string, maxBytes: number): void {
  if (Buffer.byteLength(file.text, 'utf8') <= maxBytes) return;
  throw new ChainwardError({
    code: 'SBOM_FILE_TOO_LARGE',
    category: 'bad-input',
    message: `${what} is over the ${maxBytes / 1024 / 1024} MB limit`,
    location: { file: file.path },
  });
}
