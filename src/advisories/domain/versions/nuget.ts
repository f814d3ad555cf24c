/**
 * NuGet versions, compared as NuGet.Versioning's `VersionComparer.Default` does:
 * one to four numeric parts (`1.2.3.4`; missing parts are 0, leading zeros allowed),
 * a release (no label) above its pre-releases, pre-release labels compared part by
 * part case-insensitively (numeric parts numerically and below alphanumeric ones,
 * more parts above fewer), build metadata ignored.
 *
 * Written here because no maintained npm package implements NuGet's comparer
 * (SemVer libraries reject 4-part versions and compare labels case-sensitively).
 */
import { orderingFrom } from './types.js';

interface NuGetVersion {
  numbers: [bigint, bigint, bigint, bigint];
  labels: string[];
}

const IDENTIFIERS = '[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*';
const PATTERN = new RegExp(`^(\\d+)(?:\\.(\\d+))?(?:\\.(\\d+))?(?:\\.(\\d+))?(?:-(${IDENTIFIERS}))?(?:\\+(${IDENTIFIERS}))?$`);

function parse(version: string): NuGetVersion | undefined {
  const match = PATTERN.exec(version.trim());
  if (!match) return undefined;
  // Build metadata (the last group) takes no part in the order.
  const [, major, minor = '0', patch = '0', revision = '0', labels] = match;
  return {
    numbers: [BigInt(major as string), BigInt(minor), BigInt(patch), BigInt(revision)],
    labels: labels ? labels.split('.') : [],
  };
}

const NUMERIC = /^\d+$/;

function compareLabel(a: string, b: string): number {
  const aNumeric = NUMERIC.test(a);
  const bNumeric = NUMERIC.test(b);
  if (aNumeric && bNumeric) return Number(BigInt(a) - BigInt(b));
  if (aNumeric !== bNumeric) return aNumeric ? -1 : 1;
  // StringComparer.OrdinalIgnoreCase: ordinal comparison of the upper-cased strings.
  const upperA = a.toUpperCase();
  const upperB = b.toUpperCase();
  return upperA < upperB ? -1 : upperA > upperB ? 1 : 0;
}

function compare(a: NuGetVersion, b: NuGetVersion): number {
  for (let i = 0; i < 4; i++) {
    if (a.numbers[i] !== b.numbers[i]) return (a.numbers[i] as bigint) < (b.numbers[i] as bigint) ? -1 : 1;
  }
  const aRelease = a.labels.length === 0;
  const bRelease = b.labels.length === 0;
  if (aRelease || bRelease) return aRelease === bRelease ? 0 : aRelease ? 1 : -1;
  for (let i = 0; i < Math.max(a.labels.length, b.labels.length); i++) {
    const left = a.labels[i];
    const right = b.labels[i];
    if (left === undefined) return -1;
    if (right === undefined) return 1;
    const result = compareLabel(left, right);
    if (result !== 0) return result;
  }
  return 0;
}

/** NuGet's normalized form: no leading zeros, a zero revision dropped, metadata dropped. */
function format(version: NuGetVersion): string {
  const [major, minor, patch, revision] = version.numbers;
  const numbers = revision === 0n ? [major, minor, patch] : [major, minor, patch, revision];
  return `${numbers.join('.')}${version.labels.length > 0 ? `-${version.labels.join('.')}` : ''}`;
}

export const nugetOrdering = orderingFrom({ name: 'NuGet', parse, compareParsed: compare, format });
