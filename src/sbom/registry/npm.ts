import { record, text, isoDate, type RegistrySpec } from './types.js';

/**
 * The npm registry's packument (`GET /<name>`, scoped names as `@scope%2fname`):
 * one document per package with every version's `license` and `deprecated`
 * and the `time` each was published — the single request that answers all
 * three facts for every version of the name in the graph. The version document
 * (`/<name>/<version>`) is smaller but has no publication time.
 * https://github.com/npm/registry/blob/main/docs/REGISTRY-API.md
 */
export const npmRegistry: RegistrySpec = {
  name: 'npm',
  purlType: 'npm',
  defaultBaseUrl: 'https://registry.npmjs.org',
  documentation: 'https://github.com/npm/registry/blob/main/docs/REGISTRY-API.md#getpackage',
  accept: 'application/json',
  url: (base, pkg) => `${base}/${pkg.namespace ? `${encodeURIComponent(pkg.namespace)}%2f` : ''}${encodeURIComponent(pkg.name)}`,
  reduce(body) {
    const packument = record(JSON.parse(body));
    const versions: Record<string, { license?: unknown; deprecated?: string }> = {};
    for (const [version, manifest] of Object.entries(record(packument.versions))) {
      const entry = record(manifest);
      const license = entry.license ?? entry.licenses;
      versions[version] = {
        ...(license !== undefined ? { license } : {}),
        // An empty `deprecated` is how npm un-deprecates a version.
        ...(text(entry.deprecated) ? { deprecated: entry.deprecated as string } : {}),
      };
    }
    return { versions, time: record(packument.time) };
  },
  answer(reduced, pkg) {
    const packument = record(reduced);
    const manifest = record(record(packument.versions)[pkg.version]);
    if (Object.keys(record(packument.versions)).length > 0 && !(pkg.version in record(packument.versions))) return { unknown: true };
    const released = isoDate(record(packument.time)[pkg.version]);
    return {
      facts: {
        licenses: licenseTexts(manifest.license),
        ...(text(manifest.deprecated) ? { deprecated: manifest.deprecated as string } : {}),
        ...(released ? { releaseDate: released } : {}),
      },
    };
  },
};

/** `"MIT"`, `{ "type": "MIT" }`, or the legacy `[{ "type": "MIT" }, ...]`. */
function licenseTexts(value: unknown): string[] {
  const entries = Array.isArray(value) ? value : [value];
  return entries.map((entry) => (typeof entry === 'string' ? text(entry) : text(record(entry).type))).filter((entry): entry is string => entry !== undefined);
}
