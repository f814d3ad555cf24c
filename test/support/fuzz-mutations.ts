import fc from 'fast-check';
import { ChainwardError } from '../../src/common/errors.js';

/**
 * Mutations of a real file, the way files really get damaged or tampered with:
 * cut short, a slice dropped, a slice repeated, random text or a hostile token
 * spliced in, two lines swapped.
 */
export function mutatedText(original: string): fc.Arbitrary<string> {
  const at = fc.integer({ min: 0, max: original.length });
  const lines = original.split('\n');
  const line = fc.integer({ min: 0, max: Math.max(lines.length - 1, 0) });
  const hostile = fc.constantFrom('\u0000', '\uFEFF', '"', '(', ')', '!', '  ', '\t', '\r\n', '{', '}', '[', ']', ',', ':', '<', '>', '&', '<!DOCTYPE x>', '$(', '-', '=', '\n\n', '    x (1', 'sha256=');
  return fc.oneof(
    at.map((end) => original.slice(0, end)),
    fc.tuple(at, fc.integer({ min: 1, max: 200 })).map(([start, length]) => original.slice(0, start) + original.slice(start + length)),
    fc.tuple(at, fc.integer({ min: 1, max: 200 })).map(([start, length]) => original.slice(0, start + length) + original.slice(start)),
    fc.tuple(at, fc.oneof(fc.string({ maxLength: 12 }), hostile)).map(([position, text]) => original.slice(0, position) + text + original.slice(position)),
    fc.tuple(line, line).map(([a, b]) => {
      const copy = [...lines];
      [copy[a], copy[b]] = [copy[b] as string, copy[a] as string];
      return copy.join('\n');
    }),
  );
}

/**
 * Runs `parse` on mutations of `original`: it must return, or throw a bad-input
 * ChainwardError whose location (when it has a line) points inside the file. Anything
 * else — a TypeError, a RangeError, an error of another category — fails the property.
 */
export function assertOnlyTypedErrors(original: string, parse: (text: string) => unknown, numRuns = 150): void {
  fc.assert(
    fc.property(mutatedText(original), (text) => {
      try {
        parse(text);
      } catch (error) {
        if (!(error instanceof ChainwardError) || error.category !== 'bad-input') throw error;
        const { line, column } = error.location ?? {};
        if (line !== undefined && (line < 1 || line > text.split('\n').length + 1)) throw new Error(`line ${line} is outside the file`, { cause: error });
        if (column !== undefined && column < 1) throw new Error(`column ${column} is not 1-based`, { cause: error });
      }
    }),
    { numRuns, seed: 20_240_611 },
  );
}
