import { ChainwardError } from '../common/errors.js';

export function auditBadRequest(message: string): ChainwardError {
  return new ChainwardError({ code: 'audit.bad-request', category: 'bad-input', message });
}

export function auditEntryNotFound(seq: bigint): ChainwardError {
  return new ChainwardError({ code: 'audit.entry-not-found', category: 'not-found', message: `the audit ledger has no entry ${seq}` });
}

export function auditNoPublicKey(): ChainwardError {
  return new ChainwardError({
    code: 'audit.no-public-key',
    category: 'bad-input',
    message: 'the ledger has checkpoints but no public key is known: pass --public-key with the published key (vkey)',
  });
}

/** The ledger no longer matches itself: nothing may be signed on top of it. */
export function auditTampered(message: string): ChainwardError {
  return new ChainwardError({ code: 'audit.tampered', category: 'internal', message: `refusing to sign a checkpoint: ${message}` });
}

/** Parses a query or flag value as an unsigned 64-bit integer. */
export function parseTreeSize(value: string | undefined, name: string, { min = 0n }: { min?: bigint } = {}): bigint {
  if (value === undefined || !/^(0|[1-9][0-9]{0,19})$/.test(value) || BigInt(value) < min || BigInt(value) > (1n << 63n) - 1n) {
    throw auditBadRequest(`${name} must be a whole number from ${min}${value === undefined ? '' : `, not "${value.slice(0, 40)}"`}`);
  }
  return BigInt(value);
}
