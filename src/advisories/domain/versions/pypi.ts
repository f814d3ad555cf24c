/**
 * PyPI versions: PEP 440 with `@renovatebot/pep440` (a port of `packaging.version`):
 * epochs (`1!1.0` > `2.0`), dev < pre (a/b/rc) < release < post releases, local
 * versions (`1.0+local` > `1.0`), and leading zeros are insignificant
 * (`2015.04.28` == `2015.4.28`).
 */
import * as pep440 from '@renovatebot/pep440';
import { orderingFrom } from './types.js';

export const pypiOrdering = orderingFrom<string>({
  name: 'PyPI',
  parse: (version) => (pep440.valid(version) === null ? undefined : version),
  compareParsed: (a, b) => pep440.compare(a, b),
  // `clean` joins local segments with commas; `explain` gives the parts to rebuild PEP 440's normal form.
  format: (version) => {
    const parts = pep440.explain(version);
    if (!parts) return version;
    return parts.local ? `${parts.public}+${parts.local}` : parts.public;
  },
});
