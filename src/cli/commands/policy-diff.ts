import { ChainwardError } from '../../common/errors.js';
import type { LoadedPolicySet, PolicyDiff, PolicySet, RepositorySnapshot } from '../../policy/index.js';
import { withDatabase } from '../context.js';
import { print, printJson } from '../io.js';
import { plural } from './policy-input.js';
import { resolvePolicyFlag, toVulnerabilityFact, withStoredWaivers, type PolicyChoice } from './scan-policy.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface PolicyDiffReport extends PolicyDiff {
  scans: Array<{ id: string; repository: string }>;
  /** Repository rules (required files, content, imports, sizes): scans do not store files, so a diff cannot evaluate them. */
  notEvaluated: string[];
}

/**
 * `chainward policy diff`: evaluates both versions of a policy set on stored
 * scans (their graphs and findings) and lists what would change.
 */
export async function runPolicyDiff(oldPath: string, newPath: string, flags: { scans: string; json?: boolean }): Promise<void> {
  // Either side may be a published set (name@version, or `active`: the set active for every repository).
  const problems = (line: string): void => void process.stderr.write(`${line}\n`);
  const beforeChoice = await resolvePolicyFlag(oldPath, problems);
  const afterChoice = await resolvePolicyFlag(newPath, problems);
  const requested = flags.scans === 'latest' ? undefined : flags.scans.split(',').map((id) => id.trim()).filter(Boolean);
  for (const id of requested ?? []) {
    if (!UUID.test(id)) throw new ChainwardError({ code: 'SCAN_ID_INVALID', category: 'bad-input', message: `--scans: "${id}" is not a scan id; give "latest" or scan ids separated by commas` });
  }
  const { diffPolicySets, memoryRepositoryFiles, policyIdentity } = await import('../../policy/index.js');

  const { before, after, stored, loaded } = await withDatabase(async ({ policyResults, findings, policySets, waivers }) => {
    const resolve = async (choice: PolicyChoice): Promise<LoadedPolicySet> =>
      choice.kind === 'files' ? choice.loaded : policySets.load(choice.kind === 'active' ? (await policySets.activeFor()).set : await policySets.getSet(choice.reference));
    const sets = { before: await resolve(beforeChoice), after: await resolve(afterChoice), stored: await waivers.forEvaluation() };
    const ids = requested ?? (await policyResults.latestScanIds());
    const snapshots: Array<RepositorySnapshot & { scanId: string }> = [];
    for (const id of ids) {
      const { scan, graph } = await policyResults.loadScanFacts(id);
      const matched = await findings.listFindings(id);
      snapshots.push({ scanId: id, repository: { name: scan.repository.name }, graph, findings: matched.findings.map(toVulnerabilityFact), files: memoryRepositoryFiles([]) });
    }
    return { ...sets, loaded: snapshots };
  });

  // Stored waivers apply to both versions, as they would to a scan.
  const diff = diffPolicySets({
    before: withoutRepositoryRules({ ...before, waivers: withStoredWaivers(before, stored) }),
    after: withoutRepositoryRules({ ...after, waivers: withStoredWaivers(after, stored) }),
    snapshots: loaded,
    now: new Date(),
  });
  const report: PolicyDiffReport = {
    ...diff,
    // The identities of the sets as written, not of the parts a diff can evaluate.
    before: policyIdentity(before.policy),
    after: policyIdentity(after.policy),
    scans: loaded.map((snapshot) => ({ id: snapshot.scanId, repository: snapshot.repository.name })),
    notEvaluated: [...new Set([...repositoryRuleIds(before.policy), ...repositoryRuleIds(after.policy)])].sort(),
  };
  if (flags.json) printJson(report);
  else for (const line of formatPolicyDiff(report, requested === undefined)) print(line);
}

function withoutRepositoryRules(loaded: LoadedPolicySet): { policy: PolicySet; waivers: LoadedPolicySet['waivers'] } {
  return { policy: { ...loaded.policy, rules: loaded.policy.rules.filter((rule) => rule.condition.kind !== 'repository') }, waivers: loaded.waivers };
}

function repositoryRuleIds(policy: PolicySet): string[] {
  return policy.rules.filter((rule) => rule.condition.kind === 'repository').map((rule) => rule.id);
}

export function formatPolicyDiff(report: PolicyDiffReport, latest: boolean): string[] {
  const name = (identity: PolicyDiff['before']): string => `${identity.name} ${identity.version} (${identity.digest.slice(0, 19)})`;
  const lines = [`Policy diff: ${name(report.before)} -> ${name(report.after)}`];
  lines.push(`Against ${plural(report.scans.length, 'stored scan')}${latest ? ' (the latest of each repository)' : ''}`);
  if (report.notEvaluated.length > 0) {
    lines.push(`Not evaluated: repository rules ${report.notEvaluated.join(', ')} (scans do not store the repository's files)`);
  }
  const scanOf = new Map(report.scans.map((scan) => [scan.repository, scan.id]));
  for (const impact of report.repositories) {
    const outcome = impact.outcomeBefore === impact.outcomeAfter ? impact.outcomeAfter : `${impact.outcomeBefore} -> ${impact.outcomeAfter}`;
    lines.push(`  ${impact.repository} (scan ${scanOf.get(impact.repository)}): ${outcome}${impact.changes.length === 0 ? ', no rule changes' : ''}`);
    for (const change of impact.changes) {
      lines.push(
        `    ${change.change.padEnd(16)} ${change.ruleId}: ${change.before} -> ${change.after} (${change.violationsBefore} -> ${plural(change.violationsAfter, 'violation')})`,
      );
    }
  }
  const { summary } = report;
  lines.push(`${summary.repositories} ${summary.repositories === 1 ? 'repository' : 'repositories'}: ${summary.newlyFailing} newly failing, ${summary.newlyPassing} newly passing, ${summary.changed} changed`);
  return lines;
}
