import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { FIXTURES } from '../../../test/support/cli.js';
import { ChainwardError } from '../../common/errors.js';
import { parseSbom } from './read-sbom.js';

/** Real documents, mutated: whatever comes in, parseSbom answers with a graph or a typed bad-input error. */
const SEEDS = ['syft/sca-lab.syft.spdx.json', 'trivy/repository-no-packages.trivy.spdx.json', 'cdxgen/bookstack-lock-v1.cdx.json'].map((file) => readFileSync(path.join(FIXTURES, 'sbom', file), 'utf8'));
const XML_SEED = `<?xml version="1.0" encoding="UTF-8"?>
<bom xmlns="http://cyclonedx.org/schema/bom/1.6" version="1"><metadata><component type="application" bom-ref="pkg:npm/app@1.0.0"><name>app</name><purl>pkg:npm/app@1.0.0</purl></component></metadata>
<components><component type="library" bom-ref="pkg:npm/a@1.0.0"><name>a</name><version>1.0.0</version><licenses><license><id>MIT</id></license></licenses><purl>pkg:npm/a@1.0.0</purl></component></components>
<dependencies><dependency ref="pkg:npm/app@1.0.0"><dependency ref="pkg:npm/a@1.0.0"/></dependency></dependencies></bom>`;

function mutate(text: string, cuts: Array<{ at: number; remove: number; insert: string }>): string {
  let result = text;
  for (const cut of cuts) {
    const at = Math.floor(cut.at * result.length);
    result = result.slice(0, at) + cut.insert + result.slice(at + cut.remove);
  }
  return result;
}

const mutation = fc.array(fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), remove: fc.nat(40), insert: fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('{', '}', '[', ']', '"', ',', ':', 'null', '<', '>', '</component>', '"purl":', '"spdxVersion":"SPDX-2.3"')) }), { minLength: 1, maxLength: 6 });

describe('parseSbom under mutation', () => {
  it('never throws anything but a bad-input ChainwardError, for JSON and XML documents', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SEEDS, XML_SEED), mutation, (seed, cuts) => {
        try {
          const imported = parseSbom({ path: 'fuzzed', text: mutate(seed, cuts) });
          expect(imported.graph.components).toBeInstanceOf(Map);
        } catch (error) {
          if (!(error instanceof ChainwardError) || error.category !== 'bad-input') throw error;
        }
      }),
      { numRuns: 300, seed: 20261125 },
    );
  });

  it('reads documents whose fields have the wrong types without crashing', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 3 }), fc.constantFrom('components', 'metadata', 'dependencies', 'packages', 'relationships', 'hasExtractedLicensingInfos', 'creationInfo'), (value, field) => {
        const cdx = { bomFormat: 'CycloneDX', specVersion: '1.6', [field]: value };
        const spdx = { spdxVersion: 'SPDX-2.3', SPDXID: 'SPDXRef-DOCUMENT', [field]: value };
        for (const document of [cdx, spdx]) expect(parseSbom({ path: 'typed', text: JSON.stringify(document) }).graph.components).toBeInstanceOf(Map);
      }),
      { numRuns: 300, seed: 20261125 },
    );
  });
});
