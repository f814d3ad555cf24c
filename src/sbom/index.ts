/** Public entry of the SBOM module: scanning a repository and rendering CycloneDX. No framework imports. */
export { buildSbom, renderSbom, type SbomDocument, type SbomOptions } from './build-sbom.js';
export { scanRepository, type RepositoryScan, type ScanOptions } from './scan-repository.js';
export { CYCLONEDX_SPEC_VERSIONS, SBOM_FORMATS, type CycloneDxSpecVersion, type SbomFormat } from './cyclonedx/serialize.js';
export type { SbomVulnerability } from './model/vulnerability.js';
export type { ComponentNode, DependencyGraph, HashFact, LicenseFact, ComponentScope } from './model/graph.js';
export { ECOSYSTEMS } from './ecosystems/index.js';
