/** The action of `chainward advisories sync --source osv-api`. */
import path from 'node:path';
import { ChainwardError } from '../../common/errors.js';
import type { ImportSummary } from '../../advisories/nest.js';
import type { OsvApiSyncCounts } from '../../advisories/index.js';
import { cliConfig, withDatabase } from '../context.js';
import { print, printJson, progressReporter } from '../io.js';

export interface SyncFlags {
  source: string;
  scan?: string;
  json?: boolean;
}

export interface SyncReport {
  source: 'osv-api';
  api: string;
  scans: Array<{ id: string; repository: string; findings: number }>;
  counts: OsvApiSyncCounts;
  import: ImportSummary;
}

export async function runAdvisoriesSync(flags: SyncFlags): Promise<void> {
  if (flags.source !== 'osv-api') {
    throw new ChainwardError({ code: 'ADVISORY_SYNC_SOURCE', category: 'bad-input', message: `--source ${flags.source}: the only online source is osv-api` });
  }
  const config = await cliConfig();
  const { advisoriesSettings } = await import('../../config/index.js');
  const { OsvApiCache, OsvApiClient, syncFromOsvApi } = await import('../../advisories/index.js');
  const settings = advisoriesSettings(config);
  const client = new OsvApiClient({ baseUrl: settings.osvApiUrl });
  const cache = new OsvApiCache(path.join(config.home, 'cache', 'osv-api'), settings.osvApiCacheTtl);
  const progress = progressReporter();

  const report = await withDatabase(async ({ advisories, findings, policyResults, scans }): Promise<SyncReport> => {
    const ids = flags.scan ? [flags.scan] : await policyResults.latestScanIds();
    if (ids.length === 0) {
      throw new ChainwardError({ code: 'ADVISORY_SYNC_NO_SCANS', category: 'bad-input', message: 'no stored scans to sync advisories for: run `chainward scan <dir>` first' });
    }
    const packages = (await Promise.all(ids.map((id) => findings.packagesOfScan(id)))).flat();
    let imported: ImportSummary | undefined;
    const counts = await syncFromOsvApi({
      packages,
      client,
      cache,
      storedModified: (advisoryIds) => advisories.storedModified(advisoryIds),
      importItems: async (items) => {
        imported = await advisories.importSource({ kind: 'osv-api', items });
      },
      onProgress: progress,
    });
    const matched = [];
    for (const id of ids) {
      const scan = await scans.getScan(id);
      matched.push({ id, repository: scan.repository.name, findings: (await findings.matchScan(id)).findings });
    }
    return { source: 'osv-api', api: client.url, scans: matched, counts, import: imported as ImportSummary };
  });

  if (flags.json) {
    printJson(report);
    return;
  }
  const { counts } = report;
  print(`Synced advisories from the OSV API at ${report.api} for ${plural(report.scans.length, 'scan')} (${plural(counts.packages, 'package version')})`);
  print(`  queries:     ${counts.packages - counts.packagesFromCache} asked in ${plural(counts.requests.querybatch, 'request')}, ${counts.packagesFromCache} answered from the cache`);
  print(`  advisories:  ${counts.vulnerabilities} affecting, ${counts.current} already current, ${counts.requests.vulns} fetched, ${counts.recordsFromCache} from the cache`);
  if (counts.gone.length > 0) print(`  no longer served: ${counts.gone.join(', ')}`);
  print(`  imported:    ${report.import.imported}`);
  print(`  updated:     ${report.import.updated}`);
  print(`  unchanged:   ${report.import.unchanged}`);
  print(`  invalid:     ${report.import.invalid.length}`);
  for (const { file, reason } of report.import.invalid) print(`    ${file}: ${reason}`);
  for (const scan of report.scans) print(`  findings:    ${scan.findings} for scan ${scan.id} (${scan.repository})`);
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
