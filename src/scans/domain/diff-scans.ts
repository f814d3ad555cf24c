import type { ComponentRecord } from './component-record.js';

export interface ComponentChange {
  /** Package identity without version: ecosystem + group + name. */
  key: string;
  name: string;
  ecosystem: string;
  from: string;
  to: string;
}

export interface ScanDiff {
  added: ComponentRecord[];
  removed: ComponentRecord[];
  changed: ComponentChange[];
}

/**
 * Compares the libraries of two scans by package identity (ecosystem, group,
 * name). One version replaced by another is a change; a package present in
 * several versions is compared version set against version set, and only the
 * versions that differ are reported.
 */
export function diffScans(before: readonly ComponentRecord[], after: readonly ComponentRecord[]): ScanDiff {
  const group = (records: readonly ComponentRecord[]): Map<string, ComponentRecord[]> => {
    const byKey = new Map<string, ComponentRecord[]>();
    for (const record of records) {
      if (record.type !== 'library') continue;
      const key = identity(record);
      const list = byKey.get(key) ?? [];
      list.push(record);
      byKey.set(key, list);
    }
    return byKey;
  };
  const old = group(before);
  const current = group(after);
  const diff: ScanDiff = { added: [], removed: [], changed: [] };
  for (const key of [...new Set([...old.keys(), ...current.keys()])].sort()) {
    const oldVersions = old.get(key) ?? [];
    const newVersions = current.get(key) ?? [];
    const gone = oldVersions.filter((o) => !newVersions.some((n) => n.version === o.version)).sort(byVersion);
    const arrived = newVersions.filter((n) => !oldVersions.some((o) => o.version === n.version)).sort(byVersion);
    const paired = Math.min(gone.length, arrived.length);
    for (let i = 0; i < paired; i++) {
      diff.changed.push({ key, name: displayName(gone[i]), ecosystem: gone[i].ecosystem, from: gone[i].version, to: arrived[i].version });
    }
    diff.removed.push(...gone.slice(paired));
    diff.added.push(...arrived.slice(paired));
  }
  return diff;
}

function identity(record: ComponentRecord): string {
  return `${record.ecosystem}:${record.group ? `${record.group}/` : ''}${record.name}`;
}

export function displayName(record: Pick<ComponentRecord, 'group' | 'name'>): string {
  return record.group ? `${record.group}/${record.name}` : record.name;
}

function byVersion(a: ComponentRecord, b: ComponentRecord): number {
  return a.version.localeCompare(b.version, 'en', { numeric: true });
}
