/**
 * Where a package is declared: the line of its entry in the lockfile it was read from, so code scanning
 * annotates that line. One small finder per lockfile family, chosen by file name; line 1 when the entry
 * cannot be found (the file is still the right one to look at).
 */
import { npmLockfileFinder, pnpmLockFinder, yarnLockFinder } from './javascript-lockfiles.js';
import type { LineFinder, LocatableComponent } from './locate-types.js';
import {
  gemfileLockFinder,
  genericFinder,
  goModuleFinder,
  gradleLockfileFinder,
  jsonEntryFinder,
  requirementsFinder,
  tomlPackageFinder,
} from './other-lockfiles.js';

export type { LineFinder, LocatableComponent } from './locate-types.js';

const FINDERS: ReadonlyArray<[RegExp, (text: string) => LineFinder]> = [
  [/^(package-lock|npm-shrinkwrap)\.json$/, npmLockfileFinder],
  [/^yarn\.lock$/, yarnLockFinder],
  [/^pnpm-lock\.ya?ml$/, pnpmLockFinder],
  [/^(Cargo|poetry|uv|pdm)\.lock$/, tomlPackageFinder],
  [/^(gems\.locked|Gemfile\.lock)$/, gemfileLockFinder],
  [/^go\.(mod|sum)$/, goModuleFinder],
  [/^(composer\.lock|packages\.lock\.json|Pipfile\.lock)$/, jsonEntryFinder],
  [/^gradle\.lockfile$|\.lockfile$/, gradleLockfileFinder],
  [/^requirements.*\.txt$/, requirementsFinder],
];

/** A finder for one file, by its base name; the generic one backs up a format-specific miss. */
export function lineFinderFor(path: string, text: string): LineFinder {
  const base = path.slice(path.lastIndexOf('/') + 1);
  const specific = FINDERS.find(([pattern]) => pattern.test(base))?.[1](text);
  const generic = genericFinder(text);
  return (component: LocatableComponent) => specific?.(component) ?? generic(component);
}
