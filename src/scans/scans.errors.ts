import { ChainwardError } from '../common/errors.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function scanNotFound(id: string): ChainwardError {
  return new ChainwardError({ code: 'SCAN_NOT_FOUND', category: 'not-found', message: `no scan with id ${id}` });
}

/** Rejects ids that cannot be scan ids before they reach SQL (PostgreSQL would raise a type error). */
export function assertScanId(id: string): void {
  if (!UUID.test(id)) {
    throw new ChainwardError({ code: 'SCAN_ID_INVALID', category: 'bad-input', message: `${JSON.stringify(id)} is not a scan id (a UUID, as \`chainward scans list\` prints)` });
  }
}
