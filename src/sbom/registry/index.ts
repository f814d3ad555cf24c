/** Registry metadata for components whose lockfile says nothing of their licence (`--licenses registry`). */
export { addRegistryFacts, type RegistryClientOptions, type RegistryReport } from './fetch-registry-facts.js';
export { applyRegistryFacts, planRegistryLookups, REGISTRIES, type RegistryLookup } from './plan.js';
export type { RegistryFacts, RegistryPackage, RegistrySpec } from './types.js';
