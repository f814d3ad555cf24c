import parseSpdx from 'spdx-expression-parse';
import { categoryOfLicence, categoryOfNamedLicence, LICENCE_CATEGORIES, type LicenceCategory } from '../../policy/index.js';
import type { ReportData, ReportFinding } from './report-data.js';

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'none', 'unrated'] as const;
export type SeverityBucket = (typeof SEVERITIES)[number];

/** VEX states that mean "this finding does not affect us": the finding is reported but not open. */
const RESOLVED_VEX_STATES = new Set(['not_affected', 'false_positive', 'resolved', 'resolved_with_pedigree']);

export function isOpen(finding: ReportFinding): boolean {
  return finding.vex === null || !RESOLVED_VEX_STATES.has(finding.vex.state);
}

export function severityOf(finding: ReportFinding): SeverityBucket {
  const rating = finding.severity?.toLowerCase();
  return rating && (SEVERITIES as readonly string[]).includes(rating) ? (rating as SeverityBucket) : 'unrated';
}

export interface KeyFigures {
  repositories: number;
  scansInPeriod: number;
  components: number;
  directComponents: number;
  findings: number;
  openFindings: number;
  suppressedFindings: number;
  openBySeverity: Record<SeverityBucket, number>;
  fixableOpen: number;
  evaluations: number;
  evaluationsPassed: number;
  evaluationsFailed: number;
  /** Passed / (passed + failed) over the period, as a percentage; null without evaluations. */
  passRate: number | null;
  waiversApplied: number;
  waiversExpired: number;
  ledgerEntries: number;
  licenceCategories: Record<LicenceCategory, number>;
  componentsWithoutLicence: number;
}

/** The executive summary's numbers, computed once from the report data. */
export function keyFigures(data: ReportData): KeyFigures {
  const openBySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<SeverityBucket, number>;
  const licenceCategories = Object.fromEntries(LICENCE_CATEGORIES.map((c) => [c, 0])) as Record<LicenceCategory, number>;
  const figures: KeyFigures = {
    repositories: data.repositories.length,
    scansInPeriod: 0,
    components: 0,
    directComponents: 0,
    findings: 0,
    openFindings: 0,
    suppressedFindings: 0,
    openBySeverity,
    fixableOpen: 0,
    evaluations: data.evaluations.length,
    evaluationsPassed: data.evaluations.filter((e) => e.outcome === 'passed').length,
    evaluationsFailed: data.evaluations.filter((e) => e.outcome === 'failed').length,
    passRate: null,
    waiversApplied: 0,
    waiversExpired: 0,
    ledgerEntries: data.auditTrail.length,
    licenceCategories,
    componentsWithoutLicence: 0,
  };
  const judged = figures.evaluationsPassed + figures.evaluationsFailed;
  figures.passRate = judged === 0 ? null : (100 * figures.evaluationsPassed) / judged;
  const categoryCache = new Map<string, LicenceCategory>();
  for (const repository of data.repositories) {
    figures.scansInPeriod += repository.scansInPeriod;
    figures.components += repository.components.length;
    for (const component of repository.components) {
      if (component.direct) figures.directComponents++;
      if (component.licences.length === 0) figures.componentsWithoutLicence++;
      const key = component.licences.join('\u0000');
      let category = categoryCache.get(key);
      if (category === undefined) {
        category = licenceCategoryOf(component.licences);
        categoryCache.set(key, category);
      }
      licenceCategories[category]++;
    }
    for (const finding of repository.findings) {
      figures.findings++;
      if (!isOpen(finding)) {
        figures.suppressedFindings++;
        continue;
      }
      figures.openFindings++;
      openBySeverity[severityOf(finding)]++;
      if (finding.fixAbove) figures.fixableOpen++;
    }
    for (const waiver of repository.policy?.waivers ?? []) {
      if (waiver.state === 'applied') figures.waiversApplied++;
      if (waiver.state === 'expired') figures.waiversExpired++;
    }
  }
  return figures;
}

/** How much a licence asks of the code that uses it, from least to most; `unknown` stands apart. */
const RESTRICTIVENESS: Record<Exclude<LicenceCategory, 'unknown'>, number> = {
  'public-domain': 0,
  permissive: 1,
  'weak-copyleft': 2,
  'strong-copyleft': 3,
  'network-copyleft': 4,
  proprietary: 5,
};

