/**
 * Baselines: a previous gate result (for example from the main branch) whose violations are accepted for
 * now, so a team can adopt a strict policy without fixing the past first.
 *
 * A violation's identity is what "the same problem" means across two runs:
 * - a package: rule id + package URL without its version (+ the advisory id for vulnerability rules).
 *   Upgrading lodash from 4.17.19 to 4.17.20 while GHSA-35jh-r3h4-6jhm still applies is the same problem;
 *   a new advisory on lodash, or a rule newly failing on it, is a new one.
 * - a file: rule id + path + the matched line's (masked) text, without the line number, so editing lines
 *   above a committed secret does not make it new; a file that is missing is identified by its path.
 */
import { ChainwardError } from '../common/errors.js';
import type { AdvisoryEvidence, Evidence } from '../policy/index.js';
import { GATE_FORMAT, type GateReport } from './gate-report.js';

/** `pkg:npm/%40babel/core@7.1.0?x=y` -> `pkg:npm/%40babel/core`: the version starts at the first `@` after the type. */
export function purlWithoutVersion(purl: string): string {
  return /^pkg:[^@?#]+/.exec(purl)?.[0] ?? purl;
}

export function violationIdentity(ruleId: string, evidence: Evidence, advisory?: Pick<AdvisoryEvidence, 'id'>): string {
  if (evidence.kind === 'component') return [ruleId, purlWithoutVersion(evidence.purl), advisory?.id ?? ''].join('|');
  const subject = evidence.excerpt !== undefined ? evidence.excerpt.trim() : '';
  return [ruleId, 'file', evidence.file, subject].join('|');
}

/** What a baseline contributes: the identities of its standing (unwaived) violations. */
export interface Baseline {
  identities: ReadonlySet<string>;
  generatedAt: string;
  sbomDigest: string;
}

/** Reads a previous gate JSON (`--baseline`); anything else is bad input naming the file. */
export function parseBaseline(text: string, file: string): Baseline {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw invalidBaseline(file, `not valid JSON (${(error as Error).message})`);
  }
  const report = value as Partial<GateReport> | null;
  if (typeof report !== 'object' || report === null || report.format !== GATE_FORMAT) {
    throw invalidBaseline(file, `not a gate result (expected "format": "${GATE_FORMAT}", as \`chainward gate --format json\` writes)`);
  }
  if (!Array.isArray(report.rules)) throw invalidBaseline(file, 'a gate result needs a "rules" array');
  const identities = new Set<string>();
  for (const rule of report.rules) {
    for (const violation of Array.isArray(rule?.violations) ? rule.violations : []) {
      if (typeof violation?.identity === 'string') identities.add(violation.identity);
    }
  }
  return { identities, generatedAt: String(report.generatedAt ?? ''), sbomDigest: String(report.sbom?.digest ?? '') };
}

function invalidBaseline(file: string, message: string): ChainwardError {
  return new ChainwardError({ code: 'GATE_BASELINE_INVALID', category: 'bad-input', message: `invalid baseline: ${message}`, location: { file } });
}
