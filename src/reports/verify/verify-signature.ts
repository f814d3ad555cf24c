import { X509Certificate, createHash, verify } from 'node:crypto';
import { DerError, TAG, type Tlv, childrenOf, content, issuerAndSerial, oidOf, raw, readTlv } from '../der/der-reader.js';
import { DIGEST_NAMES, OID } from '../der/der-writer.js';
import { fingerprint, oneLineName } from '../signing/certificates.js';
import type { SignedPdf } from './read-signed-pdf.js';

export interface CertificateView {
  subject: string;
  issuer: string;
  serial: string;
  fingerprint: string;
  notAfter: string;
}

export interface SignatureCheck {
  ok: boolean;
  /** Why the signature cannot be accepted, in words; empty when ok. */
  problems: string[];
  /** The signed bytes hash to the message-digest attribute. */
  digestMatches: boolean;
  /** The signer's key verifies the signature over the signed attributes. */
  signatureValid: boolean;
  coversWholeFile: boolean;
  subFilter: string | null;
  /** ETSI.CAdES.detached with a matching ESS signing-certificate-v2 attribute. */
  pades: boolean;
  signingTime: string | null;
  signer: CertificateView | null;
  /** The trust anchor the signer chains to, when it does. */
  anchor: CertificateView | null;
}

const SIGNATURE_ALGORITHMS = new Set<string>([OID.rsaEncryption, OID.sha256WithRsa, OID.sha384WithRsa, OID.sha512WithRsa, OID.ecdsaWithSha256, OID.ecdsaWithSha384, OID.ecdsaWithSha512]);

/**
 * Checks a report's signature as a PDF reader would, independently of how it was made: the digest of the signed byte
 * ranges against the message-digest attribute, the signature over the signed attributes with the signer's key, the
 * ESS signing-certificate(-v2) binding, and a certificate path from the signer to one of the trust anchors, each
 * certificate verified with its issuer's key and valid at `now`.
 */
export function verifyPdfSignature(pdf: Buffer, signed: SignedPdf, trustAnchors: readonly Buffer[], now = new Date()): SignatureCheck {
  const check: SignatureCheck = {
    ok: false,
    problems: [],
    digestMatches: false,
    signatureValid: false,
    coversWholeFile: signed.coversWholeFile,
    subFilter: signed.subFilter,
    pades: false,
    signingTime: signed.signingTime,
    signer: null,
    anchor: null,
  };
  if (!signed.coversWholeFile) check.problems.push('bytes were appended after the signature: the signature does not cover the whole file');
  let parsed: ParsedSignedData;
  try {
    parsed = parseSignedData(signed.cms);
  } catch (error) {
    check.problems.push(`the CMS signature cannot be read (${(error as Error).message})`);
    return check;
  }
  const digestName = DIGEST_NAMES[parsed.digestAlgorithm];
  if (!digestName || digestName === 'sha1') {
    check.problems.push(`the digest algorithm ${parsed.digestAlgorithm} is not accepted (SHA-256, SHA-384 or SHA-512)`);
    return check;
  }
  const [, firstLength, secondStart, secondLength] = signed.byteRange;
  const digest = createHash(digestName).update(pdf.subarray(0, firstLength)).update(pdf.subarray(secondStart, secondStart + secondLength)).digest();
  check.digestMatches = parsed.messageDigest !== null && parsed.messageDigest.equals(digest);
  if (!check.digestMatches) check.problems.push('digest mismatch: the signed bytes were changed after signing');
  if (parsed.contentType !== OID.data) check.problems.push('the content-type attribute is not id-data');

  const signer = findSigner(parsed);
  if (!signer) {
    check.problems.push('the signature does not include the signer\'s certificate');
    return check;
  }
  check.signer = view(signer);
  if (!SIGNATURE_ALGORITHMS.has(parsed.signatureAlgorithm)) {
    check.problems.push(`the signature algorithm ${parsed.signatureAlgorithm} is not supported`);
  } else {
    check.signatureValid = verify(digestName, parsed.signedAttributes, signer.publicKey, parsed.signature);
    if (!check.signatureValid) check.problems.push('the signature does not verify with the signer\'s certificate');
  }
  const binding = checkSigningCertificate(parsed, signer);
  if (binding === 'mismatch') check.problems.push('the ESS signing-certificate attribute names another certificate');
  check.pades = signed.subFilter === 'ETSI.CAdES.detached' && binding === 'v2';

  const path = chainToAnchor(signer, parsed.certificates, trustAnchors, now);
  if ('problem' in path) check.problems.push(path.problem);
  else check.anchor = view(path.anchor);
  check.ok = check.problems.length === 0;
  return check;
}

