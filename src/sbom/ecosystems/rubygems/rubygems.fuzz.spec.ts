import { readFileSync } from 'node:fs';
import { describe, it } from '@jest/globals';
import { assertOnlyTypedErrors } from '../../../../test/support/fuzz-mutations.js';
import { parseRubyGemsProject } from './parse-project.js';

const FIXTURE = new URL('../../../../test/fixtures/rubygems/rubygems-org-2026/', import.meta.url);
const lockText = readFileSync(new URL('Gemfile.lock', FIXTURE), 'utf8');
const gemfileText = readFileSync(new URL('Gemfile', FIXTURE), 'utf8');

describe('rubygems parser under mutated real input', () => {
  it('turns a damaged Gemfile.lock into a graph or a bad-input error, never a crash', () => {
    assertOnlyTypedErrors(lockText, (text) => parseRubyGemsProject({ lockfile: { path: 'Gemfile.lock', text }, manifests: [{ path: 'Gemfile', text: gemfileText }] }));
  });

  it('reads any damaged Gemfile without an error (it is only read for groups)', () => {
    assertOnlyTypedErrors(gemfileText, (text) => parseRubyGemsProject({ lockfile: { path: 'Gemfile.lock', text: lockText }, manifests: [{ path: 'Gemfile', text }] }));
  });
});
