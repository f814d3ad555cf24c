import { X509Certificate } from 'node:crypto';
import { chmod, link, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import forge from 'node-forge';
import { ChainwardError } from '../../common/errors.js';
import type { ReportSigner } from '../model/report-data.js';
import { type KeyAndCertificate, createRootCa, fingerprint, issueSigningCertificate, oneLineName, pemToDer } from './certificates.js';

/** The key and certificates a report is signed with. */
export interface SigningIdentity {
  /** The signer's private key, PEM (PKCS#8 or PKCS#1). */
  privateKeyPem: string;
  /** The signer's certificate, DER. */
  certificate: Buffer;
  /** Issuer certificates, DER, signer's issuer first; embedded in the signature. */
  chain: Buffer[];
  /** The trust anchor auditors are given, DER; null when a P12 does not include its root. */
  root: Buffer | null;
  source: 'p12' | 'local-ca';
}

export type SigningSource = { kind: 'p12'; file: string; passphrase: string } | { kind: 'local-ca'; keysDirectory: string; organisation: string };

/** File names of the private CA under $CHAINWARD_HOME/keys: each holds a private key and its certificate, mode 0600. */
export const LOCAL_CA_FILE = 'report-ca.pem';
export const LOCAL_SIGNER_FILE = 'report-signing.pem';
/** A signing certificate this close to expiry is replaced by a new one from the same root. */
const RENEW_BEFORE_MS = 30 * 86_400_000;

export async function loadSigningIdentity(source: SigningSource): Promise<SigningIdentity> {
  return source.kind === 'p12' ? loadP12(source.file, source.passphrase) : loadOrCreateLocalCa(source.keysDirectory, source.organisation);
}

/** Describes the signer as the report prints it. */
export function describeSigner(identity: SigningIdentity): ReportSigner {
  const certificate = new X509Certificate(identity.certificate);
  const root = identity.root ? new X509Certificate(identity.root) : null;
  return {
    subject: oneLineName(certificate.subject),
    issuer: oneLineName(certificate.issuer),
    serial: certificate.serialNumber.toLowerCase(),
    fingerprint: fingerprint(identity.certificate),
    notAfter: new Date(certificate.validTo).toISOString(),
    rootFingerprint: identity.root ? fingerprint(identity.root) : null,
    rootSubject: root ? oneLineName(root.subject) : null,
    source: identity.source,
  };
}

/**
 * The private CA: created on first use (root, then a signing certificate it issues), the signing certificate renewed
 * from the same root before it expires, so auditors keep trusting one root.
 */
export async function loadOrCreateLocalCa(keysDirectory: string, organisation: string): Promise<SigningIdentity> {
  await mkdir(keysDirectory, { recursive: true, mode: 0o700 });
  const caFile = path.join(keysDirectory, LOCAL_CA_FILE);
  const signerFile = path.join(keysDirectory, LOCAL_SIGNER_FILE);
  let root = await readKeyAndCertificate(caFile);
  if (!root) root = await createExclusive(caFile, await createRootCa(organisation));
  let signer = await readKeyAndCertificate(signerFile);
  if (!signer || !usableSigner(signer, root)) {
    signer = await issueSigningCertificate(root, organisation);
    await replaceFile(signerFile, formatKeyAndCertificate(signer));
  }
  const rootDer = pemToDer(root.certificatePem);
  return { privateKeyPem: signer.privateKeyPem, certificate: pemToDer(signer.certificatePem), chain: [rootDer], root: rootDer, source: 'local-ca' };
}

/** The root certificate of the private CA (PEM), creating the CA on first use. */
export async function localRootCertificate(keysDirectory: string, organisation: string): Promise<string> {
  const identity = await loadOrCreateLocalCa(keysDirectory, organisation);
  return new X509Certificate(identity.root!).toString();
}

function usableSigner(signer: KeyAndCertificate, root: KeyAndCertificate): boolean {
  const certificate = new X509Certificate(signer.certificatePem);
  const issuer = new X509Certificate(root.certificatePem);
  return Date.parse(certificate.validTo) - Date.now() > RENEW_BEFORE_MS && certificate.checkIssued(issuer) && certificate.verify(issuer.publicKey);
}

function formatKeyAndCertificate(pair: KeyAndCertificate): string {
  return `${pair.privateKeyPem.trim()}\n${pair.certificatePem.trim()}\n`;
}

async function readKeyAndCertificate(file: string): Promise<KeyAndCertificate | null> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  if (((await stat(file)).mode & 0o077) !== 0) {
    throw new ChainwardError({ code: 'report.key-permissions', category: 'bad-input', message: `the report signing key ${file} can be read by other users; run \`chmod 600 ${file}\`` });
  }
  const key = /-----BEGIN (?:RSA )?PRIVATE KEY-----[\s\S]+?-----END (?:RSA )?PRIVATE KEY-----/.exec(text)?.[0];
  const certificate = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(text)?.[0];
  if (!key || !certificate) {
    throw new ChainwardError({ code: 'report.bad-key-file', category: 'bad-input', message: `${file} must hold a PEM private key and a PEM certificate`, location: { file } });
  }
  return { privateKeyPem: `${key}\n`, certificatePem: `${certificate}\n` };
}

