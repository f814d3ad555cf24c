/**
 * Field types shared by the policy, waiver and policy-test schemas. Checks a
 * JSON Schema cannot express (a purl parses, a regex is safe, a licence id
 * exists) are refinements: the generated schema carries the shape, the loader
 * applies both.
 */
import parseSpdx from 'spdx-expression-parse';
import spdxCorrect from 'spdx-correct';
import { z } from 'zod';
import { parsePurlPattern } from './purl-pattern.js';
import { unsafeRegexReason } from './regex-safety.js';
import { parseVersionRange } from './version-range.js';

export const API_VERSION = 'chainward.dev/v1';

export const apiVersionField = z.literal(API_VERSION).describe('Version of the policy language.');

export const nonEmptyText = z.string().min(1);

export const globList = z
  .array(nonEmptyText)
  .describe('Patterns in .gitignore syntax: "*.pem", "src/**", "!keep.me"; a pattern without a slash matches at any depth.');

export const purlField = z
  .string()
  .superRefine((text, ctx) => {
    const parsed = parsePurlPattern(text);
    if (typeof parsed === 'string') ctx.addIssue({ code: 'custom', message: parsed });
  })
  .describe('Package URL (purl); without a version it names every version; "*" in the name matches any run of characters.');

export const versionRangeField = z
  .string()
  .superRefine((text, ctx) => {
    const parsed = parseVersionRange(text);
    if (typeof parsed === 'string') ctx.addIssue({ code: 'custom', message: `is not a version range: ${parsed}` });
  })
  .describe('Versions, e.g. ">=1.0.0, <1.4.2 || =2.0.0": comparators joined by commas all hold; "||" separates alternatives.');

export const regexField = z
  .string()
  .min(1)
  .superRefine((text, ctx) => {
    const reason = unsafeRegexReason(text);
    if (reason) ctx.addIssue({ code: 'custom', message: reason });
  })
  .describe('JavaScript regular expression (Unicode mode), applied line by line.');

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2}))?$/;

export const dateField = z
  .string()
  .superRefine((text, ctx) => {
    if (!ISO_DATE.test(text) || Number.isNaN(Date.parse(text))) {
      ctx.addIssue({ code: 'custom', message: `is not a date such as 2025-03-31 (found "${text}")` });
    }
  })
  .describe('ISO 8601 date (2025-03-31, meaning 00:00 UTC) or date-time.');

export const licenceIdField = z
  .string()
  .superRefine((text, ctx) => {
    const problem = licenceIdProblem(text);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .describe('SPDX licence id, optionally with "+" or a WITH exception, or a LicenseRef-.');

function licenceIdProblem(text: string): string | undefined {
  let parsed: ReturnType<typeof parseSpdx>;
  try {
    parsed = parseSpdx(text);
  } catch {
    const suggestion = spdxCorrect(text);
    return suggestion ? `"${text}" is not an SPDX licence id; did you mean "${suggestion}"?` : `"${text}" is not an SPDX licence id`;
  }
  if ('conjunction' in parsed) return `"${text}" is a licence expression; list each licence id separately`;
  return undefined;
}

export const developmentField = z
  .enum(['include', 'exempt'])
  .default('include')
  .describe('Whether development dependencies (needed only to build or test) are checked.');

export const scopesField = z
  .array(z.enum(['required', 'optional', 'excluded']))
  .min(1)
  .default(['required', 'optional', 'excluded'])
  .describe('CycloneDX scopes of the components checked; "excluded" components are not shipped.');
