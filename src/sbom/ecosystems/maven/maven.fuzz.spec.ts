import { readFileSync } from 'node:fs';
import { describe, it } from '@jest/globals';
import fc from 'fast-check';
import { mutationsOf, onlyTypedErrors } from './__fixtures__/mutations.js';
import { parseMavenProject } from './parse-project.js';

const FIXTURES = new URL('../../../../test/fixtures/maven/', import.meta.url);
const read = (file: string): string => readFileSync(new URL(file, FIXTURES), 'utf8');

describe('Maven parser under mutated real POMs', () => {
  it('gives a graph or a bad-input error naming the file, never a crash', async () => {
    const top = read('macrozheng-mall/pom.xml');
    const module = read('macrozheng-mall/mall-portal/pom.xml');
    await fc.assert(
      fc.asyncProperty(mutationsOf(top), mutationsOf(module), (topText, moduleText) =>
        onlyTypedErrors(['pom.xml', 'mall-portal/pom.xml'], () =>
          parseMavenProject({ lockfile: { path: 'pom.xml', text: topText }, manifests: [{ path: 'mall-portal/pom.xml', text: moduleText }] }),
        ),
      ),
      { numRuns: 300 },
    );
  });
});
