/**
 * Severity: CVSS v3.0 / v3.1 / v4.0 base scores computed from the vector with
 * `ae-cvss-calculator` (FIRST's formulas and v4.0 lookup tables), and the qualitative
 * rating FIRST defines for both: 0 none, 0.1-3.9 low, 4.0-6.9 medium, 7.0-8.9 high,
 * 9.0-10.0 critical.
 */
import cvssCalculator from 'ae-cvss-calculator';
import type { OsvAffected, OsvRecord, OsvSeverity } from './osv-schema.js';

const { Cvss3P0, Cvss3P1, Cvss4P0 } = cvssCalculator;

export type SeverityRating = 'none' | 'low' | 'medium' | 'high' | 'critical';

export type CvssVersion = '3.0' | '3.1' | '4.0';

export interface CvssScore {
  version: CvssVersion;
  vector: string;
  baseScore: number;
  rating: SeverityRating;
}

export function ratingForScore(score: number): SeverityRating {
  if (score === 0) return 'none';
  if (score < 4) return 'low';
  if (score < 7) return 'medium';
  if (score < 9) return 'high';
  return 'critical';
}

/** Scores by vector: a feed repeats a few thousand vectors over many records, and scoring one costs ~0.3 ms. */
const scored = new Map<string, CvssScore | undefined>();
const SCORED_LIMIT = 20_000;

/** The base score of a CVSS v3.x or v4.0 vector; undefined when the vector is unknown, malformed or incomplete. */
export function scoreCvssVector(vector: string): CvssScore | undefined {
  if (scored.has(vector)) {
    const known = scored.get(vector);
    return known && { ...known };
  }
  const score = computeCvssScore(vector);
  if (scored.size < SCORED_LIMIT) scored.set(vector, score);
  return score && { ...score };
}

function computeCvssScore(vector: string): CvssScore | undefined {
  const text = vector.trim();
  const version = /^CVSS:(3\.0|3\.1|4\.0)\//.exec(text)?.[1] as CvssVersion | undefined;
  if (!version) return undefined;
  try {
    const cvss = version === '4.0' ? new Cvss4P0(text) : version === '3.1' ? new Cvss3P1(text) : new Cvss3P0(text);
    if (!cvss.isBaseFullyDefined()) return undefined;
    const baseScore = cvss.calculateScores().base;
    if (typeof baseScore !== 'number' || Number.isNaN(baseScore)) return undefined;
    return Object.freeze({ version, vector: text, baseScore, rating: ratingForScore(baseScore) });
  } catch {
    // The calculator throws on some malformed vectors; to a caller they are simply unscorable.
    return undefined;
  }
}

/** Where a record's severity was taken from. */
export type SeveritySource = 'CVSS_V4' | 'CVSS_V3' | 'database';

export interface RecordSeverity {
  source: SeveritySource;
  rating: SeverityRating;
  /** The CVSS base score, when the severity comes from a vector. */
  score?: number;
  vector?: string;
}

/** Database words (GitHub's LOW / MODERATE / HIGH / CRITICAL and the usual synonyms) as ratings. */
const DATABASE_RATINGS: Record<string, SeverityRating> = {
  none: 'none',
  low: 'low',
  moderate: 'medium',
  medium: 'medium',
  high: 'high',
  important: 'high',
  critical: 'critical',
};

/**
 * The best-founded severity of a record: a CVSS v4.0 vector if there is one, else v3.x,
 * else the database's own word (`database_specific.severity`). The first scorable vector of
 * the preferred version wins. Pass the package's entries to prefer their own severity,
 * which OSV uses instead of the top-level one when packages differ.
 */
export function bestSeverity(record: OsvRecord, entries: readonly OsvAffected[] = []): RecordSeverity | undefined {
  const packageSeverities = entries.flatMap((entry) => entry.severity ?? []);
  return (
    fromVectors(packageSeverities.length > 0 ? packageSeverities : record.severity) ??
    fromDatabase(entries.map((entry) => entry.database_specific?.severity)) ??
    fromDatabase([record.database_specific?.severity])
  );
}

function fromVectors(severities: readonly OsvSeverity[]): RecordSeverity | undefined {
  for (const type of ['CVSS_V4', 'CVSS_V3'] as const) {
    for (const severity of severities) {
      if (severity.type !== type) continue;
      const score = scoreCvssVector(severity.score);
      if (score) return { source: type, rating: score.rating, score: score.baseScore, vector: score.vector };
    }
  }
  return undefined;
}

function fromDatabase(values: readonly unknown[]): RecordSeverity | undefined {
  for (const value of values) {
    const rating = typeof value === 'string' ? DATABASE_RATINGS[value.trim().toLowerCase()] : undefined;
    if (rating) return { source: 'database', rating };
  }
  return undefined;
}
