/** Reading SBOMs made by other tools (CycloneDX JSON/XML, SPDX JSON) into our dependency graph. */
export { parseSbom, parseSbomDocument, readSbomFile, DEFAULT_MAX_SBOM_BYTES } from './read-sbom.js';
export type { ImportedSbom } from './imported-graph.js';
