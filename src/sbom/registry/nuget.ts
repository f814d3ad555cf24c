import semver from 'semver';
import { record, text, isoDate, type RegistrySpec } from './types.js';

/**
 * NuGet's registration index (`GET /v3/registration5-gz-semver2/<id>/index.json`,
 * id and version lower-case): catalog entries with `licenseExpression`,
 * `published` and `deprecation`. Large packages page their index; a page not
 * inlined is fetched next (the index names its version range).
 * https://learn.microsoft.com/nuget/api/registration-base-url-resource
 */
export const nugetRegistry: RegistrySpec = {
  name: 'nuget',
  purlType: 'nuget',
  defaultBaseUrl: 'https://api.nuget.org',
  documentation: 'https://learn.microsoft.com/en-us/nuget/api/registration-base-url-resource',
  accept: 'application/json',
  url: (base, pkg) => `${base}/v3/registration5-gz-semver2/${encodeURIComponent(pkg.name.toLowerCase())}/index.json`,
  reduce(body) {
    const document = record(JSON.parse(body));
    // An index has pages in `items`; a page fetched on its own has leaves in `items`.
    const pages = Array.isArray(document.items) && document.items.some((item) => record(item).catalogEntry !== undefined) ? [document] : Array.isArray(document.items) ? document.items : [];
    return pages.map((page) => {
      const p = record(page);
      return {
        url: text(p['@id']),
        lower: text(p.lower),
        upper: text(p.upper),
        leaves: Array.isArray(p.items)
          ? p.items.map((leaf) => {
              const entry = record(record(leaf).catalogEntry);
              const deprecation = record(entry.deprecation);
              return {
                version: text(entry.version),
                licenseExpression: text(entry.licenseExpression),
                licenseUrl: text(entry.licenseUrl),
                published: text(entry.published),
                deprecated: entry.deprecation ? (text(deprecation.message) ?? (Array.isArray(deprecation.reasons) ? deprecation.reasons.join(', ') : 'deprecated')) : undefined,
              };
            })
          : undefined,
      };
    });
  },
  answer(reduced, pkg) {
    const pages = (Array.isArray(reduced) ? reduced : []).map(record);
    const wanted = pkg.version.toLowerCase();
    for (const page of pages) {
      const leaf = (Array.isArray(page.leaves) ? page.leaves : []).map(record).find((l) => text(l.version)?.toLowerCase() === wanted);
      if (!leaf) continue;
      const license = text(leaf.licenseExpression) ?? licenseFromUrl(text(leaf.licenseUrl));
      const released = isoDate(leaf.published);
      const deprecated = text(leaf.deprecated);
      return { facts: { licenses: license ? [license] : [], ...(released ? { releaseDate: released } : {}), ...(deprecated ? { deprecated } : {}) } };
    }
    const page = pages.find((p) => p.leaves === undefined && text(p.url) && inRange(wanted, text(p.lower), text(p.upper)));
    return page ? { next: page.url as string } : { unknown: true };
  },
};

/** `https://licenses.nuget.org/MIT` carries the expression; other licence URLs name no licence. */
function licenseFromUrl(url: string | undefined): string | undefined {
  const match = url ? /^https:\/\/licenses\.nuget\.org\/(.+)$/.exec(url) : null;
  return match ? decodeURIComponent(match[1]) : undefined;
}

function inRange(version: string, lower: string | undefined, upper: string | undefined): boolean {
  const v = semver.coerce(version, { includePrerelease: true });
  const lo = lower ? semver.coerce(lower, { includePrerelease: true }) : null;
  const hi = upper ? semver.coerce(upper, { includePrerelease: true }) : null;
  // A version semver cannot read is looked for in every page, rather than in none.
  if (!v || !lo || !hi) return true;
  return semver.gte(v, lo) && semver.lte(v, hi);
}
