import forge from 'node-forge';

/**
 * A minimal DER writer over Buffers, for the CMS signature: certificates are embedded byte for byte as given (a
 * parse-and-re-encode round trip could alter them), and the signed attributes are sorted as DER's SET OF requires.
 */
export function tlv(tag: number, ...parts: Buffer[]): Buffer {
  const body = Buffer.concat(parts);
  return Buffer.concat([Buffer.from([tag]), lengthBytes(body.length), body]);
}

export const sequence = (...parts: Buffer[]): Buffer => tlv(0x30, ...parts);
export const set = (...parts: Buffer[]): Buffer => tlv(0x31, ...parts);
export const octetString = (bytes: Buffer): Buffer => tlv(0x04, bytes);
export const nullValue = (): Buffer => Buffer.from([0x05, 0x00]);
/** [n] constructed: an EXPLICIT tag, or an IMPLICIT constructed type. */
export const context = (n: number, ...parts: Buffer[]): Buffer => tlv(0xa0 | n, ...parts);

export function oid(value: string): Buffer {
  return tlv(0x06, Buffer.from(forge.asn1.oidToDer(value).getBytes(), 'binary'));
}

export function smallInteger(value: number): Buffer {
  if (!Number.isInteger(value) || value < 0 || value > 127) throw new RangeError('only 0..127');
  return tlv(0x02, Buffer.from([value]));
}

/** DER SET OF: the members sorted by their encodings (X.690 11.6). */
export function setOf(members: readonly Buffer[]): Buffer {
  return set(...[...members].sort(Buffer.compare));
}

function lengthBytes(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  const bytes: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) bytes.unshift(n % 256);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

export const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  /** id-aa-signingCertificate (RFC 2634, SHA-1) and id-aa-signingCertificateV2 (RFC 5035), the ESS attributes. */
  signingCertificate: '1.2.840.113549.1.9.16.2.12',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  sha1: '1.3.14.3.2.26',
  sha256: '2.16.840.1.101.3.4.2.1',
  sha384: '2.16.840.1.101.3.4.2.2',
  sha512: '2.16.840.1.101.3.4.2.3',
  rsaEncryption: '1.2.840.113549.1.1.1',
  sha256WithRsa: '1.2.840.113549.1.1.11',
  sha384WithRsa: '1.2.840.113549.1.1.12',
  sha512WithRsa: '1.2.840.113549.1.1.13',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  ecdsaWithSha384: '1.2.840.10045.4.3.3',
  ecdsaWithSha512: '1.2.840.10045.4.3.4',
} as const;

/** Node's names for the digest algorithms a CMS signature may name. */
export const DIGEST_NAMES: Readonly<Record<string, string>> = { [OID.sha1]: 'sha1', [OID.sha256]: 'sha256', [OID.sha384]: 'sha384', [OID.sha512]: 'sha512' };
