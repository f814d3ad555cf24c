/** A VEX analysis that suppresses findings, in CycloneDX's own words. */
export interface VexStatement {
  /** The vulnerability id as the VEX names it: an advisory id or an alias (CVE-…). */
  vulnerabilityId: string;
  /** The affected component's package URL; without a version it covers every version. */
  purl: string;
  /** CycloneDX `analysis.state`: only not_affected and false_positive suppress. */
  state: 'not_affected' | 'false_positive';
  justification?: string;
  detail?: string;
}

export const SUPPRESSING_STATES: ReadonlySet<string> = new Set(['not_affected', 'false_positive']);