type SpdxTree = ReturnType<typeof parseSpdx>;

/**
 * One category for a component's licences, with the policy module's category table: with OR the least demanding
 * alternative counts (the user may choose it), with AND — and between several stated licences — the most demanding
 * part. Unknown wins an AND (nothing can be said), loses an OR to any known alternative. No licence: unknown.
 */
export function licenceCategoryOf(licences: readonly string[]): LicenceCategory {
  if (licences.length === 0) return 'unknown';
  return licences.map(categoryOfStatement).reduce((a, b) => combine(a, b, 'and'));
}

function categoryOfStatement(statement: string): LicenceCategory {
  let tree: SpdxTree;
  try {
    tree = parseSpdx(statement);
  } catch {
    return categoryOfNamedLicence(statement);
  }
  return categoryOfTree(tree);
}

function categoryOfTree(tree: SpdxTree): LicenceCategory {
  if ('conjunction' in tree) return combine(categoryOfTree(tree.left), categoryOfTree(tree.right), tree.conjunction);
  return categoryOfLicence(tree.license, tree.exception);
}

function combine(a: LicenceCategory, b: LicenceCategory, conjunction: 'and' | 'or'): LicenceCategory {
  if (a === 'unknown' || b === 'unknown') {
    if (conjunction === 'and') return 'unknown';
    return a === 'unknown' ? b : a;
  }
  const pickHigher = conjunction === 'and';
  return (RESTRICTIVENESS[a] > RESTRICTIVENESS[b]) === pickHigher ? a : b;
}

export interface RateBucket {
  label: string;
  /** Start of the bucket (ISO). */
  from: string;
  passed: number;
  failed: number;
  /** Percentage passed of passed + failed; null when the bucket has no judged evaluation. */
  rate: number | null;
}

/**
 * The period cut into at most ~16 buckets — days, weeks (from Monday) or months, whichever is the finest that fits —
 * each with the pass rate of the policy evaluations made in it.
 */
export function passRateOverTime(period: { from: string; to: string }, evaluations: ReadonlyArray<{ evaluatedAt: string; outcome: string }>): RateBucket[] {
  const from = Date.parse(period.from);
  const to = Date.parse(period.to);
  const days = Math.max(1, Math.ceil((to - from + 1) / DAY));
  const unit: 'day' | 'week' | 'month' = days <= 16 ? 'day' : days <= 16 * 7 ? 'week' : 'month';
  const starts: number[] = [];
  for (let start = bucketStart(from, unit); start <= to; start = nextStart(start, unit)) starts.push(start);
  const buckets: RateBucket[] = starts.map((start) => ({ label: bucketLabel(start, unit), from: new Date(start).toISOString(), passed: 0, failed: 0, rate: null }));
  for (const evaluation of evaluations) {
    const time = Date.parse(evaluation.evaluatedAt);
    if (!(time >= from && time <= to)) continue;
    let index = starts.length - 1;
    while (index > 0 && starts[index]! > time) index--;
    const bucket = buckets[index]!;
    if (evaluation.outcome === 'passed') bucket.passed++;
    else if (evaluation.outcome === 'failed') bucket.failed++;
  }
  for (const bucket of buckets) bucket.rate = bucket.passed + bucket.failed === 0 ? null : (100 * bucket.passed) / (bucket.passed + bucket.failed);
  return buckets;
}

const DAY = 86_400_000;

function bucketStart(time: number, unit: 'day' | 'week' | 'month'): number {
  const date = new Date(time);
  const day = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
  if (unit === 'day') return day;
  if (unit === 'week') return day - ((date.getUTCDay() + 6) % 7) * DAY;
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
}

function nextStart(start: number, unit: 'day' | 'week' | 'month'): number {
  if (unit === 'day') return start + DAY;
  if (unit === 'week') return start + 7 * DAY;
  const date = new Date(start);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
}

function bucketLabel(start: number, unit: 'day' | 'week' | 'month'): string {
  const iso = new Date(start).toISOString();
  if (unit === 'month') return iso.slice(0, 7);
  return unit === 'week' ? `wk ${iso.slice(5, 10)}` : iso.slice(5, 10);
}
