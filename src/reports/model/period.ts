import { reportBadRequest } from '../reports.errors.js';
import type { ReportPeriod } from './report-data.js';

const DAY = 86_400_000;
/** Without --from, a report covers the 30 days before its end. */
export const DEFAULT_PERIOD_DAYS = 30;

/**
 * The reporting period from user input: a date (`2026-03-01`: from its first millisecond; as the end, to its last) or
 * an ISO-8601 instant with a zone. Both ends inclusive; the end defaults to now, the start to 30 days before the end.
 */
export function resolvePeriod(input: { from?: string; to?: string }, now: Date, defaultFrom?: Date): ReportPeriod {
  const to = input.to === undefined ? now : parseBound(input.to, 'to', 'end');
  const from = input.from === undefined ? (defaultFrom ?? new Date(to.getTime() - DEFAULT_PERIOD_DAYS * DAY)) : parseBound(input.from, 'from', 'start');
  if (from.getTime() > to.getTime()) throw reportBadRequest(`the period starts (${from.toISOString()}) after it ends (${to.toISOString()})`);
  return { from: from.toISOString(), to: to.toISOString() };
}

function parseBound(text: string, name: string, side: 'start' | 'end'): Date {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (day) {
    const start = Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3]));
    if (new Date(start).toISOString().slice(0, 10) !== text) throw reportBadRequest(`--${name} ${text} is not a calendar date`);
    return new Date(side === 'start' ? start : start + DAY - 1);
  }
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(text) && Number.isFinite(Date.parse(text))) return new Date(Date.parse(text));
  throw reportBadRequest(`--${name} must be a date (2026-03-31) or an ISO-8601 instant with a zone (2026-03-31T18:00:00Z), not "${text.slice(0, 40)}"`);
}
