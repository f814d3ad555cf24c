import { record, text, isoDate, type RegistrySpec } from './types.js';

/**
 * RubyGems.org's API v2 for one version (`GET /api/v2/rubygems/<name>/versions/<version>.json`).
 * https://guides.rubygems.org/rubygems-org-api-v2/
 */
export const rubygemsRegistry: RegistrySpec = {
  name: 'rubygems',
  purlType: 'gem',
  defaultBaseUrl: 'https://rubygems.org',
  documentation: 'https://guides.rubygems.org/rubygems-org-api-v2/',
  accept: 'application/json',
  url: (base, pkg) => `${base}/api/v2/rubygems/${encodeURIComponent(pkg.name)}/versions/${encodeURIComponent(pkg.version)}.json`,
  reduce(body) {
    const gem = record(JSON.parse(body));
    return { licenses: Array.isArray(gem.licenses) ? gem.licenses.filter((l): l is string => typeof l === 'string') : [], created: text(gem.version_created_at) ?? text(gem.created_at) };
  },
  answer(reduced) {
    const gem = record(reduced);
    const released = isoDate(gem.created);
    return { facts: { licenses: (gem.licenses as string[]) ?? [], ...(released ? { releaseDate: released } : {}) } };
  },
};
