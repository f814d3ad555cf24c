/**
 * RubyGems versions, ordered as `Gem::Version#<=>` orders them: any number of segments
 * (`2.2.8.1`), a segment with a letter makes a pre-release (`4.0.0.rc.1` < `4.0.0`),
 * trailing zero segments are insignificant, a string segment sorts below a number.
 *
 * `@renovatebot/ruby-semver` (a port of Gem::Version) validates and splits the version.
 * The comparison itself is the few lines of Ruby's `<=>` over the canonical segments:
 * the port compares segments with `localeCompare`, which orders letters unlike Ruby's
 * byte-wise `String#<=>` (`1.0.RC1` < `1.0.beta` in Ruby) and builds a collator on every call.
 */
import { Version, type SegmentElement } from '@renovatebot/ruby-semver/dist/ruby/version.js';
import { orderingFrom } from './types.js';

interface GemVersion {
  text: string;
  /** Ruby's `canonical_segments`: numeric and string parts, each without trailing zeros. */
  segments: SegmentElement[];
}

function dropTrailingZeros(segments: SegmentElement[]): SegmentElement[] {
  let end = segments.length;
  while (end > 0 && segments[end - 1] === 0) end--;
  return segments.slice(0, end);
}

function parse(version: string): GemVersion | undefined {
  // Gem::Version reads an empty string as "0"; a version that says nothing is refused here.
  if (version.trim() === '' || !Version.isCorrect(version)) return undefined;
  const [numeric, strings] = new Version(version).splitSegments();
  return { text: version.trim(), segments: [...dropTrailingZeros(numeric), ...dropTrailingZeros(strings)] };
}

function compare(a: GemVersion, b: GemVersion): number {
  const limit = Math.max(a.segments.length, b.segments.length);
  for (let i = 0; i < limit; i++) {
    const left = a.segments[i] ?? 0;
    const right = b.segments[i] ?? 0;
    if (left === right) continue;
    if (typeof left === 'string' && typeof right === 'number') return -1;
    if (typeof left === 'number' && typeof right === 'string') return 1;
    return left < right ? -1 : 1;
  }
  return 0;
}

export const rubyGemsOrdering = orderingFrom<GemVersion>({ name: 'RubyGems', parse, compareParsed: compare, format: (parsed) => parsed.text });
