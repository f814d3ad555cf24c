import { Command, InvalidArgumentError } from 'commander';
import { withDatabase } from '../context.js';
import { print, printJson } from '../io.js';
import { formatSummary } from './scan.command.js';

/** `chainward scans list|show|diff`: the stored scan history. */
export function scansCommand(): Command {
  const scans = new Command('scans').description('List, show and compare stored scans');

  scans
    .command('list')
    .description('List stored scans, newest first')
    .option('--repository <name>', 'only scans of this repository (name or location)')
    .option('--limit <n>', 'at most this many scans', parsePositiveInt, 50)
    .option('--json', 'print JSON')
    .action(async (flags: { repository?: string; limit: number; json?: boolean }) => {
      const list = await withDatabase(({ scans: service }) => service.listScans(flags));
      if (flags.json) {
        const { toScanView } = await import('../../scans/index.js');
        printJson(list.map(toScanView));
        return;
      }
      if (list.length === 0) {
        print('No scans yet. Run `chainward scan <dir>` to make one.');
        return;
      }
      print(`${'ID'.padEnd(36)}  ${'STARTED (UTC)'.padEnd(19)}  ${'COMPONENTS'.padStart(10)}  ${'COMMIT'.padEnd(12)}  REPOSITORY`);
      for (const s of list) {
        const started = s.startedAt.toISOString().slice(0, 19).replace('T', ' ');
        print(`${s.id}  ${started}  ${String(s.componentCount).padStart(10)}  ${(s.commitSha ?? '-').slice(0, 12).padEnd(12)}  ${s.repository.name}`);
      }
    });

  scans
    .command('show')
    .description('Show one scan: repository, commit, lockfiles and a summary of its components')
    .argument('<id>', 'scan id')
    .option('--json', 'print JSON, including every component')
    .action(async (id: string, flags: { json?: boolean }) => {
      const details = await withDatabase(({ scans: service }) => service.getScanDetails(id));
      const { scan } = details;
      if (flags.json) {
        const { toScanView } = await import('../../scans/index.js');
        printJson({
          ...toScanView(scan),
          summary: details.summary,
          edges: details.edges,
          components: details.components.map((c) => ({
            ref: c.ref,
            purl: c.purl,
            type: c.type,
            scope: c.scope,
            development: c.development,
            direct: c.direct,
            licenses: c.licenses,
          })),
        });
        return;
      }
      print(`Scan ${scan.id}`);
      print(`  repository: ${scan.repository.name} (${scan.repository.location})`);
      if (scan.commitSha) print(`  commit:     ${scan.commitSha}${scan.branch ? ` (${scan.branch})` : ''}`);
      print(`  started:    ${scan.startedAt.toISOString()}`);
      print(`  status:     ${scan.status}, by chainward ${scan.toolVersion}`);
      if (scan.importedFrom) {
        const tools = scan.importedFrom.tools.map((tool) => (tool.version ? `${tool.name} ${tool.version}` : tool.name)).join(', ');
        print(`  imported:   ${scan.importedFrom.file} (${scan.importedFrom.format} ${scan.importedFrom.specVersion}${tools ? `, made by ${tools}` : ''})`);
      }
      print(`  lockfiles:  ${scan.lockfiles.join(', ')}`);
      print(formatSummary(details.summary));
      print(`  edges:      ${details.edges}`);
      print(`  SBOM:       sha256:${scan.sbomDigest}`);
    });

  scans
    .command('diff')
    .description('Compare two scans: components added, removed, and changed version')
    .argument('<a>', 'the earlier scan id')
    .argument('<b>', 'the later scan id')
    .option('--json', 'print JSON')
    .action(async (a: string, b: string, flags: { json?: boolean }) => {
      const { diff } = await withDatabase(({ scans: service }) => service.diff(a, b));
      if (flags.json) {
        printJson({
          added: diff.added.map((c) => c.purl),
          removed: diff.removed.map((c) => c.purl),
          changed: diff.changed.map((c) => ({ name: c.name, ecosystem: c.ecosystem, from: c.from, to: c.to })),
        });
        return;
      }
      if (diff.added.length + diff.removed.length + diff.changed.length === 0) {
        print('No component changes.');
        return;
      }
      for (const c of diff.added) print(`+ ${c.purl}`);
      for (const c of diff.removed) print(`- ${c.purl}`);
      for (const c of diff.changed) print(`~ ${c.name} ${c.from} -> ${c.to} (${c.ecosystem})`);
      print(`${diff.added.length} added, ${diff.removed.length} removed, ${diff.changed.length} changed`);
    });

  return scans;
}

function parsePositiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a positive whole number');
  return n;
}
