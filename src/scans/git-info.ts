import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface GitInfo {
  commit: string | null;
  branch: string | null;
}

/** The checked-out commit and branch when `directory` is inside a git work tree; nulls otherwise. */
export async function readGitInfo(directory: string): Promise<GitInfo> {
  const git = async (...args: string[]): Promise<string | null> => {
    try {
      const { stdout } = await run('git', ['-C', directory, ...args], { timeout: 5000, maxBuffer: 64 * 1024 });
      return stdout.trim() || null;
    } catch {
      return null;
    }
  };
  const commit = await git('rev-parse', '--verify', 'HEAD');
  if (!commit) return { commit: null, branch: null };
  const branch = await git('symbolic-ref', '--short', '-q', 'HEAD');
  return { commit, branch };
}
