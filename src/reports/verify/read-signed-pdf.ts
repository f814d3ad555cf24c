import { ChainwardError } from '../../common/errors.js';
import { MANIFEST_INFO_KEY } from '../model/manifest.js';
import { readTlv } from '../der/der-reader.js';

/**
 * Reading back what a signed report needs verified, without a general PDF parser: the /ByteRange and /Contents of its
 * one signature (at the offsets the ByteRange states, as PDF readers do), the signature's /SubFilter and /M, and the
 * manifest entry. Every search is restricted to the signed bytes, so nothing appended after signing can be mistaken
 * for part of the report.
 */
export interface SignedPdf {
  byteRange: [number, number, number, number];
  /** The CMS SignedData, DER, without the zero padding of the placeholder. */
  cms: Buffer;
  subFilter: string | null;
  /** The signature dictionary's /M (signing time), ISO, when present. */
  signingTime: string | null;
  /** Does the signature cover the whole file (nothing appended after signing)? */
  coversWholeFile: boolean;
  /** Base64 manifest from the document information dictionary, null when absent. */
  manifestBase64: string | null;
}

export function readSignedPdf(pdf: Buffer, file: string): SignedPdf {
  if (pdf.subarray(0, 5).toString('latin1') !== '%PDF-') throw notPdf(file, 'it does not start with %PDF-');
  const text = pdf.toString('latin1');
  const ranges = [...text.matchAll(/\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g)];
  if (ranges.length === 0) throw notPdf(file, 'it has no signature (no /ByteRange)');
  if (ranges.length > 1) throw notPdf(file, `it has ${ranges.length} signatures; a Chainward report has exactly one`);
  const match = ranges[0]!;
  const byteRange = match.slice(1, 5).map(Number) as [number, number, number, number];
  const [start, firstLength, secondStart, secondLength] = byteRange;
  if (start !== 0 || firstLength <= 0 || secondStart <= firstLength + 1 || secondStart + secondLength > pdf.length) {
    throw damaged(file, `its /ByteRange [${byteRange.join(' ')}] does not describe this file`);
  }
  if (pdf[firstLength] !== 0x3c || pdf[secondStart - 1] !== 0x3e) throw damaged(file, 'its /ByteRange does not frame the /Contents of the signature');
  const hex = text.slice(firstLength + 1, secondStart - 1);
  if (!/^[0-9a-fA-F]*$/.test(hex) || hex.length % 2 !== 0) throw damaged(file, 'its signature /Contents is not hexadecimal');
  const padded = Buffer.from(hex, 'hex');
  const length = padded[0] === 0x30 ? derLength(padded) : null;
  if (length === null) throw damaged(file, 'its signature /Contents is not a DER-encoded CMS structure');

  const signed = (from: number, to: number): string => text.slice(from, to);
  const signedText = signed(0, firstLength) + signed(secondStart, secondStart + secondLength);
  // The signature dictionary is the object around the ByteRange: look in the text just before it and after /Contents.
  const dictionaryText = text.slice(Math.max(0, match.index! - 4096), firstLength) + text.slice(secondStart, Math.min(pdf.length, secondStart + 4096));
  return {
    byteRange,
    cms: padded.subarray(0, length),
    subFilter: /\/SubFilter\s*\/([A-Za-z0-9.#_-]+)/.exec(dictionaryText)?.[1] ?? null,
    signingTime: parsePdfDate(/\/M\s*\(D:([0-9]{14})(Z|[+-][0-9]{2}'?[0-9]{2}'?)?\)/.exec(dictionaryText)),
    coversWholeFile: secondStart + secondLength === pdf.length,
    manifestBase64: readManifest(signedText, file),
  };
}

/** `/ChainwardReport 12 0 R` in the information dictionary, then the literal string of object 12. */
function readManifest(signedText: string, file: string): string | null {
  const references = [...signedText.matchAll(new RegExp(`/${MANIFEST_INFO_KEY}\\s+(\\d+)\\s+0\\s+R`, 'g'))];
  if (references.length === 0) return null;
  if (references.length > 1) throw damaged(file, `it names ${MANIFEST_INFO_KEY} more than once`);
  const id = references[0]![1]!;
  const objects = [...signedText.matchAll(new RegExp(`(?:^|[\\r\\n])${id}\\s+0\\s+obj\\s*\\(([A-Za-z0-9+/=]*)\\)\\s*endobj`, 'g'))];
  if (objects.length !== 1) throw damaged(file, `its ${MANIFEST_INFO_KEY} entry cannot be read`);
  return objects[0]![1]!;
}

/** The placeholder is padded with zeros after the CMS structure: only the structure itself is the signature. */
function derLength(bytes: Buffer): number | null {
  try {
    return readTlv(bytes, 0).end;
  } catch {
    return null;
  }
}

function parsePdfDate(match: RegExpExecArray | null): string | null {
  if (!match) return null;
  const digits = match[1]!;
  const iso = `${digits.slice(0, 4)}-${digits.slice(4, 6)}-${digits.slice(6, 8)}T${digits.slice(8, 10)}:${digits.slice(10, 12)}:${digits.slice(12, 14)}`;
  const zone = (match[2] ?? 'Z').replace(/'/g, '');
  const offset = zone === 'Z' ? 'Z' : `${zone.slice(0, 3)}:${zone.slice(3, 5)}`;
  const time = Date.parse(`${iso}${offset}`);
  return Number.isFinite(time) ? new Date(time).toISOString() : null;
}

/** A signed PDF whose signature structure was damaged: the verdict is "invalid", not "unreadable input". */
export const DAMAGED_SIGNATURE = 'report.signature-damaged';

function damaged(file: string, reason: string): ChainwardError {
  return new ChainwardError({ code: DAMAGED_SIGNATURE, category: 'bad-input', message: `the signature is damaged: ${reason}`, location: { file } });
}

function notPdf(file: string, reason: string): ChainwardError {
  return new ChainwardError({ code: 'report.unreadable', category: 'bad-input', message: `not a signed Chainward report: ${reason}`, location: { file } });
}
