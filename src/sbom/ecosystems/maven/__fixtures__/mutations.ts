import fc from 'fast-check';
import { ChainwardError } from '../../../../common/errors.js';

/**
 * Mutations of a real file: cut short, a range deleted, text inserted, a
 * character replaced, a range duplicated (nesting, repeated elements).
 * Test support only.
 */
export function mutationsOf(text: string): fc.Arbitrary<string> {
  const position = fc.integer({ min: 0, max: text.length });
  const noise = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('<', '>', '</', '/>', '${', '}', '=', ':', ',', '"', '\n', '[', ']', '<!DOCTYPE x>', '&amp;', '\u0000'));
  return fc.oneof(
    position.map((at) => text.slice(0, at)),
    fc.tuple(position, fc.integer({ min: 1, max: 200 })).map(([at, length]) => text.slice(0, at) + text.slice(at + length)),
    fc.tuple(position, noise).map(([at, insert]) => text.slice(0, at) + insert + text.slice(at)),
    fc.tuple(position, fc.integer({ min: 1, max: 400 })).map(([at, length]) => text.slice(0, at) + text.slice(at, at + length) + text.slice(at)),
  );
}

/** Runs the parser: a result, or a bad-input error naming one of the files, is fine; anything else fails the property. */
export async function onlyTypedErrors(files: readonly string[], parse: () => unknown): Promise<boolean> {
  try {
    await parse();
    return true;
  } catch (error) {
    if (error instanceof ChainwardError && error.category === 'bad-input' && files.includes(error.location?.file ?? '')) return true;
    throw error;
  }
}
