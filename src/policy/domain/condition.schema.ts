/** The four condition kinds a rule may have, one schema each. */
import { z } from 'zod';
import { IMPORT_LANGUAGES } from './import-patterns.js';
import { SECRET_PATTERN_IDS } from './secret-patterns.js';
import {
  developmentField,
  globList,
  licenceIdField,
  nonEmptyText,
  purlField,
  regexField,
  scopesField,
  versionRangeField,
} from './schema-fields.js';

const categoryField = z.enum(['permissive', 'weak-copyleft', 'strong-copyleft', 'network-copyleft', 'public-domain', 'proprietary']);

const licenceList = z.strictObject({
  ids: z.array(licenceIdField).optional().describe('SPDX licence ids; "GPL-2.0-or-later" also covers later versions.'),
  categories: z.array(categoryField).optional().describe('Licence categories from the table in policies/licence-categories.md.'),
});

export const licenceConditionSchema = z
  .strictObject({
    kind: z.literal('licence'),
    allow: licenceList.optional().describe('When given, every licence must be listed here (by id or category) to pass.'),
    deny: licenceList.optional().describe('Licences that fail the rule, whatever `allow` says.'),
    unknown: z
      .enum(['allow', 'deny'])
      .describe('What to do with a licence the category table does not know, a non-SPDX licence text, or no licence at all.'),
    developmentDependencies: developmentField,
    scopes: scopesField,
  })
  .superRefine((condition, ctx) => {
    if (!condition.allow && !condition.deny && condition.unknown === 'allow') {
      ctx.addIssue({ code: 'custom', message: 'can never fail: give `allow`, `deny` or `unknown: deny`' });
    }
  })
  .describe('Checks each component\'s licence expression: with OR one alternative must pass, with AND all must.');

export const vulnerabilityConditionSchema = z
  .strictObject({
    kind: z.literal('vulnerability'),
    severityAtLeast: z.enum(['critical', 'high', 'medium', 'low']).optional(),
    cvssScoreAtLeast: z.number().min(0).max(10).optional(),
    fixAvailable: z.boolean().optional().describe('true: only advisories with a fixed version; false: only those without.'),
    knownExploited: z.boolean().optional().describe('true: only advisories on a known-exploited list (CISA KEV).'),
    publishedAtLeastDaysAgo: z.number().int().min(0).optional().describe('Only advisories published at least this many days ago.'),
    unrated: z
      .enum(['match', 'ignore'])
      .default('match')
      .describe('Whether an advisory without a severity (or CVSS score) meets a severity (or score) threshold.'),
    developmentDependencies: developmentField,
    scopes: scopesField,
  })
  .describe('Fails on advisories meeting every criterion given; withdrawn advisories and VEX not_affected, false_positive or resolved ones are excluded.');

const bannedPackage = z
  .strictObject({ purl: purlField, versions: versionRangeField.optional(), reason: nonEmptyText.optional() })
  .superRefine((entry, ctx) => {
    if (entry.versions !== undefined && /@[^/]+$/.test(entry.purl)) {
      ctx.addIssue({ code: 'custom', path: ['versions'], message: 'cannot be combined with a version in the purl; give one or the other' });
    }
  });

const minimumVersion = z.strictObject({ purl: purlField, version: nonEmptyText }).superRefine((entry, ctx) => {
  if (/@[^/]+$/.test(entry.purl)) ctx.addIssue({ code: 'custom', path: ['purl'], message: 'must name the package without a version' });
});

