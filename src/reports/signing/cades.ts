import { createHash, sign } from 'node:crypto';
import { Signer } from '@signpdf/utils';
import { issuerAndSerial } from '../der/der-reader.js';
import { OID, context, nullValue, octetString, oid, sequence, set, setOf, smallInteger } from '../der/der-writer.js';
import type { SigningIdentity } from './identity.js';

/**
 * A CAdES detached signature (CMS SignedData, RFC 5652) as a PAdES baseline B-B signature needs it (ETSI EN 319
 * 142-1): signed attributes content-type, message-digest and ESS signing-certificate-v2 (RFC 5035) naming the
 * signer's certificate; no signing-time attribute, since PAdES puts the time in the signature dictionary's /M. Written
 * with a small DER writer because node-forge's PKCS#7 signer cannot add the signing-certificate-v2 attribute; the
 * RSA signature is Node's crypto.
 */
export function cadesDetachedSignature(content: Buffer, identity: SigningIdentity): Buffer {
  const { serial, issuer } = issuerAndSerial(identity.certificate);
  const sha256 = sequence(oid(OID.sha256));
  const essCertIdV2 = sequence(
    // hashAlgorithm is left out: it is DEFAULT sha256, and DER omits default values.
    octetString(createHash('sha256').update(identity.certificate).digest()),
    sequence(sequence(context(4, issuer)), serial),
  );
  const signedAttributes = setOf([
    attribute(OID.contentType, oid(OID.data)),
    attribute(OID.messageDigest, octetString(createHash('sha256').update(content).digest())),
    attribute(OID.signingCertificateV2, sequence(sequence(essCertIdV2))),
  ]);
  // The signature covers the DER SET OF; inside SignerInfo the same bytes carry the tag [0] IMPLICIT.
  const signature = sign('sha256', signedAttributes, identity.privateKeyPem);
  const signerInfo = sequence(
    smallInteger(1),
    sequence(issuer, serial),
    sha256,
    Buffer.concat([Buffer.from([0xa0]), signedAttributes.subarray(1)]),
    sequence(oid(OID.rsaEncryption), nullValue()),
    octetString(signature),
  );
  const signedData = sequence(
    smallInteger(1),
    set(sha256),
    sequence(oid(OID.data)),
    context(0, identity.certificate, ...identity.chain),
    set(signerInfo),
  );
  return sequence(oid(OID.signedData), context(0, signedData));
}

function attribute(type: string, value: Buffer): Buffer {
  return sequence(oid(type), set(value));
}

/** The signer @signpdf/signpdf calls with the bytes of the signed ranges. */
export class CadesSigner extends Signer {
  constructor(private readonly identity: SigningIdentity) {
    super();
  }

  override async sign(pdfBuffer: Buffer): Promise<Buffer> {
    return cadesDetachedSignature(pdfBuffer, this.identity);
  }
}

/** Bytes to reserve for the signature: the certificates, plus room for an RSA-4096 signature and the attributes. */
export function signatureLengthFor(identity: SigningIdentity): number {
  const certificates = identity.certificate.length + identity.chain.reduce((sum, der) => sum + der.length, 0);
  return Math.ceil((certificates + 3072) / 1024) * 1024;
}
