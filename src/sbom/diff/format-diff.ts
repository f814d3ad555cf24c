import type { SbomDiff } from './diff-sboms.js';

/** The text form of `sbom diff`, in the style of `scans diff`: one line per difference and a count. */
export function formatSbomDiff(diff: SbomDiff): string[] {
  const lines: string[] = [];
  for (const p of diff.added) lines.push(`+ ${p.purl}`);
  for (const p of diff.removed) lines.push(`- ${p.purl}`);
  for (const c of diff.changedVersion) lines.push(`~ ${c.name} ${c.from} -> ${c.to} (${c.type})`);
  for (const c of diff.changedLicense) lines.push(`! ${c.name}@${c.version} licence ${c.from} -> ${c.to} (${c.type})`);
  if (lines.length === 0) return ['No component changes.'];
  lines.push(`${diff.added.length} added, ${diff.removed.length} removed, ${diff.changedVersion.length} changed version, ${diff.changedLicense.length} changed licence`);
  return lines;
}

/** The `--json` form: plain values, stable order. */
export function sbomDiffJson(diff: SbomDiff): unknown {
  return {
    added: diff.added.map((p) => p.purl),
    removed: diff.removed.map((p) => p.purl),
    changedVersion: diff.changedVersion.map(({ name, type, from, to }) => ({ name, type, from, to })),
    changedLicense: diff.changedLicense.map(({ name, type, version, from, to }) => ({ name, type, version, from, to })),
  };
}
