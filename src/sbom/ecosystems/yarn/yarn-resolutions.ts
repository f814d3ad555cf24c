import type { PackageManifest } from '../../common/npm-package.js';
import { protocolOf, splitDescriptor } from './yarn-descriptors.js';

interface ResolutionRule {
  /** Name of the package whose dependency is overridden; undefined for every package. */
  parent?: string;
  name: string;
  /** Only this original range is overridden, when the rule names one (`name@range`). */
  range?: string;
  replacement: string;
}

/**
 * The root manifest's `resolutions` overrides. Berry writes the overridden
 * descriptor in the lockfile but leaves the original range in the parents'
 * `dependencies`, so a range with no lockfile key is looked up again through
 * these rules. Supported keys: `name`, `**\/name`, `parent/name`, `name@range`.
 */
export class YarnResolutions {
  private readonly rules: ResolutionRule[] = [];

  constructor(manifest: PackageManifest | undefined) {
    const raw: unknown = (manifest as { resolutions?: unknown } | undefined)?.resolutions;
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return;
    for (const [key, replacement] of Object.entries(raw as Record<string, unknown>)) {
      if (typeof replacement !== 'string') continue;
      const rule = parseRule(key, replacement);
      if (rule) this.rules.push(rule);
    }
  }

  /** The overriding range for `name@range` asked for by `parent`, if a rule applies. */
  override(parent: string | undefined, name: string, range: string): string | undefined {
    const bareRange = range.replace(/^npm:/, '');
    const rule = this.rules.find(
      (r) => r.name === name && (r.parent === undefined || r.parent === parent) && (r.range === undefined || r.range === range || r.range === bareRange),
    );
    return rule?.replacement;
  }
}

function parseRule(key: string, replacement: string): ResolutionRule | undefined {
  const trimmed = key.replace(/^\*\*\//, '');
  // The last `name` or `@scope/name` (with an optional `@range`) is the dependency; what comes before it, the parent.
  const match = /^(?:((?:@[^/]+\/)?[^/@]+)\/(?:\*\*\/)?)?((?:@[^/]+\/)?[^/@]+(?:@.+)?)$/.exec(trimmed);
  if (!match) return undefined;
  const target = splitDescriptor(match[2]) ?? { name: match[2], range: undefined };
  return {
    ...(match[1] ? { parent: match[1] } : {}),
    name: target.name,
    ...(target.range !== undefined ? { range: target.range } : {}),
    replacement: replacement,
  };
}

/** A range as Berry keys it: a bare semver range gets the default `npm:` protocol. */
export function withDefaultProtocol(range: string): string {
  return protocolOf(range) === '' ? `npm:${range}` : range;
}
