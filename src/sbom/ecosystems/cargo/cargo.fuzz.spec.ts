import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { ChainwardError } from '../../../common/errors.js';
import { parseCargoProject } from './parse-project.js';

const FIXTURES = new URL('../../../../test/fixtures/cargo/', import.meta.url);
const read = (name: string, file: string) => readFileSync(new URL(`${name}/${file}`, FIXTURES), 'utf8');

/** A real file cut, spliced with random text, or with a slice removed. */
const mutated = (text: string) =>
  fc.oneof(
    fc.nat({ max: text.length }).map((end) => text.slice(0, end)),
    fc.tuple(fc.nat({ max: text.length }), fc.string({ maxLength: 12, unit: 'binary' })).map(([at, insert]) => text.slice(0, at) + insert + text.slice(at)),
    fc.tuple(fc.nat({ max: text.length }), fc.nat({ max: 60 })).map(([at, length]) => text.slice(0, at) + text.slice(at + length)),
    fc.tuple(fc.nat({ max: text.length }), fc.constantFrom('[', ']]', '"', '=', '{', '\n[[package]]\n', ' (', 'version = 4\n')).map(([at, insert]) => text.slice(0, at) + insert + text.slice(at)),
  );

function parsesOrRefuses(lock: string, manifest: string): void {
  try {
    const graph = parseCargoProject({ lockfile: { path: 'Cargo.lock', text: lock }, manifests: [{ path: 'Cargo.toml', text: manifest }] });
    expect(graph.components.size).toBeGreaterThan(0);
  } catch (error) {
    expect(error).toBeInstanceOf(ChainwardError);
    expect((error as ChainwardError).category).toBe('bad-input');
    expect(['Cargo.lock', 'Cargo.toml']).toContain((error as ChainwardError).location?.file);
  }
}

describe('cargo fuzzing from the real ripgrep files', () => {
  it.each(['ripgrep-cargo-lock-v1', 'ripgrep-cargo-lock-v4'])('%s: mutated Cargo.lock gives a graph or a bad-input error', (name) => {
    const manifest = read(name, 'Cargo.toml');
    fc.assert(fc.property(mutated(read(name, 'Cargo.lock')), (lock) => parsesOrRefuses(lock, manifest)), { numRuns: 120 });
  });

  it('mutated Cargo.toml gives a graph or a bad-input error', () => {
    const lock = read('ripgrep-cargo-lock-v4', 'Cargo.lock');
    fc.assert(fc.property(mutated(read('ripgrep-cargo-lock-v4', 'Cargo.toml')), (manifest) => parsesOrRefuses(lock, manifest)), { numRuns: 120 });
  });

  it('refuses deeply nested inline tables instead of exhausting the stack', () => {
    const deep = `[package]\nname = "a"\nversion = "1.0.0"\n[dependencies]\nx = ${'{ a = '.repeat(5000)}1${' }'.repeat(5000)}\n`;
    expect(() => parsesOrRefuses(read('ripgrep-cargo-lock-v4', 'Cargo.lock'), deep)).not.toThrow();
  });
});
