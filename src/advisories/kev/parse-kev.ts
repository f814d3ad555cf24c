/**
 * Reads CISA's Known Exploited Vulnerabilities catalogue JSON
 * (https://www.cisa.gov/sites/default/files/feeds/known_exploited_vulnerabilities.json, mirrored in
 * github.com/cisagov/kev-data), checked against the fields its published schema requires.
 * Permissive in what it keeps (unknown fields are ignored, as the catalogue grows them), strict in
 * what it needs: a catalogue version, a release time, and entries with a CVE id and the dates.
 */
import { z } from 'zod';
import { ChainwardError, lineAndColumnAt } from '../../common/errors.js';
import type { KnownExploitedCatalogue } from './known-exploited.js';

/** The catalogue is about 1.5 MB today; a file fifty times larger is not one. */
export const MAX_KEV_BYTES = 64 * 1024 * 1024;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const text = z.string();

const entrySchema = z.looseObject({
  cveID: z.string().regex(/^CVE-[0-9]{4}-[0-9]{4,19}$/, 'is not a CVE id (CVE-YYYY-NNNN)'),
  vendorProject: text,
  product: text,
  vulnerabilityName: text,
  dateAdded: z.string().regex(ISO_DATE, 'is not a date (YYYY-MM-DD)'),
  dueDate: z.string().regex(ISO_DATE, 'is not a date (YYYY-MM-DD)'),
  shortDescription: text.optional(),
  requiredAction: text.optional(),
  knownRansomwareCampaignUse: text.optional(),
  notes: text.optional(),
  cwes: z.array(z.string()).optional(),
});

const catalogueSchema = z.looseObject({
  catalogVersion: z.string().min(1),
  dateReleased: z.string().refine((value) => !Number.isNaN(Date.parse(value)), 'is not a date-time'),
  count: z.number().int().min(0).optional(),
  vulnerabilities: z.array(entrySchema),
});

function invalid(file: string, message: string, position?: { line: number; column: number }): ChainwardError {
  return new ChainwardError({
    code: 'KEV_INVALID',
    category: 'bad-input',
    message: `not a CISA Known Exploited Vulnerabilities catalogue: ${message}`,
    location: { file, ...(position ?? {}) },
  });
}

export function parseKevCatalogue(json: string, file: string): KnownExploitedCatalogue {
  if (json.length > MAX_KEV_BYTES) throw invalid(file, `larger than ${MAX_KEV_BYTES / 1024 / 1024} MB`);
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    // V8 names a position for most syntax errors; a truncated file (the usual broken download) ends early.
    const message = (error as Error).message;
    const offset = /position (\d+)/.exec(message)?.[1];
    throw invalid(file, `malformed JSON: ${message.replace(/ in JSON at position \d+.*$/, '')}`, lineAndColumnAt(json, offset === undefined ? json.length : Number(offset)));
  }
  const result = catalogueSchema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0] as z.core.$ZodIssue;
    const where = issue.path.length > 0 ? `${issue.path.map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`)).join('').replace(/^\./, '')}: ` : '';
    const more = result.error.issues.length > 1 ? ` (and ${result.error.issues.length - 1} more problem(s))` : '';
    throw invalid(file, `${where}${issue.message}${more}`);
  }
  const { catalogVersion, dateReleased, count, vulnerabilities } = result.data;
  // A CVE listed twice keeps its first entry: the catalogue lists newest first.
  const seen = new Set<string>();
  const entries = vulnerabilities
    .filter((entry) => !seen.has(entry.cveID) && seen.add(entry.cveID))
    .map((entry) => ({
      cveID: entry.cveID,
      vendorProject: entry.vendorProject,
      product: entry.product,
      vulnerabilityName: entry.vulnerabilityName,
      dateAdded: entry.dateAdded,
      dueDate: entry.dueDate,
      ...(entry.knownRansomwareCampaignUse === undefined ? {} : { knownRansomwareCampaignUse: entry.knownRansomwareCampaignUse }),
      ...(entry.shortDescription === undefined ? {} : { shortDescription: entry.shortDescription }),
      ...(entry.requiredAction === undefined ? {} : { requiredAction: entry.requiredAction }),
      ...(entry.notes === undefined ? {} : { notes: entry.notes }),
      ...(entry.cwes === undefined ? {} : { cwes: entry.cwes }),
    }));
  return { catalogVersion, dateReleased: new Date(Date.parse(dateReleased)).toISOString(), ...(count === undefined ? {} : { count }), entries };
}
