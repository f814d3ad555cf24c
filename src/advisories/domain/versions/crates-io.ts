/** crates.io versions are SemVer 2.0 (Cargo requires it), so the `semver` ordering applies. */
import { semverOrdering } from './semver-ordering.js';

export const cratesIoOrdering = semverOrdering('crates.io');
