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
