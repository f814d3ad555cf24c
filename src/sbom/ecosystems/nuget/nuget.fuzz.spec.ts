import { readFileSync } from 'node:fs';
import { describe, it } from '@jest/globals';
import { assertOnlyTypedErrors } from '../../../../test/support/fuzz-mutations.js';
import { parseNuGetProject } from './parse-project.js';

const FIXTURE = new URL('../../../../test/fixtures/nuget/bitwarden-server-core-2026/', import.meta.url);
const lockText = readFileSync(new URL('packages.lock.json', FIXTURE), 'utf8');
const projectText = readFileSync(new URL('Core.csproj', FIXTURE), 'utf8');

describe('nuget parser under mutated real input', () => {
  it('turns a damaged packages.lock.json into a graph or a bad-input error, never a crash', () => {
    assertOnlyTypedErrors(lockText, (text) => parseNuGetProject({ lockfile: { path: 'packages.lock.json', text }, manifests: [{ path: 'Core.csproj', text: projectText }] }));
  });

  it('does the same for a damaged project file, read with the lockfile and alone', () => {
    assertOnlyTypedErrors(projectText, (text) => parseNuGetProject({ lockfile: { path: 'packages.lock.json', text: lockText }, manifests: [{ path: 'Core.csproj', text }] }));
    assertOnlyTypedErrors(projectText, (text) => parseNuGetProject({ lockfile: { path: 'Core.csproj', text }, manifests: [] }));
  });
});