export const packageConditionSchema = z
  .strictObject({
    kind: z.literal('package'),
    banned: z.array(bannedPackage).optional().describe('Packages (optionally only some versions) that must not be used.'),
    minimumVersions: z.array(minimumVersion).optional().describe('Packages that must be at least this version.'),
    forbidDeprecated: z.boolean().optional().describe('Fail on releases the registry marks deprecated.'),
    maxReleaseAgeDays: z.number().int().min(1).optional().describe('Fail on releases older than this, where the release date is known.'),
    requireLockfile: z.boolean().optional().describe('Fail on manifests with no lockfile in their directory or above.'),
    requirePinnedVersions: z.boolean().optional().describe('Fail on components whose version is a range rather than one version.'),
    developmentDependencies: developmentField,
    scopes: scopesField,
  })
  .superRefine((condition, ctx) => {
    const checks = [condition.banned, condition.minimumVersions, condition.forbidDeprecated, condition.maxReleaseAgeDays, condition.requireLockfile, condition.requirePinnedVersions];
    if (!checks.some((check) => check !== undefined && check !== false)) {
      ctx.addIssue({ code: 'custom', message: 'checks nothing: give at least one of banned, minimumVersions, forbidDeprecated, maxReleaseAgeDays, requireLockfile, requirePinnedVersions' });
    }
  });

const contentPattern = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, { error: 'must be lower-case letters, digits, ".", "_" or "-"' }),
  regex: regexField,
  description: nonEmptyText.optional(),
  ignoreCase: z.boolean().default(false),
  mask: z.boolean().default(true).describe('Mask the matched text in evidence, as for secrets.'),
});

const forbiddenContent = z
  .strictObject({
    files: globList.optional().describe('Files to read; all files when absent.'),
    exclude: globList.optional(),
    secrets: z
      .union([z.boolean(), z.array(z.enum(SECRET_PATTERN_IDS))])
      .default(false)
      .describe('true for every shipped secret pattern (policies/secret-patterns.md), or a list of their ids.'),
    patterns: z.array(contentPattern).optional().describe('Custom forbidden content.'),
  })
  .superRefine((content, ctx) => {
    const secrets = Array.isArray(content.secrets) ? content.secrets.length > 0 : content.secrets;
    if (!secrets && !content.patterns?.length) ctx.addIssue({ code: 'custom', message: 'checks nothing: give `secrets` or `patterns`' });
  });

const forbiddenImport = z.strictObject({
  language: z.enum(IMPORT_LANGUAGES),
  modules: z.array(nonEmptyText).min(1).describe('Module names; sub-modules are included; a trailing "*" matches any suffix.'),
  reason: nonEmptyText.optional(),
});

const requiredFile = z.union([nonEmptyText, z.strictObject({ anyOf: z.array(nonEmptyText).min(1) })]);

export const repositoryConditionSchema = z
  .strictObject({
    kind: z.literal('repository'),
    requiredFiles: z.array(requiredFile).optional().describe('Paths from the repository root (glob patterns allowed, case ignored); `anyOf` lists alternatives.'),
    forbiddenContent: forbiddenContent.optional(),
    forbiddenImports: z.array(forbiddenImport).optional(),
    maxFileSizeBytes: z.number().int().min(1).optional(),
    exclude: globList.optional().describe('Files no content, import or size check reads (vendored code, fixtures).'),
  })
  .superRefine((condition, ctx) => {
    const checks = [condition.requiredFiles?.length, condition.forbiddenContent, condition.forbiddenImports?.length, condition.maxFileSizeBytes];
    if (!checks.some(Boolean)) {
      ctx.addIssue({ code: 'custom', message: 'checks nothing: give at least one of requiredFiles, forbiddenContent, forbiddenImports, maxFileSizeBytes' });
    }
  });

export const conditionSchema = z.discriminatedUnion('kind', [licenceConditionSchema, vulnerabilityConditionSchema, packageConditionSchema, repositoryConditionSchema]);

export type LicenceCondition = z.output<typeof licenceConditionSchema>;
export type VulnerabilityCondition = z.output<typeof vulnerabilityConditionSchema>;
export type PackageCondition = z.output<typeof packageConditionSchema>;
export type RepositoryCondition = z.output<typeof repositoryConditionSchema>;
export type Condition = z.output<typeof conditionSchema>;
export type ConditionKind = Condition['kind'];
