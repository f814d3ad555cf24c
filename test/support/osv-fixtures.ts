import { readdirSync, readFileSync } from 'node:fs';
import { MatchIndex, parseOsvJson, type OsvRecord } from '../../src/advisories/index.js';

const OSV = new URL('../fixtures/advisories/osv/', import.meta.url);

/** The real OSV records of `test/fixtures/advisories/osv/`, indexed for matching. */
export function realOsvIndex(): MatchIndex {
  const records: OsvRecord[] = readdirSync(OSV)
    .filter((file) => file.endsWith('.json'))
    .map((file) => {
      const result = parseOsvJson(readFileSync(new URL(file, OSV), 'utf8'), file);
      if (!result.ok) throw new Error(`${file}: ${result.error.message}`);
      return result.record;
    });
  return MatchIndex.build(records);
}
