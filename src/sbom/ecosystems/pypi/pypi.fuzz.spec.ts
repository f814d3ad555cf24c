/**
 * Mutated real files in, only typed parse errors out: every parser either
 * returns a graph or throws a bad-input ChainwardError (with the file named),
 * never a TypeError, a RangeError or a hang.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { ChainwardError } from '../../../common/errors.js';
import type { TextFile } from '../types.js';
import { parsePythonProject } from './parse-project.js';

const FIXTURES = new URL('../../../../test/fixtures/pypi/', import.meta.url);
const read = (file: string, as: string): TextFile => ({ path: as, text: readFileSync(new URL(file, FIXTURES), 'utf8') });

/** Characters that matter to these formats, so mutations hit the grammar rather than only names. */
const SYNTAX = fc.constantFrom('[', ']', '{', '}', '"', "'", '=', ',', '\n', '\\', '#', ';', '@', ' ', '-r x.txt\n', '[[package]]\n', '==', '\uFEFF');

const mutation = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  remove: fc.nat({ max: 40 }),
  insert: fc.array(fc.oneof(SYNTAX, fc.string({ maxLength: 6 })), { maxLength: 4 }).map((parts) => parts.join('')),
});

function mutate(text: string, changes: Array<{ at: number; remove: number; insert: string }>): string {
  let result = text;
  for (const change of changes) {
    const position = Math.floor(change.at * result.length);
    result = result.slice(0, position) + change.insert + result.slice(position + change.remove);
  }
  return result;
}

const CASES: Array<{ name: string; lockfile: TextFile; manifests: TextFile[] }> = [
  { name: 'poetry.lock 1.1', lockfile: read('poetry-lock-1.1/poetry.lock', 'poetry.lock'), manifests: [read('poetry-lock-1.1/pyproject.toml', 'pyproject.toml')] },
  { name: 'uv.lock', lockfile: read('pydantic-uv-2025-01/uv.lock', 'uv.lock'), manifests: [read('pydantic-uv-2025-01/pyproject.toml', 'pyproject.toml')] },
  { name: 'Pipfile.lock', lockfile: read('pipenv-pipfile-2023/Pipfile.lock', 'Pipfile.lock'), manifests: [read('pipenv-pipfile-2023/Pipfile', 'Pipfile')] },
  {
    name: 'requirements',
    lockfile: read('warehouse-requirements-2023/requirements/main.txt', 'requirements/main.txt'),
    manifests: [{ path: 'requirements/base.txt', text: '-r main.txt\nsix==1.16.0\n' }],
  },
  { name: 'pyproject.toml', lockfile: read('poetry-lock-2.1/pyproject.toml', 'pyproject.toml'), manifests: [] },
];

describe('PyPI parsers on mutated real files', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s: a graph or a bad-input error naming the file', (_name, fixture) => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 3 }), (changes) => {
        const lockfile = { ...fixture.lockfile, text: mutate(fixture.lockfile.text, changes) };
        // Mutate the manifest too, now and then, since it is parsed as well.
        const manifests = fixture.manifests.map((m, i) => (changes.length > i + 1 ? { ...m, text: mutate(m.text, changes.slice(i + 1)) } : m));
        try {
          const graph = parsePythonProject({ lockfile, manifests });
          for (const [from, targets] of graph.edges) {
            if (!graph.components.has(from)) return false;
            for (const to of targets) if (!graph.components.has(to)) return false;
          }
          return true;
        } catch (error) {
          if (!(error instanceof ChainwardError)) throw error;
          return error.category === 'bad-input' && [lockfile.path, ...manifests.map((m) => m.path)].includes(error.location?.file ?? '');
        }
      }),
      { numRuns: 60, seed: 20260821 },
    );
  });

  it('keeps a hostile requirements file to a bounded report: 50,000 unknown options joined into one line', () => {
    const text = `six==1.16.0 ${'--bogus \\\n'.repeat(50_000)}\n`;
    const graph = parsePythonProject({ lockfile: { path: 'requirements.txt', text }, manifests: [] });
    expect(graph.components.has('pkg:pypi/six@1.16.0')).toBe(true);
    expect(graph.warnings).toHaveLength(201);
    expect(graph.warnings[200].message).toBe('more than 200 problems; the rest are not listed');
    expect(graph.warnings[199].message).toBe('requirements.txt:200:1: option --bogus is not one pip accepts after a requirement; ignored');
  });

  it('refuses absurd TOML nesting as bad input', () => {
    const deep = `x = ${'['.repeat(5000)}${']'.repeat(5000)}\n`;
    expect(() => parsePythonProject({ lockfile: { path: 'pyproject.toml', text: deep }, manifests: [] })).toThrow(ChainwardError);
  });
});
