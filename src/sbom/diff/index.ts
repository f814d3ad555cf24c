/** Comparing two SBOMs of any format by package identity. */
export { diffSboms, isEmptyDiff, type PackageRef, type SbomDiff } from './diff-sboms.js';
export { formatSbomDiff, sbomDiffJson } from './format-diff.js';
