import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { ChainwardError } from '../../../common/errors.js';
import { parseGoProject } from './parse-project.js';

const FIXTURES = new URL('../../../../test/fixtures/gomod/gh-cli-2023/', import.meta.url);
const GO_MOD = readFileSync(new URL('go.mod', FIXTURES), 'utf8');
const GO_SUM = readFileSync(new URL('go.sum', FIXTURES), 'utf8');

/** A real file cut, spliced with random text, or with a slice removed. */
const mutated = (text: string) =>
  fc.oneof(
    fc.nat({ max: text.length }).map((end) => text.slice(0, end)),
    fc.tuple(fc.nat({ max: text.length }), fc.string({ maxLength: 12, unit: 'binary' })).map(([at, insert]) => text.slice(0, at) + insert + text.slice(at)),
    fc.tuple(fc.nat({ max: text.length }), fc.nat({ max: 40 })).map(([at, length]) => text.slice(0, at) + text.slice(at + length)),
    fc.tuple(fc.nat({ max: text.length }), fc.constantFrom('(', ')', '"', '`', '//', '/*', '=>', '\n', ' v', '\t')).map(([at, insert]) => text.slice(0, at) + insert + text.slice(at)),
  );

/** Only a typed bad-input error naming the file may come out; never a crash. */
function parsesOrRefuses(goMod: string, goSum: string): void {
  try {
    const graph = parseGoProject({ lockfile: { path: 'go.mod', text: goMod }, manifests: [{ path: 'go.sum', text: goSum }] });
    expect(graph.roots).toHaveLength(1);
  } catch (error) {
    expect(error).toBeInstanceOf(ChainwardError);
    expect((error as ChainwardError).category).toBe('bad-input');
    expect(['go.mod', 'go.sum']).toContain((error as ChainwardError).location?.file);
  }
}

describe('gomod fuzzing from the real cli/cli files', () => {
  it('mutated go.mod: a graph or a bad-input error, nothing else', () => {
    fc.assert(fc.property(mutated(GO_MOD), (goMod) => parsesOrRefuses(goMod, GO_SUM)), { numRuns: 200 });
  });

  it('mutated go.sum: a graph or a bad-input error, nothing else', () => {
    fc.assert(fc.property(mutated(GO_SUM), (goSum) => parsesOrRefuses(GO_MOD, goSum)), { numRuns: 200 });
  });
});
