import { readFileSync } from 'node:fs';
import { describe, it } from '@jest/globals';
import { assertOnlyTypedErrors } from '../../../../test/support/fuzz-mutations.js';
import { parseComposerProject } from './parse-project.js';

const FIXTURE = new URL('../../../../test/fixtures/composer/composer/', import.meta.url);
const lockText = readFileSync(new URL('composer.lock', FIXTURE), 'utf8');
const manifestText = readFileSync(new URL('composer.json', FIXTURE), 'utf8');

describe('composer parser under mutated real input', () => {
  it('turns a damaged composer.lock into a graph or a bad-input error, never a crash', () => {
    assertOnlyTypedErrors(lockText, (text) => parseComposerProject({ lockfile: { path: 'composer.lock', text }, manifests: [{ path: 'composer.json', text: manifestText }] }));
  });

  it('does the same for a damaged composer.json', () => {
    assertOnlyTypedErrors(manifestText, (text) => parseComposerProject({ lockfile: { path: 'composer.lock', text: lockText }, manifests: [{ path: 'composer.json', text }] }));
  });
});