interface ParsedSignedData {
  certificates: X509Certificate[];
  digestAlgorithm: string;
  /** Signed attributes as the DER SET OF that was signed. */
  signedAttributes: Buffer;
  attributes: Map<string, { bytes: Buffer; value: Tlv }>;
  messageDigest: Buffer | null;
  contentType: string | null;
  sid: { issuer: Buffer; serial: Buffer } | null;
  signatureAlgorithm: string;
  signature: Buffer;
}

function parseSignedData(der: Buffer): ParsedSignedData {
  const contentInfo = readTlv(der, 0);
  const [type, explicit] = childrenOf(der, contentInfo);
  if (oidOf(der, type) !== OID.signedData || explicit?.tag !== TAG.context0) throw new DerError('not a CMS SignedData');
  const signedData = childrenOf(der, explicit)[0];
  if (!signedData) throw new DerError('empty SignedData');
  const fields = childrenOf(der, signedData);
  const certificateSet = fields.find((field) => field.tag === TAG.context0);
  const signerInfos = fields.at(-1);
  if (!signerInfos || signerInfos.tag !== TAG.set) throw new DerError('no signerInfos');
  const infos = childrenOf(der, signerInfos);
  if (infos.length !== 1) throw new DerError(`${infos.length} signers; a report has exactly one`);
  const info = childrenOf(der, infos[0]!);
  // SignerInfo: version, sid, digestAlgorithm, [0] signedAttrs, signatureAlgorithm, signature, [1] unsignedAttrs
  const [, sid, digestAlgorithm, signedAttrs, signatureAlgorithm, signature] = info;
  if (!signedAttrs || signedAttrs.tag !== TAG.context0) throw new DerError('no signed attributes (CAdES requires them)');
  if (!signature || signature.tag !== TAG.octetString) throw new DerError('no signature value');
  const attributes = new Map<string, { bytes: Buffer; value: Tlv }>();
  for (const attribute of childrenOf(der, signedAttrs)) {
    const [attributeType, values] = childrenOf(der, attribute);
    const value = values ? childrenOf(der, values)[0] : undefined;
    const name = oidOf(der, attributeType);
    if (name && value) attributes.set(name, { bytes: der, value });
  }
  const digestAttribute = attributes.get(OID.messageDigest);
  const typeAttribute = attributes.get(OID.contentType);
  const signedAttributes = Buffer.from(raw(der, signedAttrs));
  signedAttributes[0] = TAG.set;
  return {
    certificates: certificateSet ? childrenOf(der, certificateSet).filter((c) => c.tag === TAG.sequence).map((c) => new X509Certificate(raw(der, c))) : [],
    digestAlgorithm: oidOf(der, childrenOf(der, digestAlgorithm!)[0]) ?? 'unknown',
    signedAttributes,
    attributes,
    messageDigest: digestAttribute?.value.tag === TAG.octetString ? Buffer.from(content(der, digestAttribute.value)) : null,
    contentType: typeAttribute ? oidOf(der, typeAttribute.value) : null,
    sid: sid?.tag === TAG.sequence ? { issuer: raw(der, childrenOf(der, sid)[0]!), serial: raw(der, childrenOf(der, sid)[1]!) } : null,
    signatureAlgorithm: oidOf(der, childrenOf(der, signatureAlgorithm!)[0]) ?? 'unknown',
    signature: Buffer.from(content(der, signature)),
  };
}

