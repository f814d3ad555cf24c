import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { SECRET_PATTERNS } from './secret-patterns.js';

const documentation = readFileSync(fileURLToPath(new URL('../../../policies/secret-patterns.md', import.meta.url)), 'utf8');

describe('shipped secret patterns', () => {
  it('are documented in policies/secret-patterns.md, pattern for pattern', () => {
    const documented = [...documentation.matchAll(/^\| `([a-z0-9-]+)` \| (.+?) \| `(.+)` \| (.*) \| (yes|no) \|$/gm)].map((m) => ({
      id: m[1],
      description: m[2],
      regex: (m[3] as string).replace(/\\\|/g, '|'),
      keywords: [...(m[4] as string).matchAll(/`([^`]+)`/g)].map((k) => k[1]),
      mask: m[5] === 'yes',
    }));
    expect(documented).toEqual(SECRET_PATTERNS.map((p) => ({ id: p.id, description: p.description, regex: p.regex.source, keywords: [...p.keywords], mask: p.mask })));
  });

  it('have lower-case keywords, since files are searched in lower case', () => {
    expect(SECRET_PATTERNS.flatMap((p) => p.keywords.filter((k) => k !== k.toLowerCase()))).toEqual([]);
  });
});
