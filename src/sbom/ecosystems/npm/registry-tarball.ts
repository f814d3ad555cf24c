import { splitNpmName } from '../../common/npm-package.js';

/** `<registry>/<name>/-/<file>.tgz`, the layout every npm registry serves tarballs at. */
const REGISTRY_TARBALL = /^https?:\/\/[^?#]+\/-\/([^/?#]+)\.tgz$/;

/** A registry tarball says nothing the purl does not; git, file and other tarball sources do. */
export function isRegistryTarball(url: string): boolean {
  return REGISTRY_TARBALL.test(url);
}

/**
 * The version in a registry tarball URL (`…/node-uuid/-/node-uuid-1.4.7.tgz` → `1.4.7`),
 * which old v1 lockfiles write in place of the version; undefined when the
 * file name does not start with the package's own name.
 */
export function versionFromRegistryTarball(packageName: string, url: string): string | undefined {
  const file = REGISTRY_TARBALL.exec(url)?.[1];
  const prefix = `${splitNpmName(packageName).name}-`;
  return file?.startsWith(prefix) && file.length > prefix.length ? file.slice(prefix.length) : undefined;
}
