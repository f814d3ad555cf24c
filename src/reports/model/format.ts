/** Small, deterministic text formatting shared by the sections: UTC times, counts, lists. */

/** `2026-03-31 09:30 UTC`. */
export function utcMinute(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** `2026-03-31 09:30:12 UTC`. */
export function utcSecond(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
}

export function utcDay(iso: string): string {
  return iso.slice(0, 10);
}

/** 12,345 — the grouping auditors read. */
export function count(n: number): string {
  return n.toLocaleString('en-GB');
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${count(n)} ${n === 1 ? one : many}`;
}

export function percent(value: number | null): string {
  return value === null ? 'n/a' : `${value.toFixed(value === 100 || value === 0 ? 0 : 1)} %`;
}

/** The first `max` items, then "+N more". */
export function listSome(items: readonly string[], max: number): string {
  if (items.length <= max) return items.join(', ');
  return `${items.slice(0, max).join(', ')} +${count(items.length - max)} more`;
}

/** Cuts long free text (evidence, rationale) so one cell never outgrows a page. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

export function describeScope(scope: { kind: string; repository?: string; scan?: string }, repositories: number): string {
  switch (scope.kind) {
    case 'repository':
      return `Repository ${scope.repository}`;
    case 'scan':
      return `Scan ${scope.scan} of ${scope.repository}`;
    default:
      return `Organisation: all ${plural(repositories, 'repository', 'repositories')}`;
  }
}
