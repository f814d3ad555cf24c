import { ChainwardError } from '../../src/common/errors.js';

/** The ChainwardError `run` throws, for tests that check its code, category, message and location; anything else fails the test. */
export function errorOf(run: () => unknown): ChainwardError {
  try {
    run();
  } catch (error) {
    if (error instanceof ChainwardError) return error;
    throw error;
  }
  throw new Error('expected a ChainwardError');
}

/** The code of the ChainwardError `run` throws, or `no error` when it returns: `expect(errorCode(...)).toBe(...)` shows which one. */
export function errorCode(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof ChainwardError) return error.code;
    throw error;
  }
  return 'no error';
}
