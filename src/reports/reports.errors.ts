import { ChainwardError } from '../common/errors.js';

export function reportBadRequest(message: string): ChainwardError {
  return new ChainwardError({ code: 'report.bad-request', category: 'bad-input', message });
}

export function reportNotFound(message: string): ChainwardError {
  return new ChainwardError({ code: 'report.not-found', category: 'not-found', message });
}

/** The ledger contradicts a report made from it earlier: nothing may be signed on top of it. */
export function reportLedgerMismatch(message: string): ChainwardError {
  return new ChainwardError({ code: 'report.ledger-mismatch', category: 'internal', message: `refusing to sign a report: ${message}` });
}
