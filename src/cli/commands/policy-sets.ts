/**
 * `chainward policy publish|list|show|activate`: versioned policy sets in the database.
 * Registered on the `policy` command by policy.command.ts.
 */
import { type Command } from 'commander';
import { ChainwardError } from '../../common/errors.js';
import type { PolicySetSummary } from '../../policy/nest.js';
import type { PolicySetReference } from '../../policy/index.js';
import { resolveActor, withDatabase } from '../context.js';
import { print, printJson } from '../io.js';
import { loadPolicyOrFail, plural } from './policy-input.js';

export function addPolicySetCommands(policy: Command): void {
  policy
    .command('publish')
    .description('Store a policy set (policy.yaml and waivers.yaml) as an immutable version: name and version come from its metadata')
    .argument('<dir>', 'policy set directory (or one policy YAML file)')
    .requiredOption('-m, --message <why>', 'why this version is published (kept with it and in the audit ledger)')
    .option('--actor <who>', 'who publishes (default: `actor` in chainward.yaml, CHAINWARD_ACTOR, or the login name)')
    .option('--json', 'print JSON')
    .addHelpText(
      'after',
      '\nThe set is validated first (as `policy validate` does, tests included). Publishing the same name@version again\n' +
        'with the same content changes nothing; with different content it is refused (exit 2): publish a new version.\n\n' +
        'Example:\n  chainward policy publish policies/default -m "Adopt the default policy for all services"',
    )
    .action(async (dir: string, flags: { message: string; actor?: string; json?: boolean }) => {
      const loaded = await loadPolicyOrFail(dir, (line) => process.stderr.write(`${line}\n`));
      const { readPolicySource } = await import('../../policy/index.js');
      const source = await readPolicySource(dir);
      const actor = await resolveActor(flags.actor);
      const result = await withDatabase(({ policySets }) => policySets.publish({ source, actor, message: flags.message }));
      const { toPolicySetView } = await import('../../policy/index.js');
      const { set } = result;
      if (flags.json) {
        printJson({ created: result.created, ...toPolicySetView(set, []) });
        return;
      }
      if (!result.created) {
        print(`${set.name}@${set.version} is already published with the same content (${set.digest}); nothing changed`);
        return;
      }
      print(`Published ${set.name}@${set.version} (${set.digest})`);
      print(`  by:       ${set.publishedBy}`);
      print(`  at:       ${set.publishedAt.toISOString()}`);
      print(`  why:      ${set.message}`);
      print(`  contains: ${plural(loaded.policy.rules.length, 'rule')}, ${plural(loaded.waivers.length, 'waiver')}`);
      print(`Activate it with: chainward policy activate ${set.name}@${set.version} [--scope <repository-pattern>]`);
    });

  policy
    .command('list')
    .description('List the published policy sets and the scopes each is active for')
    .option('--json', 'print JSON')
    .action(async (flags: { json?: boolean }) => {
      const summaries = await withDatabase(({ policySets }) => policySets.list());
      const { toPolicySetView } = await import('../../policy/index.js');
      if (flags.json) {
        printJson(summaries.map((summary) => toPolicySetView(summary.set, summary.activeScopes)));
        return;
      }
      if (summaries.length === 0) {
        print('No published policy sets. Publish one with `chainward policy publish <dir> -m <why>`.');
        return;
      }
      print(table(['NAME', 'VERSION', 'DIGEST', 'PUBLISHED', 'BY', 'ACTIVE FOR'], summaries.map(row)));
    });

  policy
    .command('show')
    .description('Show a published policy set: who published it, when and why, where it is active, and its YAML as published')
    .argument('<name@version>', 'the published set, e.g. default@1.0.0')
    .option('--json', 'print JSON (the YAML texts included)')
    .action(async (text: string, flags: { json?: boolean }) => {
      const reference = await referenceOrFail(text);
      const summary = await withDatabase(({ policySets }) => policySets.show(reference));
      const { toPolicySetView } = await import('../../policy/index.js');
      const { set } = summary;
      if (flags.json) {
        printJson({ ...toPolicySetView(set, summary.activeScopes), policy: set.policyText, waivers: set.waiversText });
        return;
      }
      print(`${set.name}@${set.version}`);
      print(`  digest:     ${set.digest}`);
      print(`  published:  ${set.publishedAt.toISOString()} by ${set.publishedBy}`);
      print(`  why:        ${set.message}`);
      print(`  active for: ${summary.activeScopes.join(', ') || 'nothing (not activated)'}`);
      print('--- policy.yaml');
      process.stdout.write(set.policyText.endsWith('\n') ? set.policyText : `${set.policyText}\n`);
      if (set.waiversText !== null) {
        print('--- waivers.yaml');
        process.stdout.write(set.waiversText.endsWith('\n') ? set.waiversText : `${set.waiversText}\n`);
      }
    });

  policy
    .command('activate')
    .description('Put a published policy set in force for every repository, or for the repositories a name pattern matches')
    .argument('<name@version>', 'the published set, e.g. default@1.1.0')
    .option('--scope <pattern>', 'repository names it applies to (.gitignore syntax, e.g. "payments-*"); "*" is every repository', '*')
    .option('-m, --message <why>', 'why (kept in the audit ledger)')
    .option('--actor <who>', 'who activates (default: `actor` in chainward.yaml, CHAINWARD_ACTOR, or the login name)')
    .addHelpText(
      'after',
      '\nThe latest activation of a scope replaces the previous one. When several scopes match a repository, the most\n' +
        'specific wins (an exact name over a pattern, a longer pattern over a shorter one, any of them over "*").\n\n' +
        'Examples:\n  chainward policy activate default@1.0.0\n  chainward policy activate regulated-finance@1.0.0 --scope "payments-*" -m "PCI scope"',
    )
    .action(async (text: string, flags: { scope: string; message?: string; actor?: string }) => {
      const reference = await referenceOrFail(text);
      const actor = await resolveActor(flags.actor);
      const result = await withDatabase(({ policySets }) => policySets.activate({ reference, scope: flags.scope, actor, ...(flags.message ? { message: flags.message } : {}) }));
      const where = flags.scope === '*' ? 'every repository (*)' : `repositories matching ${flags.scope}`;
      if (!result.created) {
        print(`${text} is already active for ${where}; nothing changed`);
        return;
      }
      print(`Activated ${result.set.name}@${result.set.version} (${result.set.digest.slice(0, 19)}) for ${where}`);
      if (result.previous) print(`  replaces: ${result.previous.name}@${result.previous.version}`);
    });
}

/** `name@version` as typed, or a usage error saying what is expected. */
export async function referenceOrFail(text: string): Promise<PolicySetReference> {
  const { parsePolicySetReference } = await import('../../policy/index.js');
  const reference = parsePolicySetReference(text);
  if (!reference) {
    throw new ChainwardError({ code: 'policy.bad-reference', category: 'bad-input', message: `"${text}" is not a published policy set reference such as default@1.0.0` });
  }
  return reference;
}

function row(summary: PolicySetSummary): string[] {
  const { set } = summary;
  return [set.name, set.version, set.digest.slice(0, 19), set.publishedAt.toISOString().slice(0, 19) + 'Z', set.publishedBy, summary.activeScopes.join(', ') || '-'];
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((cells) => (cells[column] ?? '').length)));
  const line = (cells: string[]): string => cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ').trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}
