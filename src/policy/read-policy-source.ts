/**
 * The thin file-system shell around the policy loader: a policy set is a
 * directory (`policy.yaml`, optional `waivers.yaml`, optional `tests/*.yaml`)
 * or a single YAML file holding only the policy.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { loadPolicySource, type LoadedPolicySet, type LoadResult, type PolicySource } from './domain/index.js';

export const POLICY_FILE = 'policy.yaml';
export const WAIVERS_FILE = 'waivers.yaml';
export const TESTS_DIRECTORY = 'tests';

/**
 * Reads the files of a policy set. Paths in the result (and so in problems)
 * are relative to `cwd`, as the user typed them.
 */
export async function readPolicySource(path: string, cwd = process.cwd()): Promise<PolicySource> {
  const shown = (file: string): string => relative(cwd, file) || file;
  const info = await stat(path);
  if (!info.isDirectory()) return { policy: { path: shown(path), text: await readFile(path, 'utf8') } };

  const policyPath = join(path, POLICY_FILE);
  const source: PolicySource = { policy: { path: shown(policyPath), text: await readFile(policyPath, 'utf8') } };
  const waiversPath = join(path, WAIVERS_FILE);
  const waivers = await readOptional(waiversPath);
  if (waivers !== undefined) source.waivers = { path: shown(waiversPath), text: waivers };
  const testsDir = join(path, TESTS_DIRECTORY);
  const names = await readdir(testsDir).catch(() => [] as string[]);
  source.tests = await Promise.all(
    names
      .filter((name) => /\.ya?ml$/.test(name))
      .sort()
      .map(async (name) => ({ path: shown(join(testsDir, name)), text: await readFile(join(testsDir, name), 'utf8') })),
  );
  return source;
}

export async function loadPolicyDirectory(path: string, cwd = process.cwd()): Promise<LoadResult<LoadedPolicySet>> {
  return loadPolicySource(await readPolicySource(path, cwd));
}

async function readOptional(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
