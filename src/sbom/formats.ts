/** The SBOM formats Chainward writes: CycloneDX (JSON, XML) and SPDX 2.3 JSON. */
export type SbomFormat = 'cyclonedx-json' | 'cyclonedx-xml' | 'spdx-json';

export const SBOM_FORMATS: readonly SbomFormat[] = ['cyclonedx-json', 'cyclonedx-xml', 'spdx-json'];

/** The SPDX version `spdx-json` documents are written in. */
export const SPDX_VERSION = '2.3';
