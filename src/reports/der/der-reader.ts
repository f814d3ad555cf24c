import forge from 'node-forge';

/**
 * A minimal DER reader over a Buffer: positions, not decoded values. Verification needs the exact bytes of what was
 * signed (the signed attributes, the certificates); node-forge's parser re-encodes what it reads (bit strings
 * included), so its output cannot be trusted to be byte-identical. Single-byte tags only, as in CMS and X.509.
 */
export interface Tlv {
  tag: number;
  start: number;
  headerLength: number;
  end: number;
}

export class DerError extends Error {}

export function readTlv(bytes: Buffer, offset: number, limit = bytes.length): Tlv {
  if (offset + 2 > limit) throw new DerError('truncated DER');
  const tag = bytes[offset]!;
  if ((tag & 0x1f) === 0x1f) throw new DerError('multi-byte DER tags are not used here');
  const first = bytes[offset + 1]!;
  let length: number;
  let headerLength: number;
  if (first < 0x80) {
    length = first;
    headerLength = 2;
  } else {
    const count = first & 0x7f;
    if (count === 0 || count > 4 || offset + 2 + count > limit) throw new DerError('unsupported DER length');
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + bytes[offset + 2 + i]!;
    headerLength = 2 + count;
  }
  const end = offset + headerLength + length;
  if (end > limit) throw new DerError('DER element runs past its container');
  return { tag, start: offset, headerLength, end };
}

export function childrenOf(bytes: Buffer, parent: Tlv): Tlv[] {
  const list: Tlv[] = [];
  for (let offset = parent.start + parent.headerLength; offset < parent.end; ) {
    const child = readTlv(bytes, offset, parent.end);
    list.push(child);
    offset = child.end;
  }
  return list;
}

export function raw(bytes: Buffer, tlv: Tlv): Buffer {
  return bytes.subarray(tlv.start, tlv.end);
}

export function content(bytes: Buffer, tlv: Tlv): Buffer {
  return bytes.subarray(tlv.start + tlv.headerLength, tlv.end);
}

export function oidOf(bytes: Buffer, tlv: Tlv | undefined): string | null {
  if (!tlv || tlv.tag !== 0x06) return null;
  return forge.asn1.derToOid(content(bytes, tlv).toString('binary'));
}

export const TAG = { integer: 0x02, octetString: 0x04, oid: 0x06, sequence: 0x30, set: 0x31, context0: 0xa0, context1: 0xa1 } as const;

/** The exact DER of a TBSCertificate's serial number (INTEGER) and issuer (Name), for IssuerAndSerialNumber. */
export function issuerAndSerial(certificate: Buffer): { serial: Buffer; issuer: Buffer } {
  const root = readTlv(certificate, 0);
  const tbs = childrenOf(certificate, root)[0];
  if (!tbs) throw new DerError('not a certificate');
  const fields = childrenOf(certificate, tbs);
  // TBSCertificate: [0] EXPLICIT version (optional), serialNumber, signature, issuer, ...
  const first = fields[0]?.tag === TAG.context0 ? 1 : 0;
  const serial = fields[first];
  const issuer = fields[first + 2];
  if (!serial || serial.tag !== TAG.integer || !issuer || issuer.tag !== TAG.sequence) throw new DerError('not a certificate');
  return { serial: raw(certificate, serial), issuer: raw(certificate, issuer) };
}
