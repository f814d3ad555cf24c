/**
 * Go module versions: semantic versions with a `v` prefix (OSV writes them without
 * it, lockfiles with it; both are accepted).
 *
 * - Pseudo-versions (`v0.0.0-20210101000000-abcdef123456`, `v1.2.4-0.2021…-abc`) are
 *   SemVer pre-releases built so that SemVer precedence is their real order: below the
 *   release they precede, above the one they were derived from.
 * - `+incompatible` is build metadata, ignored by precedence (`v2.0.0+incompatible` = `v2.0.0`).
 * - `v1` and `v1.2` are Go's shorthands for `v1.0.0` and `v1.2.0`.
 * - Toolchain versions of the `stdlib` package (`go1.21.3`, `go1.21rc2`) map to
 *   `1.21.3` and `1.21.0-rc.2`, the conversion the Go vulnerability database uses.
 */
import semver from 'semver';
import { orderingFrom } from './types.js';

const TOOLCHAIN = /^go(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:(beta|rc)(\d+))?$/;
const SHORTHAND = /^v?(\d+)(?:\.(\d+))?$/;

function toSemver(version: string): string {
  const toolchain = TOOLCHAIN.exec(version);
  if (toolchain) {
    const [, major, minor = '0', patch = '0', pre, preNumber] = toolchain;
    return `${major}.${minor}.${patch}${pre ? `-${pre}.${preNumber}` : ''}`;
  }
  const shorthand = SHORTHAND.exec(version);
  if (shorthand) return `${shorthand[1]}.${shorthand[2] ?? '0'}.0`;
  return version.startsWith('v') ? version.slice(1) : version;
}

export const goOrdering = orderingFrom<semver.SemVer>({
  name: 'Go',
  parse: (version) => (/\s/.test(version) ? undefined : (semver.parse(toSemver(version), { loose: false }) ?? undefined)),
  compareParsed: (a, b) => a.compare(b),
  // Keeps `+incompatible`: it is part of the module version's name, though not of its order.
  format: (parsed) => `v${parsed.version}${parsed.build.length > 0 ? `+${parsed.build.join('.')}` : ''}`,
});
