import { record, text, isoDate, type RegistrySpec } from './types.js';

/**
 * PyPI's JSON API for one release (`GET /pypi/<name>/<version>/json`).
 * The licence is read, in order, from `license_expression` (PEP 639), a short
 * one-line `license` (many projects paste the whole licence text there, which
 * is no licence name), or the `License ::` trove classifiers.
 * https://docs.pypi.org/api/json/
 */
export const pypiRegistry: RegistrySpec = {
  name: 'pypi',
  purlType: 'pypi',
  defaultBaseUrl: 'https://pypi.org',
  documentation: 'https://docs.pypi.org/api/json/#get-a-release',
  accept: 'application/json',
  url: (base, pkg) => `${base}/pypi/${encodeURIComponent(pkg.name)}/${encodeURIComponent(pkg.version)}/json`,
  reduce(body) {
    const release = record(JSON.parse(body));
    const info = record(release.info);
    const uploads = (Array.isArray(release.urls) ? release.urls : []).map((file) => isoDate(record(file).upload_time_iso_8601)).filter((date): date is string => date !== undefined);
    return {
      license_expression: text(info.license_expression),
      license: text(info.license),
      classifiers: (Array.isArray(info.classifiers) ? info.classifiers : []).filter((c): c is string => typeof c === 'string' && c.startsWith('License ::')),
      uploaded: uploads.sort()[0],
    };
  },
  answer(reduced) {
    const release = record(reduced);
    const expression = text(release.license_expression);
    const license = text(release.license);
    const fromClassifiers = (Array.isArray(release.classifiers) ? (release.classifiers as string[]) : [])
      .map((classifier) => classifier.split('::').pop()?.trim() ?? '')
      .filter((name) => name !== '' && name !== 'OSI Approved' && !/^Other\/Proprietary/.test(name));
    const licenses = expression ? [expression] : license && license.length <= 100 && !license.includes('\n') ? [license] : fromClassifiers;
    const released = text(release.uploaded);
    return { facts: { licenses, ...(released ? { releaseDate: released } : {}) } };
  },
};
