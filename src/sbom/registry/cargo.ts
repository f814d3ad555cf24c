import { record, text, isoDate, type RegistrySpec } from './types.js';

/**
 * crates.io's API for one version (`GET /api/v1/crates/<name>/<version>`); it
 * requires a User-Agent, which the shell always sends.
 * https://crates.io/data-access
 */
export const cargoRegistry: RegistrySpec = {
  name: 'cargo',
  purlType: 'cargo',
  defaultBaseUrl: 'https://crates.io',
  documentation: 'https://crates.io/data-access#api',
  accept: 'application/json',
  url: (base, pkg) => `${base}/api/v1/crates/${encodeURIComponent(pkg.name)}/${encodeURIComponent(pkg.version)}`,
  reduce(body) {
    const version = record(record(JSON.parse(body)).version);
    return { license: text(version.license), created_at: text(version.created_at) };
  },
  answer(reduced) {
    const version = record(reduced);
    const license = text(version.license);
    const released = isoDate(version.created_at);
    return { facts: { licenses: license ? [license] : [], ...(released ? { releaseDate: released } : {}) } };
  },
};
