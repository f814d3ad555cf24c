import type { PackageCondition } from './condition.schema.js';
import { displayName, isSelected, packageNameKey, type EvaluationContext, type RuleOutput } from './evaluation-context.js';
import { COMPONENT_PROPERTIES, type ComponentNode } from './facts.js';
import { lockfileNamesFor, manifestsWithoutLockfile } from './lockfile-check.js';
import { coordinatesOf, parsePurlPattern, purlPatternMatches, type PurlPattern } from './purl-pattern.js';
import { compareVersions, parseVersionRange, versionInRange, type VersionRange } from './version-range.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** A version that names a range or a moving target rather than one release. */
const UNPINNED = /^$|^latest$|[\^~<>=*| ]|(^|\.)[xX](\.|$)/;

interface CompiledEntry {
  pattern: PurlPattern;
  text: string;
}

/**
 * Package checks; each gives its own violation, so one component can break
 * several checks of one rule. A version that cannot be compared in its
 * ecosystem is reported, not silently passed.
 */
export function evaluatePackage(condition: PackageCondition, context: EvaluationContext): RuleOutput {
  const violations: RuleOutput['violations'] = [];
  const banned = (condition.banned ?? []).map((entry) => ({
    ...compile(entry.purl),
    range: entry.versions !== undefined ? (parseVersionRange(entry.versions) as VersionRange) : undefined,
    versions: entry.versions,
    reason: entry.reason,
  }));
  const minimums = (condition.minimumVersions ?? []).map((entry) => ({ ...compile(entry.purl), version: entry.version }));
  const add = (node: ComponentNode, check: string, reason: string): void => {
    violations.push({ key: `${node.ref}|${check}`, reason, evidence: context.evidenceFor(node) });
  };
  // Named packages are looked up by name instead of testing every component against every entry.
  const candidates = (entry: CompiledEntry): readonly ComponentNode[] =>
    entry.pattern.name.includes('*') ? context.components : context.componentsNamed(packageNameKey(entry.pattern.name));

  for (const entry of banned) {
    for (const node of candidates(entry)) {
      if (!isSelected(node, condition) || !matches(entry, node)) continue;
      const name = displayName(node);
      const why = entry.reason ? `: ${entry.reason}` : '';
      if (!entry.range) {
        add(node, `banned:${entry.text}`, `${name} is banned${why}`);
        continue;
      }
      const inRange = versionInRange(entry.pattern.type, node.version, entry.range);
      if (inRange === true) add(node, `banned:${entry.text}`, `${name} is in the banned versions ${entry.versions}${why}`);
      else if (inRange === undefined) add(node, `banned:${entry.text}`, `${name}: version cannot be compared with the banned versions ${entry.versions}, so it is treated as banned${why}`);
    }
  }
  for (const entry of minimums) {
    for (const node of candidates(entry)) {
      if (!isSelected(node, condition) || !matches(entry, node)) continue;
      const name = displayName(node);
      const order = compareVersions(entry.pattern.type, node.version, entry.version);
      if (order === undefined) add(node, `minimum:${entry.text}`, `${name}: version cannot be compared with the minimum ${entry.version}, so it is treated as too old`);
      else if (order < 0) add(node, `minimum:${entry.text}`, `${name} is older than the minimum version ${entry.version}`);
    }
  }

  const perComponent = condition.forbidDeprecated || condition.maxReleaseAgeDays !== undefined || condition.requirePinnedVersions;
  const now = context.now.getTime();
  for (const node of perComponent ? context.components : []) {
    if (!isSelected(node, condition)) continue;
    if (condition.forbidDeprecated) {
      const message = node.properties[COMPONENT_PROPERTIES.deprecated];
      if (message !== undefined) add(node, 'deprecated', `${displayName(node)} is deprecated${message ? `: ${message}` : ''}`);
    }
    if (condition.maxReleaseAgeDays !== undefined) {
      const date = node.properties[COMPONENT_PROPERTIES.releaseDate];
      const age = date === undefined ? NaN : Math.floor((now - Date.parse(date)) / DAY_MS);
      if (age > condition.maxReleaseAgeDays) {
        add(node, 'release-age', `${displayName(node)} was released ${age} days ago; the limit is ${condition.maxReleaseAgeDays} days`);
      }
    }
    if (condition.requirePinnedVersions && UNPINNED.test(node.version)) {
      add(node, 'unpinned', `${node.name} is not pinned to one version (found "${node.version}")`);
    }
  }

  if (condition.requireLockfile) {
    for (const manifest of manifestsWithoutLockfile(context.fileList, context.files)) {
      const expected = lockfileNamesFor(manifest.slice(manifest.lastIndexOf('/') + 1)).join(', ');
      violations.push({ key: `lockfile|${manifest}`, reason: `${manifest} declares dependencies but no lockfile (${expected}) is committed beside it or above it`, evidence: { kind: 'file', file: manifest } });
    }
  }
  return { violations, notes: [] };
}

function compile(purl: string): CompiledEntry {
  return { pattern: parsePurlPattern(purl) as PurlPattern, text: purl };
}

/** Called only for components whose name could match, so most purls are never parsed. */
function matches(entry: CompiledEntry, node: ComponentNode): boolean {
  const coordinates = coordinatesOf(node.purl);
  return coordinates !== undefined && purlPatternMatches(entry.pattern, coordinates, { compareVersion: true });
}
