import path from 'node:path';
import type { ChainwardConfig } from '../config/index.js';
import type { SigningSource } from './signing/identity.js';

/** Injection token of the ReportOptions (NestJS). */
export const REPORT_OPTIONS = Symbol('REPORT_OPTIONS');

/** What reports need from the configuration: the organisation they name and where the signing key comes from. */
export interface ReportOptions {
  organisation: string | null;
  signing: SigningSource;
}

/**
 * A configured PKCS#12 file (report.signing.p12, passphrase from CHAINWARD_REPORT_P12_PASSPHRASE) or, by default,
 * Chainward's private CA under $CHAINWARD_HOME/keys, created on first use.
 */
export function reportOptions(config: Pick<ChainwardConfig, 'home' | 'report'>): ReportOptions {
  const organisation = config.report?.organisation ?? null;
  const signing: SigningSource = config.report?.p12File
    ? { kind: 'p12', file: config.report.p12File, passphrase: config.report.p12Passphrase ?? '' }
    : { kind: 'local-ca', keysDirectory: path.join(config.home, 'keys'), organisation: organisation ?? 'Chainward' };
  return { organisation, signing };
}
