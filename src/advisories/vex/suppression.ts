/** Which VEX statement, if any, suppresses a finding. */
import { PackageURL } from 'packageurl-js';
import type { VexStatement } from './vex-statement.js';

export interface Suppression {
  state: VexStatement['state'];
  justification?: string;
  detail?: string;
  /** The vulnerability id the statement used (the advisory's own id or an alias). */
  vulnerabilityId: string;
}

/**
 * A statement matches when it names the advisory or one of its aliases, and its purl names
 * the same package (type, namespace, name) and, if it has a version, the same version.
 */
export function findSuppression(finding: { advisoryId: string; aliases: readonly string[]; purl: string }, statements: readonly VexStatement[]): Suppression | undefined {
  const ids = new Set([finding.advisoryId, ...finding.aliases]);
  const component = parsePurl(finding.purl);
  if (!component) return undefined;
  for (const statement of statements) {
    if (!ids.has(statement.vulnerabilityId)) continue;
    const target = parsePurl(statement.purl);
    if (!target || target.type !== component.type || target.namespace !== component.namespace || target.name !== component.name) continue;
    if (target.version && target.version !== component.version) continue;
    return {
      state: statement.state,
      vulnerabilityId: statement.vulnerabilityId,
      ...(statement.justification === undefined ? {} : { justification: statement.justification }),
      ...(statement.detail === undefined ? {} : { detail: statement.detail }),
    };
  }
  return undefined;
}

function parsePurl(purl: string): PackageURL | undefined {
  try {
    return PackageURL.fromString(purl);
  } catch {
    return undefined;
  }
}
