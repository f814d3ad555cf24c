import { stat } from 'node:fs/promises';
import { ChainwardError } from '../../common/errors.js';
import type { LoadedPolicySet, PolicyProblem, PolicySource } from '../../policy/index.js';

/** What `policy validate` found in one file or directory. */
export interface PolicyCheck {
  problems: PolicyProblem[];
  /** The loaded set, when `path` held a valid policy set (a lone waivers or tests file gives none). */
  loaded?: LoadedPolicySet;
  /** What was checked, for the OK line: `policy set "default" 1.0.0 (4 rules, 2 waivers, 12 tests)`. */
  description: string;
}

/**
 * Checks a policy set directory, or one YAML file of any of the three kinds.
 * A lone file's `kind` only picks the parser; that parser then checks the
 * whole file, `kind` included, and reports it with its position.
 */
export async function checkPolicyPath(path: string): Promise<PolicyCheck> {
  const policy = await import('../../policy/index.js');
  const source = await readSource(path, policy.readPolicySource);
  const single = source.waivers === undefined && (source.tests ?? []).length === 0 && !(await isDirectory(path));
  const kind = single ? /^kind:[ \t]*["']?(\w+)/m.exec(source.policy.text)?.[1] : undefined;
  if (kind === 'Waivers') {
    const result = policy.parseWaivers(source.policy);
    return { problems: result.problems, description: result.ok ? `waivers file (${plural(result.value.length, 'waiver')})` : '' };
  }
  if (kind === 'PolicyTests') {
    const result = policy.parsePolicyTests(source.policy);
    return { problems: result.problems, description: result.ok ? `policy tests file (${plural(result.value.cases.length, 'case')})` : '' };
  }
  const result = policy.loadPolicySource(source);
  if (!result.ok) return { problems: result.problems, description: '' };
  const { metadata, rules } = result.value.policy;
  const cases = result.value.tests.reduce((sum, file) => sum + file.tests.cases.length, 0);
  return {
    problems: [],
    loaded: result.value,
    description: `policy set "${metadata.name}" ${metadata.version} (${plural(rules.length, 'rule')}, ${plural(result.value.waivers.length, 'waiver')}, ${plural(cases, 'test case')})`,
  };
}

/** Loads a policy set for evaluation: invalid input becomes a bad-input error after its problems are listed. */
export async function loadPolicyOrFail(path: string, report: (line: string) => void): Promise<LoadedPolicySet> {
  const { formatProblem } = await import('../../policy/index.js');
  const check = await checkPolicyPath(path);
  for (const problem of check.problems) report(formatProblem(problem));
  if (check.problems.length > 0) throw invalidPolicy(path, check.problems.length);
  if (!check.loaded) throw new ChainwardError({ code: 'policy.not-a-policy-set', category: 'bad-input', message: `${path} is not a policy set (kind: PolicySet)` });
  return check.loaded;
}

export function invalidPolicy(path: string, count: number): ChainwardError {
  return new ChainwardError({ code: 'policy.invalid', category: 'bad-input', message: `${path}: ${plural(count, 'problem')}` });
}

export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

async function readSource(path: string, read: (path: string) => Promise<PolicySource>): Promise<PolicySource> {
  try {
    return await read(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR') {
      const missing = (error as NodeJS.ErrnoException).path ?? path;
      throw new ChainwardError({ code: 'policy.not-found', category: 'not-found', message: `no policy set at ${path} (${missing} does not exist)`, cause: error });
    }
    throw error;
  }
}

async function isDirectory(path: string): Promise<boolean> {
  return (await stat(path)).isDirectory();
}
