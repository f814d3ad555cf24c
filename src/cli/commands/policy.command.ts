import { Command } from 'commander';
import { ChainwardError } from '../../common/errors.js';
import { ExitCode } from '../exit-codes.js';
import { print } from '../io.js';
import { checkPolicyPath, invalidPolicy, loadPolicyOrFail, plural } from './policy-input.js';
import { addPolicySetCommands } from './policy-sets.js';

/**
 * `chainward policy validate|test|diff|publish|list|show|activate`. `validate` and `test`
 * need no database (CI calls them): only the policy module is imported, lazily.
 */
export function policyCommand(): Command {
  const policy = new Command('policy').description('Validate, test and compare policy sets (YAML); publish versions and activate them');

  policy
    .command('validate')
    .description('Check a policy set directory, or one policy, waivers or policy-tests file; problems are printed as file:line:column: message')
    .argument('<path>', 'policy set directory (policy.yaml, waivers.yaml, tests/*.yaml) or one YAML file')
    .addHelpText('after', '\nExit codes: 0 valid, 2 invalid.\n\nExample:\n  chainward policy validate policies/default')
    .action(async (path: string) => {
      const { formatProblem } = await import('../../policy/index.js');
      const check = await checkPolicyPath(path);
      for (const problem of check.problems) print(formatProblem(problem));
      if (check.problems.length > 0) throw invalidPolicy(path, check.problems.length);
      print(`OK ${path}: ${check.description}`);
    });

  policy
    .command('test')
    .description("Run a policy set's tests (tests/*.yaml): each case's expected rule outcomes against the evaluator's")
    .argument('<dir>', 'policy set directory')
    .addHelpText('after', '\nExit codes: 0 every case passed, 1 a case failed, 2 invalid policy set or no tests.')
    .action(async (dir: string) => {
      const { runPolicyTests } = await import('../../policy/index.js');
      const loaded = await loadPolicyOrFail(dir, print);
      if (loaded.tests.length === 0) {
        throw new ChainwardError({ code: 'policy.no-tests', category: 'bad-input', message: `${dir}: no policy tests (tests/*.yaml) to run` });
      }
      const report = runPolicyTests(loaded);
      for (const testCase of report.cases) {
        print(`${testCase.passed ? 'PASS' : 'FAIL'} ${testCase.file}: ${testCase.name}`);
        for (const line of testCase.diff) print(`    ${line}`);
      }
      print(`${plural(report.cases.length, 'case')}: ${report.passed} passed, ${report.failed} failed`);
      if (report.failed > 0) process.exitCode = ExitCode.PolicyFailure;
    });

  policy
    .command('diff')
    .description('Dry run: what replacing a policy set would change on stored scans (rules newly failing, newly passing, waiver changes)')
    .argument('<old>', 'the policy set in force: a directory or YAML file, a published name@version, or "active" (the set active for every repository)')
    .argument('<new>', 'the proposed policy set (the same forms)')
    .option('--scans <which>', '"latest" (the newest scan of each repository) or scan ids separated by commas', 'latest')
    .option('--json', 'print JSON')
    .addHelpText('after', '\nRepository rules (files, content, imports) are not evaluated: scans do not store files. Stored waivers apply to both sides.\n\nExamples:\n  chainward policy diff policies/default my-policies/default --scans latest\n  chainward policy diff active my-policies/default')
    .action(async (oldPath: string, newPath: string, flags: { scans: string; json?: boolean }) => {
      const { runPolicyDiff } = await import('./policy-diff.js');
      await runPolicyDiff(oldPath, newPath, flags);
    });

  addPolicySetCommands(policy);
  return policy;
}
