/**
 * The waiver to request when a failure is accepted rather than fixed: ready-to-paste YAML for the policy
 * set's waivers.yaml, with the reason and the approver left for a person to fill in.
 */
import type { GateRule, GateViolation } from './gate-report.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const DEFAULT_DAYS = 90;

export function waiverRequest(rule: Pick<GateRule, 'id'>, violations: readonly GateViolation[], now: Date, maxDays?: number): string {
  const created = now.toISOString().slice(0, 10);
  const days = Math.min(DEFAULT_DAYS, maxDays ?? DEFAULT_DAYS);
  const expires = new Date(Date.parse(created) + days * DAY_MS).toISOString().slice(0, 10);
  const seen = new Set<string>();
  const entries: string[] = [];
  for (const violation of violations) {
    const target = violation.evidence.kind === 'component' ? `purl: ${quote(violation.evidence.purl)}` : `file: ${quote(violation.evidence.file)}`;
    const advisory = violation.advisory ? `  advisory: ${violation.advisory.id}\n` : '';
    const key = `${target}\u0000${advisory}`;
    if (seen.has(key)) continue;
    seen.add(key);
    entries.push(
      `- rule: ${rule.id}\n  ${target}\n${advisory}` +
        `  reason: "<why this is acceptable for now>"\n  approver: "<who accepts it, name <e-mail>>"\n  created: ${created}\n  expires: ${expires}\n`,
    );
  }
  return entries.join('');
}

/** Plain scalars where YAML reads them back unchanged; JSON-quoted (valid YAML) otherwise. */
function quote(value: string): string {
  return /^[A-Za-z0-9_./@%:+-]+$/.test(value) && !value.includes(': ') ? value : JSON.stringify(value);
}
