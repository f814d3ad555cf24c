/**
 * Components against an index of advisories: one finding per (component, advisory),
 * with the severity of the advisory for that package and the fixes on the component's line.
 * Pure: both the stored findings of a scan and `sbom --with-vulns` come from here.
 */
import { affectedEntriesFor, bestSeverity, purlToOsvPackage, type MatchIndex, type OsvPackageVersion, type RecordSeverity } from '../domain/index.js';
import type { KnownExploited, KnownExploitedLookup } from '../kev/known-exploited.js';

export interface MatchableComponent {
  /** The SBOM bom-ref. */
  ref: string;
  purl: string;
}

export interface ComponentFinding {
  componentRef: string;
  purl: string;
  advisoryId: string;
  aliases: string[];
  summary?: string;
  severity?: { rating: string; score?: number; vector?: string; source: string };
  fixedVersions: string[];
  fixAbove?: string;
  /** When the advisory was published, if it says. */
  published?: string;
  /** The advisory's Known Exploited Vulnerabilities entry, when a lookup was given and lists one of its ids. */
  knownExploited?: KnownExploited;
}

type ComponentPackage = Readonly<OsvPackageVersion & { version: string }>;

/** The OSV package of a component's purl, if it has an OSV ecosystem and a version. */
export function componentPackage(purl: string): ComponentPackage | undefined {
  // Parsing a purl is most of the cost of a lookup, and a scan asks about each purl more than once.
  let pkg = packages.get(purl);
  if (pkg === undefined) {
    pkg = parseComponentPackage(purl) ?? null;
    if (packages.size >= PACKAGE_CACHE_LIMIT) packages.clear();
    packages.set(purl, pkg);
  }
  return pkg ?? undefined;
}

const PACKAGE_CACHE_LIMIT = 100_000;
const packages = new Map<string, ComponentPackage | null>();

function parseComponentPackage(purl: string): ComponentPackage | undefined {
  let pkg: OsvPackageVersion | undefined;
  try {
    pkg = purlToOsvPackage(purl);
  } catch {
    return undefined;
  }
  return pkg?.version === undefined ? undefined : Object.freeze({ ...pkg, version: pkg.version });
}

export function matchComponents(
  index: MatchIndex,
  components: readonly MatchableComponent[],
  options: { knownExploited?: KnownExploitedLookup } = {},
): ComponentFinding[] {
  const findings: ComponentFinding[] = [];
  // A record's severity for a package is the same for every version: score each CVSS vector once.
  const severities = new Map<string, RecordSeverity | undefined>();
  for (const component of components) {
    const pkg = componentPackage(component.purl);
    if (!pkg) continue;
    for (const { record, result, fixAbove } of index.match(pkg)) {
      const severityKey = `${record.id}\u0000${pkg.ecosystem}\u0000${pkg.name}`;
      if (!severities.has(severityKey)) severities.set(severityKey, bestSeverity(record, affectedEntriesFor(record, pkg.ecosystem, pkg.name)));
      const severity = severities.get(severityKey);
      const exploited = options.knownExploited?.([record.id, ...record.aliases]);
      findings.push({
        componentRef: component.ref,
        purl: component.purl,
        advisoryId: record.id,
        aliases: [...record.aliases].sort(),
        ...(record.summary === undefined ? {} : { summary: record.summary }),
        ...(severity ? { severity } : {}),
        fixedVersions: result.fixedVersions,
        ...(fixAbove === undefined ? {} : { fixAbove }),
        ...(record.published === undefined ? {} : { published: record.published }),
        ...(exploited ? { knownExploited: exploited } : {}),
      });
    }
  }
  return findings.sort((a, b) => compare(a.componentRef, b.componentRef) || compare(a.advisoryId, b.advisoryId));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
