import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { SignPdf } from '@signpdf/signpdf';
import { ChainwardError } from '../common/errors.js';
import { buildReportLayout } from './model/build-layout.js';
import { type ReportManifest, parseManifest } from './model/manifest.js';
import type { ReportData } from './model/report-data.js';
import { renderPdf } from './render/render-pdf.js';
import { CadesSigner, signatureLengthFor } from './signing/cades.js';
import type { SigningIdentity } from './signing/identity.js';
import { DAMAGED_SIGNATURE, readSignedPdf } from './verify/read-signed-pdf.js';
import { type SignatureCheck, verifyPdfSignature } from './verify/verify-signature.js';

export interface SignedReport {
  pdf: Buffer;
  pages: number;
  /** Lowercase hex SHA-256 of the signed PDF: what the ledger records. */
  sha256: string;
}

/**
 * Report data in, signed PDF out: the layout (pure), the drawing with a signature placeholder, then the signature
 * over every byte but its own. Nothing touches the document after signing.
 */
export async function produceSignedReport(data: ReportData, identity: SigningIdentity, signerName: string): Promise<SignedReport> {
  const layout = buildReportLayout(data);
  const rendered = await renderPdf(layout, {
    name: signerName,
    reason: `Compliance report ${data.id}, bound to audit ledger tree size ${data.checkpoint.treeSize}`,
    location: data.organisation ?? data.checkpoint.origin,
    contactInfo: data.checkpoint.origin,
    signingTime: new Date(data.generatedAt),
    signatureLength: signatureLengthFor(identity),
  });
  const pdf = await new SignPdf().sign(rendered.pdf, new CadesSigner(identity));
  return { pdf, pages: rendered.pages, sha256: createHash('sha256').update(pdf).digest('hex') };
}

export interface ReportVerification {
  signature: SignatureCheck;
  /** What the report says it is bound to; null when the signature structure is too damaged to read it. */
  manifest: ReportManifest | null;
  sha256: string;
}

/**
 * Verifies a report file's signature against trust anchors (root certificates, DER) and reads back its manifest.
 * Throws a bad-input error only when the file is not a signed report at all; a damaged or altered one is a verdict.
 */
export async function verifyReportFile(file: string, trustAnchors: readonly Buffer[], now = new Date()): Promise<ReportVerification> {
  const pdf = await readFile(file).catch((error: unknown) => {
    throw new ChainwardError({ code: 'report.unreadable', category: 'bad-input', message: `cannot read the report: ${(error as Error).message}`, location: { file }, cause: error });
  });
  return verifyReportBytes(pdf, file, trustAnchors, now);
}

export function verifyReportBytes(pdf: Buffer, file: string, trustAnchors: readonly Buffer[], now = new Date()): ReportVerification {
  const sha256 = createHash('sha256').update(pdf).digest('hex');
  let signed: ReturnType<typeof readSignedPdf>;
  try {
    signed = readSignedPdf(pdf, file);
  } catch (error) {
    if (error instanceof ChainwardError && error.code === DAMAGED_SIGNATURE) {
      return { signature: damagedCheck(error.message), manifest: null, sha256 };
    }
    throw error;
  }
  const signature = verifyPdfSignature(pdf, signed, trustAnchors, now);
  let manifest: ReportManifest | null = null;
  if (signed.manifestBase64 === null) signature.problems.push('the report carries no Chainward manifest');
  else {
    try {
      manifest = parseManifest(Buffer.from(signed.manifestBase64, 'base64').toString('utf8'));
    } catch (error) {
      signature.problems.push((error as Error).message);
    }
  }
  signature.ok = signature.problems.length === 0;
  return { signature, manifest, sha256 };
}

function damagedCheck(reason: string): SignatureCheck {
  return {
    ok: false,
    problems: [reason],
    digestMatches: false,
    signatureValid: false,
    coversWholeFile: false,
    subFilter: null,
    pades: false,
    signingTime: null,
    signer: null,
    anchor: null,
  };
}
