import { Command } from 'commander';
import type { PolicyResults } from '../../policy/index.js';
import { withDatabase } from '../context.js';
import { print, printJson } from '../io.js';
import { formatPolicyResults } from './policy-format.js';

/** `chainward results <scan-id>`: the policy results stored with a scan. */
export function resultsCommand(): Command {
  return new Command('results')
    .description('Show the policy results stored with a scan (by `chainward scan --policy`)')
    .argument('<scan-id>', 'scan id, as `chainward scans list` prints it')
    .option('--json', 'print JSON: every evaluation with all its evidence')
    .action(async (scanId: string, flags: { json?: boolean }) => {
      const { scan, results } = await withDatabase(({ policyResults }) => policyResults.listResults(scanId));
      const evaluations = results.map((row) => ({
        id: row.id,
        scan: row.scanId,
        policy: { name: row.policyName, version: row.policyVersion, digest: row.policyDigest },
        /** How the set was given: a published name@version, or files (a directory or YAML file). */
        source: row.policySetId === null ? 'files' : 'published',
        waiversDigest: row.waiversDigest,
        evaluatedAt: row.evaluatedAt.toISOString(),
        repository: scan.repository.name,
        outcome: row.outcome,
        summary: row.summary,
        rules: row.rules,
        waivers: row.waivers,
      }));
      if (flags.json) {
        printJson(evaluations);
        return;
      }
      if (evaluations.length === 0) {
        print(`No policy results for scan ${scan.id}. Run \`chainward scan <dir> --policy <path|name@version|active>\` to evaluate one.`);
        return;
      }
      print(`Scan ${scan.id} of ${scan.repository.name}`);
      for (const evaluation of evaluations) {
        print(`Evaluated ${evaluation.evaluatedAt} with ${evaluation.policy.name}@${evaluation.policy.version} (${evaluation.source === 'published' ? 'published set' : 'from files'})`);
        print(`  digest: ${evaluation.policy.digest}`);
        for (const line of formatPolicyResults(evaluation satisfies Omit<PolicyResults, 'repository'> & { repository: string })) print(line);
      }
    });
}
