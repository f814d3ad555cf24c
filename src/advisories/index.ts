/** Public entry of the advisories module: OSV parsing, per-ecosystem version ordering, matching and CVSS. */
export * from './domain/index.js';
