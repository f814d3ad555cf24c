/**
 * Waivers: which ones hold at `now`, which violations they suppress, and a
 * report of every waiver's state. An expired waiver suppresses nothing and is
 * named on the violations it would have covered.
 */
import type { RepositoryIdentity } from './facts.js';
import { pathMatcher, type PathMatcher } from './glob.js';
import type { PolicySet } from './policy-set.schema.js';
import { coordinatesOf, parsePurlPattern, purlPatternMatches, type PurlPattern } from './purl-pattern.js';
import type { Violation, WaivedViolation, WaiverReference, WaiverReport, WaiverState } from './results.js';
import type { Waiver } from './waiver.schema.js';

const DAY_MS = 24 * 60 * 60 * 1000;

interface PreparedWaiver {
  reference: WaiverReference;
  waiver: Waiver;
  state: Exclude<WaiverState, 'applied' | 'unused'> | 'valid';
  note?: string;
  purl?: PurlPattern;
  file?: PathMatcher;
  matched: number;
}

export interface WaiverBook {
  /** Splits a rule's violations into those still standing and those waived. */
  apply(ruleId: string, violations: Violation[]): { violations: Violation[]; waived: WaivedViolation[] };
  report(): WaiverReport[];
}

export function waiverBook(waivers: readonly Waiver[], policy: PolicySet, now: Date, repository?: RepositoryIdentity): WaiverBook {
  const prepared = waivers
    .map((waiver, index) => prepare(waiver, index, policy, now))
    .filter((entry) => appliesToRepository(entry.waiver, repository));

  return {
    apply(ruleId, violations) {
      const candidates = prepared.filter((entry) => entry.waiver.rule === ruleId);
      if (candidates.length === 0) return { violations, waived: [] };
      const standing: Violation[] = [];
      const waived: WaivedViolation[] = [];
      for (const violation of violations) {
        const matching = candidates.filter((entry) => covers(entry, violation));
        matching.forEach((entry) => entry.matched++);
        const valid = matching.find((entry) => entry.state === 'valid');
        const expired = matching.find((entry) => entry.state === 'expired');
        if (valid) waived.push({ ...violation, waiver: valid.reference });
        else standing.push(expired ? { ...violation, expiredWaiver: expired.reference } : violation);
      }
      return { violations: standing, waived };
    },
    report() {
      return prepared.map((entry) => ({
        ...entry.reference,
        created: entry.waiver.created,
        state: entry.state === 'valid' ? (entry.matched > 0 ? 'applied' : 'unused') : entry.state,
        matched: entry.matched,
        ...(entry.note ? { note: entry.note } : {}),
      }));
    },
  };
}

function prepare(waiver: Waiver, index: number, policy: PolicySet, now: Date): PreparedWaiver {
  const reference: WaiverReference = {
    index,
    ...(waiver.id === undefined ? {} : { id: waiver.id }),
    rule: waiver.rule,
    target: waiver.purl ?? waiver.file ?? '',
    approver: waiver.approver,
    reason: waiver.reason,
    expires: waiver.expires,
  };
  const created = Date.parse(waiver.created);
  const expires = Date.parse(waiver.expires);
  const maxDays = policy.waivers?.maxDurationDays;
  let state: PreparedWaiver['state'] = 'valid';
  let note: string | undefined;
  if (maxDays !== undefined && (expires - created) / DAY_MS > maxDays) {
    state = 'rejected';
    note = `lasts ${Math.ceil((expires - created) / DAY_MS)} days; the policy set allows at most ${maxDays}`;
  } else if (created > now.getTime()) {
    state = 'rejected';
    note = `created ${waiver.created}, after the evaluation time`;
  } else if (now.getTime() >= expires) {
    state = 'expired';
    note = `expired ${waiver.expires}`;
  }
  const purl = waiver.purl !== undefined ? parsePurlPattern(waiver.purl) : undefined;
  return {
    reference,
    waiver,
    state,
    ...(note ? { note } : {}),
    ...(purl && typeof purl !== 'string' ? { purl } : {}),
    ...(waiver.file !== undefined ? { file: pathMatcher([waiver.file]) } : {}),
    matched: 0,
  };
}

function appliesToRepository(waiver: Waiver, repository?: RepositoryIdentity): boolean {
  if (!waiver.repositories) return true;
  return repository !== undefined && pathMatcher(waiver.repositories)(repository.name);
}

function covers(entry: PreparedWaiver, violation: Violation): boolean {
  const { advisory } = entry.waiver;
  if (advisory !== undefined && violation.advisory?.id !== advisory && !violation.advisory?.aliases.includes(advisory)) return false;
  if (entry.purl) {
    if (violation.evidence.kind !== 'component') return false;
    const coordinates = coordinatesOf(violation.evidence.purl);
    return coordinates !== undefined && purlPatternMatches(entry.purl, coordinates, { compareVersion: true });
  }
  if (entry.file) return violation.evidence.kind === 'file' && entry.file(violation.evidence.file);
  return false;
}
