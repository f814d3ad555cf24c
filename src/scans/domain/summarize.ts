import type { ComponentRecord } from './component-record.js';

export interface ScanSummary {
  /** Libraries only: project roots are not counted. */
  components: number;
  direct: number;
  transitive: number;
  /** ecosystem -> scope -> count; development components are counted under `development`. */
  byEcosystem: Record<string, Record<string, number>>;
  /** Licence (SPDX expression or name) -> count; `unknown` for none stated. */
  licenses: Record<string, number>;
}

/** Counts a scan's components the way people read them: by ecosystem and scope, and by licence. */
export function summarize(components: readonly ComponentRecord[]): ScanSummary {
  const summary: ScanSummary = { components: 0, direct: 0, transitive: 0, byEcosystem: {}, licenses: {} };
  for (const component of components) {
    if (component.type !== 'library') continue;
    summary.components++;
    if (component.direct) summary.direct++;
    else summary.transitive++;
    const scope = component.development ? 'development' : component.scope;
    const perScope = (summary.byEcosystem[component.ecosystem] ??= {});
    perScope[scope] = (perScope[scope] ?? 0) + 1;
    const names = licenseNames(component.licenses);
    for (const name of names.length > 0 ? names : ['unknown']) summary.licenses[name] = (summary.licenses[name] ?? 0) + 1;
  }
  summary.licenses = Object.fromEntries(Object.entries(summary.licenses).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)));
  return summary;
}

function licenseNames(licenses: ReadonlyArray<Record<string, string>>): string[] {
  const names = new Set<string>();
  for (const license of licenses) {
    if (!license || typeof license !== 'object') continue;
    const fact = license as { kind?: string; expression?: string; name?: string };
    const name = fact.kind === 'expression' ? fact.expression : fact.name;
    if (name) names.add(name);
  }
  return [...names];
}