/** Writes a new file only if none exists ('link' is atomic and fails on an existing name); a loser reads the winner's. */
async function createExclusive(file: string, pair: KeyAndCertificate): Promise<KeyAndCertificate> {
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, formatKeyAndCertificate(pair), { mode: 0o600 });
  await chmod(temporary, 0o600);
  try {
    await link(temporary, file);
    return pair;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return (await readKeyAndCertificate(file))!;
    throw error;
  } finally {
    await rm(temporary, { force: true });
  }
}

async function replaceFile(file: string, content: string): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, content, { mode: 0o600 });
  await chmod(temporary, 0o600);
  await rename(temporary, file);
}

/** A PKCS#12 file: the key, the certificate that matches it, and the other certificates as its chain. */
export async function loadP12(file: string, passphrase: string): Promise<SigningIdentity> {
  const bytes = await readFile(file).catch((error: unknown) => {
    throw p12Error(file, `cannot read it: ${(error as Error).message}`, error);
  });
  let p12: forge.pkcs12.Pkcs12Pfx;
  try {
    p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(bytes.toString('binary')), false, passphrase);
  } catch (error) {
    throw p12Error(file, `cannot open it (${(error as Error).message}); check CHAINWARD_REPORT_P12_PASSPHRASE`, error);
  }
  const keyBags = [
    ...(p12.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag! })[forge.pki.oids.pkcs8ShroudedKeyBag!] ?? []),
    ...(p12.getBags({ bagType: forge.pki.oids.keyBag! })[forge.pki.oids.keyBag!] ?? []),
  ];
  const key = keyBags.find((bag) => bag.key)?.key as forge.pki.rsa.PrivateKey | undefined;
  if (!key) throw p12Error(file, 'it holds no RSA private key Chainward can use (only RSA keys are supported)');
  const certificates = (p12.getBags({ bagType: forge.pki.oids.certBag! })[forge.pki.oids.certBag!] ?? []).flatMap((bag) => (bag.cert ? [bag.cert] : []));
  const matching = certificates.find((cert) => {
    const publicKey = cert.publicKey as forge.pki.rsa.PublicKey;
    return publicKey.n !== undefined && publicKey.n.compareTo(key.n) === 0 && publicKey.e.compareTo(key.e) === 0;
  });
  if (!matching) throw p12Error(file, 'none of its certificates matches its private key');
  const toDer = (cert: forge.pki.Certificate): Buffer => Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes(), 'binary');
  const chain = certificates.filter((cert) => cert !== matching).map(toDer);
  const root = chain.find((der) => {
    const certificate = new X509Certificate(der);
    return certificate.ca && certificate.checkIssued(certificate) && certificate.verify(certificate.publicKey);
  });
  return { privateKeyPem: forge.pki.privateKeyToPem(key), certificate: toDer(matching), chain, root: root ?? null, source: 'p12' };
}

function p12Error(file: string, reason: string, cause?: unknown): ChainwardError {
  return new ChainwardError({ code: 'report.bad-p12', category: 'bad-input', message: `the report signing file (report.signing.p12) ${reason}`, location: { file }, cause });
}
