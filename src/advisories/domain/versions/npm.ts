/** npm versions are SemVer 2.0, compared the way the `semver` package (npm's own) does. */
import { semverOrdering } from './semver-ordering.js';

export const npmOrdering = semverOrdering('npm');
