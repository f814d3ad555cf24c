import { describe, expect, it } from '@jest/globals';
import { MAX_YAML_BYTES, parseYamlFile, topLevelKeyPosition } from './parse-yaml.js';

describe('parseYamlFile', () => {
  it('keeps every scalar a string and gives positions of top-level keys', () => {
    const parsed = parseYamlFile({ path: 'a.yaml', text: '# note\nversion: 1.10\nflag: true\n' }, 'a.yaml');
    expect(parsed.value).toEqual({ version: '1.10', flag: 'true' });
    expect(topLevelKeyPosition(parsed, 'flag')).toEqual({ line: 3, column: 1 });
    expect(topLevelKeyPosition(parsed, 'absent')).toBeUndefined();
  });

  it('reports a duplicate key with its line and column', () => {
    expect(() => parseYamlFile({ path: 'dir/a.yaml', text: 'a: 1\nb: 2\na: 3\n' }, 'a.yaml')).toThrow(
      expect.objectContaining({ code: 'SBOM_MALFORMED_FILE', category: 'bad-input', location: { file: 'dir/a.yaml', line: 3, column: 1 } }),
    );
  });

  it('refuses a document over the size limit without parsing it', () => {
    const text = `a: ${'x'.repeat(MAX_YAML_BYTES)}`;
    expect(() => parseYamlFile({ path: 'big.yaml', text }, 'big.yaml')).toThrow(expect.objectContaining({ code: 'SBOM_FILE_TOO_LARGE', category: 'bad-input' }));
  });
});
