/**
 * Packagist (Composer) versions. Composer orders versions by normalising them
 * (`VersionParser::normalize`: `v` prefix dropped, four numeric parts, stability
 * suffixes spelled out: `1.0RC1` -> `1.0.0.0-RC1`) and comparing the normal forms
 * with PHP's `version_compare`, whose order of stabilities is
 * dev < alpha < beta < RC < (stable) < patch.
 *
 * Written here because no maintained npm package reproduces Composer's normaliser
 * and PHP's comparison; both are short, and are followed rule for rule.
 * Branch names (`dev-main`) have no order and are not valid versions here.
 */
import { orderingFrom } from './types.js';

const MODIFIER = '[._-]?(?:(stable|beta|b|RC|alpha|a|patch|pl|p)((?:[.-]?\\d+)*)?)?([.-]?dev)?';
const CLASSICAL = new RegExp(`^v?(\\d{1,5})(\\.\\d+)?(\\.\\d+)?(\\.\\d+)?${MODIFIER}$`, 'i');
const DATE_BASED = new RegExp(`^v?(\\d{4}(?:[.:-]?\\d{2}){1,6}(?:[.:-]?\\d{1,3}){0,2})${MODIFIER}$`, 'i');
const NUMERIC_BRANCH = /^v?(\d+)(\.(?:\d+|[xX*]))?(\.(?:\d+|[xX*]))?(\.(?:\d+|[xX*]))?$/;

const STABILITY_NAMES: Record<string, string> = { a: 'alpha', b: 'beta', p: 'patch', pl: 'patch', rc: 'RC' };

/** Composer's `VersionParser::normalize`, or undefined where it would throw or yield a branch. */
export function normaliseComposerVersion(input: string): string | undefined {
  let version = input.trim();
  const alias = /^([^,\s]+) +as +([^,\s]+)$/.exec(version);
  if (alias) version = alias[1] as string;
  version = version.replace(/@(?:stable|RC|beta|alpha|dev)$/i, '');
  if (/^dev-/i.test(version) || ['master', 'trunk', 'default'].includes(version)) return undefined;
  const build = /^([^,\s+]+)\+\S+$/.exec(version);
  if (build) version = build[1] as string;

  const classical = CLASSICAL.exec(version);
  const dated = classical ? undefined : DATE_BASED.exec(version);
  if (classical) {
    const [, major, minor, patch, fourth, stability, stabilityNumber, dev] = classical;
    return withModifiers(`${major}${minor ?? '.0'}${patch ?? '.0'}${fourth ?? '.0'}`, stability, stabilityNumber, dev);
  }
  if (dated) {
    const [, date, stability, stabilityNumber, dev] = dated;
    return withModifiers((date as string).replace(/\D/g, '.'), stability, stabilityNumber, dev);
  }
  // `1.0.x-dev` and `2-dev`: numeric branches, the newest state of that line.
  const devBranch = /^(.*?)[.-]?dev$/i.exec(version);
  const branch = devBranch ? NUMERIC_BRANCH.exec((devBranch[1] as string).trim()) : null;
  if (branch) {
    const parts = [1, 2, 3, 4].map((i) => (branch[i] ?? '.x').replace(/[*X]/g, 'x')).join('');
    return `${parts.replace(/x/g, '9999999')}-dev`;
  }
  return undefined;
}

function withModifiers(version: string, stability?: string, stabilityNumber?: string, dev?: string): string {
  let result = version;
  if (stability) {
    if (stability === 'stable') return result;
    const name = STABILITY_NAMES[stability.toLowerCase()] ?? stability.toLowerCase();
    result += `-${name}${stabilityNumber ? stabilityNumber.replace(/^[.-]+/, '') : ''}`;
  }
  if (dev) result += '-dev';
  return result;
}

// PHP's version_compare: special words ranked by prefix, numbers rank between RC and patch.
const SPECIAL_FORMS: [string, number][] = [
  ['dev', 0], ['alpha', 1], ['a', 1], ['beta', 2], ['b', 2], ['RC', 3], ['rc', 3], ['#', 4], ['pl', 5], ['p', 5],
];
const NUMBER_RANK = 4;

function specialRank(word: string): number {
  for (const [prefix, rank] of SPECIAL_FORMS) if (word.startsWith(prefix)) return rank;
  return -1;
}

/** php_canonicalize_version: `-`, `_`, `+` and letter/digit changes separate parts. */
function phpVersionParts(version: string): string[] {
  return version.split(/[^0-9A-Za-z]+/).flatMap((part) => part.match(/\d+|\D+/g) ?? []);
}

const isNumber = (part: string): boolean => part.charCodeAt(0) >= 48 && part.charCodeAt(0) <= 57;

/** Two runs of digits compared as the (arbitrarily large) numbers they are, without a BigInt per comparison. */
function compareDigits(x: string, y: string): number {
  const a = x.replace(/^0+(?=\d)/, '');
  const b = y.replace(/^0+(?=\d)/, '');
  if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

export function phpVersionCompare(a: string, b: string): number {
  return comparePhpVersionParts(phpVersionParts(a), phpVersionParts(b));
}

function comparePhpVersionParts(left: string[], right: string[]): number {
  const length = Math.min(left.length, right.length);
  for (let i = 0; i < length; i++) {
    const x = left[i] as string;
    const y = right[i] as string;
    let result: number;
    if (isNumber(x) && isNumber(y)) result = compareDigits(x, y);
    else if (!isNumber(x) && !isNumber(y)) result = Math.sign(specialRank(x) - specialRank(y));
    else result = isNumber(x) ? Math.sign(NUMBER_RANK - specialRank(y)) : Math.sign(specialRank(x) - NUMBER_RANK);
    if (result !== 0) return result;
  }
  // The longer one wins with a number, and otherwise by its next word's rank against a number.
  if (left.length > length) {
    const next = left[length] as string;
    return isNumber(next) ? 1 : Math.sign(specialRank(next) - NUMBER_RANK);
  }
  if (right.length > length) {
    const next = right[length] as string;
    return isNumber(next) ? -1 : Math.sign(NUMBER_RANK - specialRank(next));
  }
  return 0;
}

interface ComposerVersion {
  normalised: string;
  parts: string[];
}

export const packagistOrdering = orderingFrom<ComposerVersion>({
  name: 'Packagist',
  parse: (version) => {
    const normalised = normaliseComposerVersion(version);
    return normalised === undefined ? undefined : { normalised, parts: phpVersionParts(normalised) };
  },
  compareParsed: (a, b) => comparePhpVersionParts(a.parts, b.parts),
  format: (parsed) => parsed.normalised,
});
