import { readFileSync } from 'node:fs';
import { describe, it } from '@jest/globals';
import fc from 'fast-check';
import { mutationsOf, onlyTypedErrors } from '../maven/__fixtures__/mutations.js';
import { parseGradleProject } from './parse-project.js';

const FIXTURES = new URL('../../../../test/fixtures/gradle/', import.meta.url);
const read = (file: string): string => readFileSync(new URL(file, FIXTURES), 'utf8');
// The verification metadata is large: mutate a slice of it (a few hundred components) to keep runs quick.
const VERIFICATION = read('grapheneos-auditor/gradle/verification-metadata.xml');
const VERIFICATION_SLICE = `${VERIFICATION.slice(0, VERIFICATION.indexOf('<component group="androidx.core"'))}</components>\n</verification-metadata>\n`;

describe('Gradle parsers under mutated real files', () => {
  it('lockfile with catalog and verification metadata: a graph or a bad-input error, never a crash', async () => {
    await fc.assert(
      fc.asyncProperty(
        mutationsOf(read('jabref/gradle.lockfile')),
        mutationsOf(read('retrofit/gradle/libs.versions.toml')),
        mutationsOf(VERIFICATION_SLICE),
        (lockfile, catalog, verification) =>
          onlyTypedErrors(['gradle.lockfile', 'gradle/libs.versions.toml', 'gradle/verification-metadata.xml'], () =>
            parseGradleProject({
              lockfile: { path: 'gradle.lockfile', text: lockfile },
              manifests: [
                { path: 'gradle/libs.versions.toml', text: catalog },
                { path: 'gradle/verification-metadata.xml', text: verification },
              ],
            }),
          ),
      ),
      { numRuns: 200 },
    );
  });

  it('catalog alone: a graph or a bad-input error, never a crash', async () => {
    await fc.assert(
      fc.asyncProperty(mutationsOf(read('retrofit/gradle/libs.versions.toml')), (catalog) =>
        onlyTypedErrors(['gradle/libs.versions.toml'], () => parseGradleProject({ lockfile: { path: 'gradle/libs.versions.toml', text: catalog }, manifests: [] })),
      ),
      { numRuns: 300 },
    );
  });
});
