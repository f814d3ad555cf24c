import { describe, expect, it } from '@jest/globals';
import { ORDERED_ECOSYSTEMS } from '../ecosystems.js';
import { ECOSYSTEM_ORDERINGS, ecosystemOrdering } from './registry.js';

describe('ecosystemOrdering', () => {
  it('has one ordering per ordered ecosystem, named after it', () => {
    expect(Object.keys(ECOSYSTEM_ORDERINGS).sort()).toEqual([...ORDERED_ECOSYSTEMS].sort());
    for (const name of ORDERED_ECOSYSTEMS) expect(ecosystemOrdering(name)?.name).toBe(name);
  });

  it('reads a suffixed ecosystem by its base and ignores case', () => {
    expect(ecosystemOrdering('Maven:https://repo.maven.apache.org/maven2')?.name).toBe('Maven');
    expect(ecosystemOrdering('pypi')?.name).toBe('PyPI');
    expect(ecosystemOrdering('CRATES.IO')?.name).toBe('crates.io');
  });

  it('has no ordering for ecosystems it does not know', () => {
    expect(ecosystemOrdering('Debian:12')).toBeUndefined();
    expect(ecosystemOrdering('purl-type:swift')).toBeUndefined();
    expect(ecosystemOrdering('')).toBeUndefined();
  });
});
