import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { ChainwardError } from '../../common/errors.js';
import { discoverFiles } from './discover.js';
import { readRepositoryFile } from './read-file.js';

async function tree(files: Record<string, string>): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'chainward-discover-'));
  for (const [file, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await writeFile(path.join(root, file), content);
  }
  return root;
}

describe('discoverFiles', () => {
  it('honours nested .gitignore files and skips installed and vendored trees', async () => {
    const root = await tree({
      '.gitignore': 'build/\n*.log\n',
      'package.json': '{}',
      'build/package-lock.json': '{}',
      'debug.log': '',
      'node_modules/a/package.json': '{}',
      'vendor/b/package-lock.json': '{}',
      '.git/config': '',
      'apps/web/.gitignore': 'generated\n!keep.log\n',
      'apps/web/package.json': '{}',
      'apps/web/generated/yarn.lock': '',
      'apps/web/keep.log': '',
    });
    expect(await discoverFiles(root)).toEqual(['.gitignore', 'apps/web/.gitignore', 'apps/web/keep.log', 'apps/web/package.json', 'package.json']);
  });

  it('never follows a symbolic link out of the repository', async () => {
    const outside = await tree({ 'package-lock.json': '{"secret":true}', 'dir/package-lock.json': '{}' });
    const root = await tree({ 'package.json': '{}', 'inside.json': '{}' });
    await symlink(path.join(outside, 'package-lock.json'), path.join(root, 'package-lock.json'));
    await symlink(path.join(outside, 'dir'), path.join(root, 'linked-dir'));
    await symlink(path.join(root, 'inside.json'), path.join(root, 'alias.json'));
    expect(await discoverFiles(root)).toEqual(['alias.json', 'inside.json', 'package.json']);
    await expect(readRepositoryFile(root, 'package-lock.json', 1000)).rejects.toThrow('resolves outside the repository');
    expect((await readRepositoryFile(root, 'alias.json', 1000))?.text).toBe('{}');
  });

  it('refuses a file over the size limit with a clear error', async () => {
    const root = await tree({ 'package-lock.json': 'x'.repeat(2048) });
    const error = await readRepositoryFile(root, 'package-lock.json', 1024).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChainwardError);
    expect((error as ChainwardError).describe()).toBe('package-lock.json: file is 2048 bytes, over the 1024 bytes limit (raise it with --max-file-size)');
    expect(await readRepositoryFile(root, 'missing.json', 1024)).toBeUndefined();
  });

  it('stops on a tree with more files than the limit', async () => {
    const root = await tree({ 'a.txt': '', 'b.txt': '', 'c.txt': '' });
    await expect(discoverFiles(root, { maxFiles: 2, maxDepth: 10 })).rejects.toThrow('more than 2 files');
  });
});
