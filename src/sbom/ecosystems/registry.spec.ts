import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { ECOSYSTEMS } from './index.js';

const here = path.dirname(fileURLToPath(import.meta.url));

describe('ecosystem registry', () => {
  it('registers every ecosystem folder, under the folder name', () => {
    const folders = readdirSync(here).filter((name) => statSync(path.join(here, name)).isDirectory()).sort();
    expect(ECOSYSTEMS.map((ecosystem) => ecosystem.id).sort()).toEqual(folders);
  });

  it('gives each lockfile name to one ecosystem only', () => {
    const names = ECOSYSTEMS.flatMap((ecosystem) => ecosystem.lockfileNames);
    expect(new Set(names).size).toBe(names.length);
  });
});
