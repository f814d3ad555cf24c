/**
 * Public entry of the reports module, framework-free: the document model (report data → layout), the PDF renderer,
 * PAdES signing with a configured PKCS#12 or Chainward's private CA, and verification of a report file. The NestJS
 * side that gathers the data from the database is in `./nest.ts`.
 */
export type * from './model/report-data.js';
export type { Block, LayoutSection, ReportAttachment, ReportLayout, RichCell, TableCell, TableColumn, Tone } from './model/layout.js';
export { buildReportLayout } from './model/build-layout.js';
export { SEVERITIES, isOpen, keyFigures, licenceCategoryOf, passRateOverTime, severityOf, type KeyFigures, type RateBucket } from './model/figures.js';
export {
  MANIFEST_FORMAT,
  MANIFEST_INFO_KEY,
  auditTrailDigest,
  buildManifest,
  formatSeqRanges,
  manifestJson,
  parseManifest,
  parseSeqRanges,
  type ReportManifest,
} from './model/manifest.js';
export { renderPdf, type RenderedPdf, type SignaturePlaceholder } from './render/render-pdf.js';
export { produceSignedReport, verifyReportBytes, verifyReportFile, type ReportVerification, type SignedReport } from './report-pdf.js';
export { cadesDetachedSignature, CadesSigner } from './signing/cades.js';
export { RSA_BITS, fingerprint, derToPem, pemToDer } from './signing/certificates.js';
export {
  LOCAL_CA_FILE,
  LOCAL_SIGNER_FILE,
  describeSigner,
  loadOrCreateLocalCa,
  loadP12,
  loadSigningIdentity,
  localRootCertificate,
  type SigningIdentity,
  type SigningSource,
} from './signing/identity.js';
export type { CertificateView, SignatureCheck } from './verify/verify-signature.js';
export { REPORT_OPTIONS, reportOptions, type ReportOptions } from './report-options.js';
export { DEFAULT_PERIOD_DAYS, resolvePeriod } from './model/period.js';
export { checkBundleBinding, describeChainProblem, trailProblems, type BundleVerifier, type ChainVerdict, type LedgerBinding } from './verify/ledger-binding.js';
export { reportBadRequest, reportLedgerMismatch, reportNotFound } from './reports.errors.js';
