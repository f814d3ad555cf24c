import { ChainwardError, lineAndColumnAt } from '../../common/errors.js';
import type { TextFile } from '../ecosystems/types.js';

/**
 * JSON.parse with an error that names the file, line and column. V8 reports
 * a character position ("at position 123") that we turn into line:column;
 * a truncated document is reported at its end.
 */
export function parseJsonFile(file: TextFile, what = 'JSON'): unknown {
  // Visual Studio and some Windows tools write a UTF-8 byte-order mark, which JSON.parse refuses.
  const bom = file.text.charCodeAt(0) === 0xfeff ? 1 : 0;
  try {
    return JSON.parse(bom ? file.text.slice(1) : file.text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /position (\d+)/.exec(message);
    const offset = position ? Number(position[1]) + bom : file.text.length;
    const { line, column } = lineAndColumnAt(file.text, offset);
    throw new ChainwardError({
      code: 'SBOM_MALFORMED_FILE',
      category: 'bad-input',
      message: `malformed ${what}: ${message.replace(/ in JSON at position \d+.*$/, '').replace(/^JSON\.parse: /, '')}`,
      location: { file: file.path, line, column },
      cause: error,
    });
  }
}

/** Throws a bad-input error unless `value` is a plain object. */
export function expectObject(value: unknown, file: string, what: string): Record<string, unknown> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new ChainwardError({
      code: 'SBOM_MALFORMED_FILE',
      category: 'bad-input',
      message: `${what} is not a JSON object`,
      location: { file },
    });
  }
  return value as Record<string, unknown>;
}