/** The certificate named by the signer identifier (issuer and serial number). */
function findSigner(parsed: ParsedSignedData): X509Certificate | null {
  if (!parsed.sid) return null;
  return (
    parsed.certificates.find((certificate) => {
      const names = issuerAndSerial(Buffer.from(certificate.raw));
      return names.issuer.equals(parsed.sid!.issuer) && names.serial.equals(parsed.sid!.serial);
    }) ?? null
  );
}

/** ESS signing-certificate(-v2): the hash of the first ESSCertID must be the signer certificate's. */
function checkSigningCertificate(parsed: ParsedSignedData, signer: X509Certificate): 'v2' | 'v1' | 'absent' | 'mismatch' {
  for (const [attributeOid, version] of [[OID.signingCertificateV2, 'v2'], [OID.signingCertificate, 'v1']] as const) {
    const attribute = parsed.attributes.get(attributeOid);
    if (!attribute) continue;
    const { bytes, value } = attribute;
    const certs = childrenOf(bytes, value)[0];
    const first = certs ? childrenOf(bytes, certs)[0] : undefined;
    const parts = first ? childrenOf(bytes, first) : [];
    // ESSCertIDv2: hashAlgorithm DEFAULT sha256 (a SEQUENCE when present), certHash; ESSCertID: certHash (SHA-1).
    const algorithm = version === 'v2' && parts[0]?.tag === TAG.sequence ? (oidOf(bytes, childrenOf(bytes, parts[0])[0]) ?? 'unknown') : version === 'v2' ? OID.sha256 : OID.sha1;
    const hash = parts.find((part) => part.tag === TAG.octetString);
    const name = DIGEST_NAMES[algorithm];
    if (!hash || !name) return 'mismatch';
    return createHash(name).update(signer.raw).digest().equals(content(bytes, hash)) ? version : 'mismatch';
  }
  return 'absent';
}

/** A path signer → (embedded intermediates) → trust anchor, each link verified and valid at `now`. */
function chainToAnchor(signer: X509Certificate, embedded: readonly X509Certificate[], anchors: readonly Buffer[], now: Date): { anchor: X509Certificate } | { problem: string } {
  if (anchors.length === 0) return { problem: 'no trust anchor was given (--ca root.pem)' };
  const trusted = anchors.map((der) => new X509Certificate(der));
  const validAt = (certificate: X509Certificate): boolean => Date.parse(certificate.validFrom) <= now.getTime() && now.getTime() <= Date.parse(certificate.validTo);
  let current = signer;
  for (let depth = 0; depth < 8; depth++) {
    if (!validAt(current)) return { problem: `the certificate ${oneLineName(current.subject)} is not valid at ${now.toISOString()} (valid ${current.validFrom} to ${current.validTo})` };
    const anchor = trusted.find((candidate) => candidate.raw.equals(current.raw) || (candidate.ca && current.checkIssued(candidate) && current.verify(candidate.publicKey)));
    if (anchor) return validAt(anchor) ? { anchor } : { problem: `the trust anchor ${oneLineName(anchor.subject)} is not valid at ${now.toISOString()}` };
    const issuer = embedded.find((candidate) => candidate !== current && candidate.ca && current.checkIssued(candidate) && current.verify(candidate.publicKey));
    if (!issuer) return { problem: `the signer does not chain to the trust anchor given: ${oneLineName(current.issuer)} is not trusted` };
    current = issuer;
  }
  return { problem: 'the certificate path is too long' };
}

function view(certificate: X509Certificate): CertificateView {
  return {
    subject: oneLineName(certificate.subject),
    issuer: oneLineName(certificate.issuer),
    serial: certificate.serialNumber.toLowerCase(),
    fingerprint: fingerprint(Buffer.from(certificate.raw)),
    notAfter: new Date(certificate.validTo).toISOString(),
  };
}
