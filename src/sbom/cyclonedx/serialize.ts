import type * as Models from '@cyclonedx/cyclonedx-library/Models';
import * as Serialize from '@cyclonedx/cyclonedx-library/Serialize';
import * as Spec from '@cyclonedx/cyclonedx-library/Spec';
import { ChainwardError } from '../../common/errors.js';

export type CycloneDxFormat = 'cyclonedx-json' | 'cyclonedx-xml';
export type CycloneDxSpecVersion = '1.6' | '1.5';

export const CYCLONEDX_SPEC_VERSIONS: readonly CycloneDxSpecVersion[] = ['1.6', '1.5'];

function specFor(version: CycloneDxSpecVersion): typeof Spec.Spec1dot6 {
  switch (version) {
    case '1.6':
      return Spec.Spec1dot6;
    case '1.5':
      return Spec.Spec1dot5;
  }
}

/** Serialises a BOM deterministically: every list sorted, two-space indentation. */
export function serializeBom(bom: Models.Bom, format: CycloneDxFormat, specVersion: CycloneDxSpecVersion): string {
  const spec = specFor(specVersion);
  const options = { sortLists: true, space: 2 };
  switch (format) {
    case 'cyclonedx-json':
      return new Serialize.JsonSerializer(new Serialize.JSON.Normalize.Factory(spec)).serialize(bom, options) + '\n';
    case 'cyclonedx-xml':
      try {
        return new Serialize.XmlSerializer(new Serialize.XML.Normalize.Factory(spec)).serialize(bom, options) + '\n';
      } catch (error) {
        throw new ChainwardError({ code: 'SBOM_XML_UNAVAILABLE', category: 'internal', message: 'XML serialisation failed', cause: error });
      }
  }
}
