import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { directoryRepositoryFiles } from './repository-files.js';

describe('directoryRepositoryFiles', () => {
  const root = mkdtempSync(join(tmpdir(), 'chainward-files-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  for (const dir of ['src', '.git', 'node_modules/x']) mkdirSync(join(root, dir), { recursive: true });
  writeFileSync(join(root, 'src', 'a.ts'), 'export const a = 1;\n');
  writeFileSync(join(root, 'logo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]));
  writeFileSync(join(root, '.git', 'HEAD'), 'ref: refs/heads/main\n');
  writeFileSync(join(root, 'node_modules', 'x', 'index.js'), 'module.exports = 1;\n');

  it('lists the repository\'s own files, sorted, without .git and node_modules', () => {
    expect(directoryRepositoryFiles(root).list()).toEqual(['logo.png', 'src/a.ts']);
  });

  it('reads text, refuses binaries, and gives sizes', () => {
    const files = directoryRepositoryFiles(root);
    expect(files.read('src/a.ts')).toBe('export const a = 1;\n');
    expect(files.read('logo.png')).toBeUndefined();
    expect(files.size('logo.png')).toBe(6);
  });
});
