import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ComponentNode, DependencyGraph } from '../../model/graph.js';
import { npm } from './index.js';

/*
 * The parser is checked against npm itself: `npm ls --all --long --json
 * --package-lock-only --offline` reads the same lockfile with npm's own tree
 * loader (Arborist), without node_modules and without the network. npm 7+
 * loads v1 lockfiles too (from their nested `dependencies` tree), so every
 * fixture, v1 included, is compared the same way.
 */

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../test/fixtures/npm');
const ROOT = '<root>';

interface NpmLsNode {
  name?: string;
  version?: string;
  path?: string;
  missing?: boolean;
  problems?: string[];
  /** With --long: the package's dependencies and optionalDependencies (v1: its `requires`). */
  _dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  dependencies?: Record<string, NpmLsNode>;
}

interface NpmLsView {
  /** name@version of every installed package. */
  packages: Set<string>;
  /** `from -> to` between name@version (the project is `<root>`). */
  edges: Set<string>;
  /** Install path (relative to the project) -> name@version. */
  idAt: Map<string, string>;
  /** Install paths npm reports as extraneous. */
  extraneousPaths: Set<string>;
}

/** Runs `npm ls` in a throw-away copy of a fixture, isolated from the npm that runs the tests. */
function npmLs(fixtureCopy: string, omit: string[] = []): NpmLsView {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!/^npm_/i.test(key) && key !== 'NODE_ENV') env[key] = value;
  const args = ['ls', '--all', '--long', '--json', '--package-lock-only', '--offline', `--prefix=${fixtureCopy}`, ...omit.map((kind) => `--omit=${kind}`)];
  const run = spawnSync('npm', args, { cwd: fixtureCopy, env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  // npm ls exits 1 when it reports problems (extraneous packages); its JSON is complete either way.
  if (run.status !== 0 && run.status !== 1) throw new Error(`npm ls failed (${run.status}): ${run.stderr}`);
  return viewOf(JSON.parse(run.stdout) as NpmLsNode, fixtureCopy);
}

/**
 * npm ls prints every install location with its children once (later visits
 * are printed without them), so walking all of it sees every edge. Besides a
 * package's dependencies it prints the extraneous packages in its folder;
 * --long tells them apart through the package's declared dependencies.
 */
function viewOf(tree: NpmLsNode, root: string): NpmLsView {
  const view: NpmLsView = { packages: new Set(), edges: new Set(), idAt: new Map(), extraneousPaths: new Set() };
  const relative = (absolute: string): string => path.relative(root, absolute).split(path.sep).join('/');
  const stack: Array<[string, NpmLsNode]> = [[ROOT, tree]];
  while (stack.length > 0) {
    const [from, node] = stack.pop() as [string, NpmLsNode];
    const declared = { ...node._dependencies, ...node.peerDependencies, ...(from === ROOT ? node.devDependencies : {}) };
    for (const [key, child] of Object.entries(node.dependencies ?? {})) {
      if (child.missing) throw new Error(`npm ls reports ${key} missing under ${from}`);
      // An optional peer dependency that is not installed: printed as an empty object.
      if (child.path === undefined) continue;
      const id = `${child.name ?? key}@${child.version ?? ''}`;
      view.packages.add(id);
      view.idAt.set(relative(child.path), id);
      if (key in declared) view.edges.add(`${from} -> ${id}`);
      stack.push([id, child]);
    }
  }
  // `extraneous: <pkgid> <absolute path>`, one per extraneous location.
  for (const problem of tree.problems ?? []) {
    const match = /^extraneous: \S+ (.+)$/.exec(problem);
    if (match) view.extraneousPaths.add(relative(match[1] as string));
  }
  return view;
}

/** The ids whose every install path satisfies `test`. */
function idsWhereEveryPath(view: NpmLsView, test: (installPath: string) => boolean): Set<string> {
  const verdict = new Map<string, boolean>();
  for (const [installPath, id] of view.idAt) verdict.set(id, (verdict.get(id) ?? true) && test(installPath));
  return new Set([...verdict].filter(([, every]) => every).map(([id]) => id));
}

interface LockfileLocation {
  path: string;
  dev?: boolean;
  optional?: boolean;
  devOptional?: boolean;
}

/** Install paths in lockfile order with their flags, read straight from the lockfile (v2/v3 `packages`, or v1's nested tree). */
function lockfileLocations(name: string, lockfileName: string): LockfileLocation[] {
  type Entry = Omit<LockfileLocation, 'path'> & { link?: boolean; dependencies?: Record<string, Entry> };
  const lock = JSON.parse(readFileSync(path.join(fixtures, name, lockfileName), 'utf8')) as { packages?: Record<string, Entry>; dependencies?: Record<string, Entry> };
  if (lock.packages) {
    return Object.entries(lock.packages)
      .filter(([location, entry]) => location !== '' && !entry.link)
      .map(([location, entry]) => ({ ...entry, path: location }));
  }
  const locations: LockfileLocation[] = [];
  const walk = (tree: Record<string, Entry>, parent: string): void => {
    for (const [packageName, entry] of Object.entries(tree)) {
      const location = `${parent}node_modules/${packageName}`;
      locations.push({ ...entry, path: location });
      walk(entry.dependencies ?? {}, `${location}/`);
    }
  };
  walk(lock.dependencies ?? {}, '');
  return locations;
}

function idOf(node: ComponentNode | undefined, graph: DependencyGraph): string {
  if (!node) throw new Error('edge to a component that is not in the graph');
  if (node.type === 'application') {
    expect(graph.roots).toContain(node.ref);
    return ROOT;
  }
  return `${node.group ? `${node.group}/` : ''}${node.name}@${node.version}`;
}

function librariesWhere(graph: DependencyGraph, test: (node: ComponentNode) => boolean): string[] {
  return [...graph.components.values()].filter((node) => node.type === 'library' && test(node)).map((node) => idOf(node, graph));
}

function parseFixture(name: string, lockfileName: string): Promise<DependencyGraph> | DependencyGraph {
  const read = (file: string): { path: string; text: string } => ({
    path: `${name}/${file}`,
    text: readFileSync(path.join(fixtures, name, file), 'utf8'),
  });
  return npm.parse({ lockfile: read(lockfileName), manifests: [read('package.json')] });
}

const cases = [
  { name: 'bookstack-lock-v1', lockfile: 'package-lock.json', packages: 125, edges: 160, production: 16, required: 16, extraneous: 0 },
  { name: 'bookstack-lock-v3', lockfile: 'package-lock.json', packages: 623, edges: 1359, production: 95, required: 95, extraneous: 0 },
  { name: 'nightscout-lock-v2', lockfile: 'package-lock.json', packages: 916, edges: 1762, production: 671, required: 668, extraneous: 0 },
  { name: 'nightscout-lock-v3', lockfile: 'package-lock.json', packages: 983, edges: 2017, production: 739, required: 739, extraneous: 0 },
  { name: 'nightscout-shrinkwrap-v1', lockfile: 'npm-shrinkwrap.json', packages: 1154, edges: 2162, production: 897, required: 880, extraneous: 42 },
];

describe.each(cases)('$name/$lockfile against npm ls', (fixture) => {
  let copy: string;
  let graph: DependencyGraph;
  let npmView: NpmLsView;

  beforeAll(async () => {
    copy = realpathSync(mkdtempSync(path.join(tmpdir(), 'chainward-npm-ls-')));
    cpSync(path.join(fixtures, fixture.name), copy, { recursive: true });
    npmView = npmLs(copy);
    graph = await parseFixture(fixture.name, fixture.lockfile);
  });
  afterAll(() => rmSync(copy, { recursive: true, force: true }));

  it(`lists exactly npm's ${fixture.packages} packages`, () => {
    const ours = librariesWhere(graph, () => true);
    expect(ours.length).toBe(new Set(ours).size);
    expect(new Set(ours)).toEqual(npmView.packages);
    expect(ours.length).toBe(fixture.packages);
  });

  it(`has exactly npm's ${fixture.edges} dependency edges, and no warnings`, () => {
    const ours = new Set<string>();
    for (const [from, targets] of graph.edges) {
      for (const to of targets) ours.add(`${idOf(graph.components.get(from), graph)} -> ${idOf(graph.components.get(to), graph)}`);
    }
    expect(ours).toEqual(npmView.edges);
    expect(ours.size).toBe(fixture.edges);
    expect(graph.warnings).toEqual([]);
  });

  it(`keeps as non-development exactly the ${fixture.production} packages npm lists with --omit=dev`, () => {
    const ours = librariesWhere(graph, (node) => !node.development);
    expect(new Set(ours)).toEqual(npmLs(copy, ['dev']).packages);
    expect(ours.length).toBe(fixture.production);
  });

  it(`gives required scope to the ${fixture.required} packages installed somewhere without a dev/optional flag`, () => {
    // npm ls --omit applies to the project's own edges only, so the optional flag is checked against the lockfile.
    const flagged = new Set(lockfileLocations(fixture.name, fixture.lockfile).filter((l) => l.dev || l.optional || l.devOptional).map((l) => l.path));
    const ours = librariesWhere(graph, (node) => node.scope === 'required');
    expect(new Set(ours)).toEqual(new Set([...npmView.packages].filter((id) => !idsWhereEveryPath(npmView, (p) => flagged.has(p)).has(id))));
    expect(ours.length).toBe(fixture.required);
  });

  it('points each package at its first install path in lockfile order', () => {
    const firstPath = new Map<string, string>();
    for (const { path: installPath } of lockfileLocations(fixture.name, fixture.lockfile)) {
      const id = npmView.idAt.get(installPath) as string;
      if (!firstPath.has(id)) firstPath.set(id, installPath);
    }
    const libraries = [...graph.components.values()].filter((node) => node.type === 'library');
    for (const node of libraries) {
      expect(node.properties['chainward:npm:install-path']).toBe(`${fixture.name}/${firstPath.get(idOf(node, graph))}`);
    }
    expect(firstPath.size).toBe(fixture.packages);
  });

  it(`flags as extraneous the ${fixture.extraneous} packages npm finds extraneous at every install path`, () => {
    const ours = librariesWhere(graph, (node) => node.properties['cdx:npm:package:extraneous'] === 'true');
    expect(new Set(ours)).toEqual(idsWhereEveryPath(npmView, (p) => npmView.extraneousPaths.has(p)));
    expect(ours.length).toBe(fixture.extraneous);
  });
});
