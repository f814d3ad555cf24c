/** Public entry of the SBOM module: scanning a repository and rendering CycloneDX. No framework imports. */
export { buildSbom, renderSbom, type SbomDocument, type SbomOptions } from './build-sbom.js';
export { scanRepository, type RepositoryScan, type ScanOptions } from './scan-repository.js';
export { CYCLONEDX_SPEC_VERSIONS, type CycloneDxSpecVersion } from './cyclonedx/serialize.js';
export { SBOM_FORMATS, type SbomFormat } from './formats.js';
export type { SbomVulnerability } from './model/vulnerability.js';
export type { ComponentNode, DependencyGraph, HashFact, LicenseFact, LicenseSource, ComponentScope } from './model/graph.js';
export { ECOSYSTEMS } from './ecosystems/index.js';
export { parseSbom, parseSbomDocument, readSbomFile, DEFAULT_MAX_SBOM_BYTES, type ImportedSbom } from './import/index.js';
export { diffSboms, isEmptyDiff, formatSbomDiff, sbomDiffJson, type SbomDiff } from './diff/index.js';
export { licenseFact, licensesFromPackageJsonField } from './licenses/normalize.js';
export { addRegistryFacts, REGISTRIES, type RegistryClientOptions, type RegistryReport } from './registry/index.js';
