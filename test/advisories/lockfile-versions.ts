/**
 * Just enough of each lockfile format to list the (name, version) pairs it pins, so the
 * matching table below can prove that each version it checks is really in a real lockfile.
 * Deliberately small: the scanner's parsers are tested elsewhere.
 */
import { readFileSync } from 'node:fs';

export const FIXTURES = new URL('../fixtures/advisories/', import.meta.url);

type Pairs = Set<string>;

const pair = (name: string, version: string): string => `${name}@${version}`;

function fromRegex(text: string, pattern: RegExp, pick: (match: RegExpExecArray) => [string, string]): Pairs {
  const pairs: Pairs = new Set();
  for (const match of text.matchAll(new RegExp(pattern.source, `${pattern.flags.replace('g', '')}g`))) pairs.add(pair(...pick(match)));
  return pairs;
}

interface NestedLock {
  dependencies?: Record<string, NestedLock & { version?: string }>;
}

function npmShrinkwrapV1(lock: NestedLock, pairs: Pairs = new Set()): Pairs {
  for (const [name, dependency] of Object.entries(lock.dependencies ?? {})) {
    if (dependency.version) pairs.add(pair(name, dependency.version));
    npmShrinkwrapV1(dependency, pairs);
  }
  return pairs;
}

const READERS: Record<string, (text: string) => Pairs> = {
  'npm-shrinkwrap.json': (text) => npmShrinkwrapV1(JSON.parse(text) as NestedLock),
  'package-lock.json': (text) => {
    const packages = (JSON.parse(text) as { packages: Record<string, { version?: string }> }).packages;
    return new Set(
      Object.entries(packages)
        .filter(([path, entry]) => path.includes('node_modules/') && entry.version)
        .map(([path, entry]) => pair(path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length), entry.version as string)),
    );
  },
  'pnpm-lock.yaml': (text) => fromRegex(text, /^ {2}\/((?:@[^/\s]+\/)?[^@\s]+)@([^:(\s]+)[:(]/m, (m) => [m[1] as string, m[2] as string]),
  'poetry.lock': (text) => fromRegex(text, /^name = "([^"]+)"\nversion = "([^"]+)"/m, (m) => [m[1] as string, m[2] as string]),
  'Cargo.lock': (text) => fromRegex(text, /^name = "([^"]+)"\nversion = "([^"]+)"/m, (m) => [m[1] as string, m[2] as string]),
  'Pipfile.lock': (text) => {
    const lock = JSON.parse(text) as Record<string, Record<string, { version?: string }>>;
    const entries = [...Object.entries(lock.default ?? {}), ...Object.entries(lock.develop ?? {})];
    return new Set(entries.filter(([, entry]) => entry.version).map(([name, entry]) => pair(name, (entry.version as string).replace(/^==/, ''))));
  },
  'main.txt': (text) => fromRegex(text, /^([A-Za-z0-9_.-]+)==([^\s;\\]+)/m, (m) => [m[1] as string, m[2] as string]),
  'go.sum': (text) => fromRegex(text, /^(\S+) (v[^\s/]+)(?:\/go\.mod)? h1:/m, (m) => [m[1] as string, m[2] as string]),
  'gradle.lockfile': (text) => fromRegex(text, /^([^:#\s]+):([^:\s]+):([^=\s]+)=/m, (m) => [`${m[1]}:${m[2]}`, m[3] as string]),
  'verification-metadata.xml': (text) =>
    fromRegex(text, /<component group="([^"]+)" name="([^"]+)" version="([^"]+)"/, (m) => [`${m[1]}:${m[2]}`, m[3] as string]),
  // Spec lines are indented four spaces; a platform gem carries its platform after the version (4.35.1-x86_64-linux).
  'Gemfile.lock': (text) => fromRegex(text, /^ {4}([A-Za-z0-9_.-]+) \(([0-9][^)\s-]*)(?:-[^)]*)?\)$/m, (m) => [m[1] as string, m[2] as string]),
  'composer.lock': (text) => {
    const lock = JSON.parse(text) as { packages: { name: string; version: string }[]; 'packages-dev'?: { name: string; version: string }[] };
    return new Set([...lock.packages, ...(lock['packages-dev'] ?? [])].map((entry) => pair(entry.name, entry.version)));
  },
  'packages.lock.json': (text) => {
    const lock = JSON.parse(text) as { dependencies: Record<string, Record<string, { resolved?: string }>> };
    return new Set(
      Object.values(lock.dependencies).flatMap((framework) =>
        Object.entries(framework).filter(([, entry]) => entry.resolved).map(([name, entry]) => pair(name, entry.resolved as string)),
      ),
    );
  },
};

const cache = new Map<string, Pairs>();

/** The `name@version` pairs pinned by a fixture lockfile (path relative to test/fixtures/advisories/). */
export function lockfilePins(path: string): Pairs {
  let pins = cache.get(path);
  if (!pins) {
    const reader = READERS[path.slice(path.lastIndexOf('/') + 1)];
    if (!reader) throw new Error(`no reader for ${path}`);
    pins = reader(readFileSync(new URL(path, FIXTURES), 'utf8'));
    cache.set(path, pins);
  }
  return pins;
}
