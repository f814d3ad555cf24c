import { record, text, isoDate, type RegistrySpec } from './types.js';

/**
 * Packagist's metadata v2 (`GET /p2/<vendor>/<name>.json`): every tagged
 * version of one package, "minified" (each entry lists only what changed
 * from the one before, `__unset` removing a key). Several licences in one
 * entry are a choice (Composer's schema: "dual licensed"), so they join with OR.
 * https://packagist.org/apidoc#get-package-metadata-v2
 */
export const composerRegistry: RegistrySpec = {
  name: 'composer',
  purlType: 'composer',
  defaultBaseUrl: 'https://repo.packagist.org',
  documentation: 'https://packagist.org/apidoc#get-package-metadata-v2',
  accept: 'application/json',
  url: (base, pkg) => `${base}/p2/${encodeURIComponent(pkg.namespace ?? '')}/${encodeURIComponent(pkg.name)}.json`,
  reduce(body) {
    const packages = record(record(JSON.parse(body)).packages);
    const versions: Array<Record<string, unknown>> = [];
    for (const entries of Object.values(packages)) {
      let current: Record<string, unknown> = {};
      for (const entry of Array.isArray(entries) ? entries : []) {
        current = { ...current, ...record(entry) };
        for (const [key, value] of Object.entries(current)) if (value === '__unset') delete current[key];
        versions.push({ version: current.version, license: current.license, time: current.time, abandoned: current.abandoned });
      }
    }
    return versions;
  },
  answer(reduced, pkg) {
    const wanted = pkg.version.replace(/^v/, '');
    const entry = (Array.isArray(reduced) ? reduced : []).map(record).find((candidate) => text(candidate.version)?.replace(/^v/, '') === wanted);
    if (!entry) return { unknown: true };
    const licenses = Array.isArray(entry.license) ? entry.license.filter((l): l is string => typeof l === 'string') : [];
    const released = isoDate(entry.time);
    const abandoned = entry.abandoned;
    return {
      facts: {
        licenses: licenses.length > 1 ? [`(${licenses.join(' OR ')})`] : licenses,
        ...(released ? { releaseDate: released } : {}),
        ...(abandoned ? { deprecated: typeof abandoned === 'string' ? `abandoned; use ${abandoned} instead` : 'abandoned' } : {}),
      },
    };
  },
};
