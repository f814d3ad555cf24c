import { Command, Option } from 'commander';
import type { WaiverView } from '../../policy/nest.js';
import { resolveActor, withDatabase } from '../context.js';
import { print, printJson } from '../io.js';

interface AddFlags {
  rule: string;
  purl?: string;
  file?: string;
  advisory?: string;
  repo?: string[];
  reason: string;
  approver: string;
  expires: string;
  actor?: string;
  json?: boolean;
}

/** `chainward waivers add|list|revoke`: waivers stored in the database, applied with each policy set's waivers.yaml. */
export function waiversCommand(): Command {
  const command = new Command('waivers').description('Waivers stored in the database: they apply, with a policy set\'s waivers.yaml, to every set that defines their rule');

  command
    .command('add')
    .description('Store a waiver of one rule for a package (purl pattern) or for files (glob), with a reason, an approver and an expiry')
    .requiredOption('--rule <id>', 'id of the rule it waives')
    .addOption(new Option('--purl <pattern>', 'the package it covers; without a version, every version ("*" in the name matches any run)').conflicts('file'))
    .addOption(new Option('--file <glob>', 'the files it covers (.gitignore syntax)').conflicts('purl'))
    .option('--advisory <id>', 'only this advisory (id or alias) of the package')
    .option('--repo <pattern>', 'only repositories whose name matches (repeatable); every repository when absent', collect, [])
    .requiredOption('--reason <text>', 'why the violation is accepted')
    .requiredOption('--approver <who>', 'who approved it')
    .requiredOption('--expires <date>', 'when it stops applying: 2026-03-31 (00:00 UTC) or a date-time')
    .option('--actor <who>', 'who adds it (default: `actor` in chainward.yaml, CHAINWARD_ACTOR, or the login name)')
    .option('--json', 'print JSON')
    .addHelpText(
      'after',
      '\nA policy set\'s own `waivers.maxDurationDays` still applies: a longer waiver is reported as rejected.\n\n' +
        'Example:\n  chainward waivers add --rule vulnerability-fixable --purl pkg:npm/lodash@4.17.20 \\\n' +
        '    --reason "not reachable: only _.get is used" --approver "security@example.com" --expires 2026-03-31',
    )
    .action(async (flags: AddFlags) => {
      const actor = await resolveActor(flags.actor);
      const view = await withDatabase(({ waivers }) =>
        waivers.add(
          {
            rule: flags.rule,
            ...(flags.purl === undefined ? {} : { purl: flags.purl }),
            ...(flags.file === undefined ? {} : { file: flags.file }),
            ...(flags.advisory === undefined ? {} : { advisory: flags.advisory }),
            ...(flags.repo && flags.repo.length > 0 ? { repositories: flags.repo } : {}),
            reason: flags.reason,
            approver: flags.approver,
            expires: flags.expires,
          },
          actor,
        ),
      );
      if (flags.json) printJson(view);
      else print(`Added waiver ${view.id}: ${describe(view)}`);
    });

  command
    .command('list')
    .description('List the stored waivers in force (with --expired, also the expired and revoked ones, with their state)')
    .option('--expired', 'include expired and revoked waivers')
    .option('--json', 'print JSON')
    .action(async (flags: { expired?: boolean; json?: boolean }) => {
      const views = await withDatabase(({ waivers }) => waivers.list({ includeInactive: flags.expired === true }));
      if (flags.json) {
        printJson(views);
        return;
      }
      if (views.length === 0) {
        print(flags.expired ? 'No stored waivers.' : 'No stored waivers in force (--expired also lists expired and revoked ones).');
        return;
      }
      for (const view of views) {
        print(`${view.id}  ${view.state.padEnd(7)}  ${describe(view)}`);
        if (view.revoked) print(`    revoked ${view.revoked.at} by ${view.revoked.by}${view.revoked.reason ? `: ${view.revoked.reason}` : ''}`);
      }
    });

  command
    .command('revoke')
    .description('Revoke a stored waiver: it stays on record (who revoked it, when, why) and applies no more')
    .argument('<id>', 'waiver id, as `chainward waivers list` prints it')
    .option('--reason <text>', 'why it is revoked')
    .option('--actor <who>', 'who revokes it (default: `actor` in chainward.yaml, CHAINWARD_ACTOR, or the login name)')
    .action(async (id: string, flags: { reason?: string; actor?: string }) => {
      const actor = await resolveActor(flags.actor);
      const view = await withDatabase(({ waivers }) => waivers.revoke(id, actor, flags.reason));
      print(`Revoked waiver ${view.id} (${view.rule} for ${view.purl ?? view.file}) at ${view.revoked?.at} by ${view.revoked?.by}`);
    });

  return command;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function describe(view: WaiverView): string {
  const target = view.purl ?? view.file ?? '';
  const scope = [view.advisory ? `advisory ${view.advisory}` : '', view.repositories ? `repositories ${view.repositories.join(', ')}` : ''].filter(Boolean).join(', ');
  return `${view.rule} for ${target}${scope ? ` (${scope})` : ''}, approved by ${view.approver}, until ${view.expires}: ${view.reason}`;
}
