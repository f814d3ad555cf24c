import path from 'node:path';
import { PackageURL } from 'packageurl-js';
import { assembleGraph } from '../../common/assemble-graph.js';
import type { EdgeKind, TypedEdge } from '../../common/classify.js';
import { libraryNode, projectRoot, type ComponentNode, type DependencyGraph, type HashFact } from '../../model/graph.js';
import type { GemLockfile, GemSource, GemSpec } from './parse-gemfile-lock.js';
import type { Gemfile } from './read-gemfile.js';

export interface GemProject {
  lockfile: string;
  /** The Gemfile (or gems.rb) beside the lockfile, when there is one. */
  gemfile?: { path: string; content: Gemfile };
}

/** Groups whose gems only develop or test the project (Bundler's conventional names). */
const DEVELOPMENT_GROUPS: ReadonlySet<string> = new Set(['development', 'test']);
/** Bundler lists `bundler` as a dependency of some gems but never as a spec: it is the tool itself. */
const IMPLICIT_GEMS: ReadonlySet<string> = new Set(['bundler']);

interface Variant {
  spec: GemSpec;
  source: GemSource;
}

/**
 * Graph of a Gemfile.lock: one component per gem name+version (a gem locked
 * for several platforms is one component listing them), edges from each spec
 * to the gem locked under the name it depends on, and from the project root to
 * DEPENDENCIES, typed by the Gemfile's groups.
 */
export function buildGemGraph(lock: GemLockfile, project: GemProject): DependencyGraph {
  const warnings = [...lock.problems];
  const variantsByName = new Map<string, Map<string, Variant[]>>();
  for (const source of lock.sources) {
    for (const spec of source.specs) {
      let versions = variantsByName.get(spec.name);
      if (!versions) variantsByName.set(spec.name, (versions = new Map()));
      const variants = versions.get(spec.version);
      if (variants) variants.push({ spec, source });
      else versions.set(spec.version, [{ spec, source }]);
    }
  }

  const projectGem = projectGemSpec(lock);
  const libraries = new Map<string, ComponentNode>();
  const refByName = new Map<string, string>();
  const refBySpec = new Map<GemSpec, string>();
  for (const [name, versions] of variantsByName) {
    if (versions.size > 1) warnings.push(`${name} is locked at several versions (${[...versions.keys()].join(', ')}); edges go to the first`);
    for (const [version, variants] of versions) {
      if (projectGem && name === projectGem.spec.name && version === projectGem.spec.version) continue;
      const node = gemComponent(name, version, variants, lock, project.lockfile);
      libraries.set(node.ref, node);
      for (const { spec } of variants) refBySpec.set(spec, node.ref);
      if (!refByName.has(name)) refByName.set(name, node.ref);
    }
  }

  const root = rootComponent(lock, project, projectGem);
  const edges: TypedEdge[] = [];
  const target = (from: string, name: string): string | undefined => {
    const ref = refByName.get(name);
    if (!ref && !IMPLICIT_GEMS.has(name)) warnings.push(`${from} depends on ${name}, which the lockfile locks for none of its platforms`);
    return ref;
  };
  for (const versions of variantsByName.values()) {
    for (const variants of versions.values()) {
      const { spec } = variants[0] as Variant;
      const from = spec === projectGem?.spec ? root.ref : refBySpec.get(spec);
      if (!from) continue;
      for (const { spec: variant } of variants) {
        for (const dependency of variant.dependencies) {
          const to = target(`${spec.name} ${spec.version}`, dependency.name);
          if (to) edges.push({ from, to, kind: 'prod' });
        }
      }
    }
  }

  const runtimeOfProjectGem = new Set(projectGem?.spec.dependencies.map((d) => d.name) ?? []);
  for (const dependency of lock.dependencies) {
    if (projectGem && dependency.name === projectGem.spec.name) continue;
    const to = refByName.get(dependency.name);
    if (!to) {
      warnings.push(`DEPENDENCIES line ${dependency.line}: ${dependency.name} is locked for none of the lockfile's platforms; left out`);
      continue;
    }
    const declared = project.gemfile?.content.declarations.get(dependency.name);
    const groups = declared ? [...new Set(declared.flatMap((d) => d.groups))] : undefined;
    const node = libraries.get(to) as ComponentNode;
    if (groups) node.properties['chainward:gem:groups'] = groups.join(',');
    // A gemspec's development dependencies reach DEPENDENCIES without a Gemfile line; Bundler puts them in `development`.
    const fromGemspecDevelopment = !declared && projectGem !== undefined && project.gemfile?.content.usesGemspec === true && !runtimeOfProjectGem.has(dependency.name);
    edges.push({ from: root.ref, to, kind: fromGemspecDevelopment ? 'dev' : edgeKind(groups, project.gemfile?.content.optionalGroups) });
  }

  return assembleGraph({
    file: project.lockfile,
    roots: [root],
    libraries: libraries.values(),
    edges,
    sources: [project.lockfile, ...(project.gemfile ? [project.gemfile.path] : [])],
    warnings,
  });
}

/** Development when every group is a development group; optional when every group is an optional one. */
function edgeKind(groups: readonly string[] | undefined, optionalGroups: ReadonlySet<string> | undefined): EdgeKind {
  if (!groups) return 'prod';
  if (groups.every((group) => DEVELOPMENT_GROUPS.has(group))) return 'dev';
  if (optionalGroups && groups.every((group) => optionalGroups.has(group))) return 'optional';
  return 'prod';
}

function gemComponent(name: string, version: string, variants: Variant[], lock: GemLockfile, lockfile: string): ComponentNode {
  const platforms = [...new Set(variants.map((v) => v.spec.platform))].sort();
  const single = platforms.length === 1 ? platforms[0] : undefined;
  // purl-spec: the `platform` qualifier names a non-`ruby` platform. A component that stands for several platforms has none.
  const qualifiers = single && single !== 'ruby' ? { platform: single } : undefined;
  const purl = new PackageURL('gem', undefined, name, version, qualifiers, undefined).toString();
  const properties: Record<string, string> = { ...sourceProperties(variants[0]?.source as GemSource) };
  if (platforms.some((platform) => platform !== 'ruby')) properties['chainward:gem:platforms'] = platforms.join(',');
  let hashes: HashFact[] = [];
  if (single) {
    hashes = lock.checksums.get(checksumKey(name, version, single)) ?? [];
  } else {
    // Each platform's gem is a different file: their checksums are kept apart instead of claiming several digests for one component.
    for (const platform of platforms) {
      const sums = lock.checksums.get(checksumKey(name, version, platform)) ?? [];
      for (const sum of sums) properties[`chainward:gem:checksum:${platform}`] = `${sum.alg.toLowerCase().replace('-', '')}=${sum.content}`;
    }
  }
  return libraryNode({ ecosystem: 'rubygems', purl, name, version, sourceFile: lockfile, hashes, properties });
}

function checksumKey(name: string, version: string, platform: string): string {
  return `${name} (${version}${platform === 'ruby' ? '' : `-${platform}`})`;
}

function sourceProperties(source: GemSource): Record<string, string> {
  const properties: Record<string, string> = {};
  const kind = { GEM: 'rubygems', GIT: 'git', PATH: 'path', 'PLUGIN SOURCE': 'plugin' }[source.type];
  properties['chainward:gem:source'] = kind;
  if (source.remotes.length > 0) properties['chainward:gem:remote'] = source.remotes.join(',');
  for (const option of ['revision', 'branch', 'tag', 'ref', 'glob', 'type']) {
    const value = source.options[option];
    if (value !== undefined) properties[`chainward:gem:${source.type === 'GIT' ? 'git:' : ''}${option}`] = value;
  }
  return properties;
}

/** The gem the project itself is, when its Gemfile says `gemspec`: the only spec of a `PATH` source at `.`. */
function projectGemSpec(lock: GemLockfile): Variant | undefined {
  const local = lock.sources.filter((source) => source.type === 'PATH' && source.remotes.length === 1 && ['.', './'].includes(source.remotes[0] as string));
  const specs = local.flatMap((source) => source.specs.map((spec) => ({ spec, source })));
  return specs.length === 1 ? specs[0] : undefined;
}

function rootComponent(lock: GemLockfile, project: GemProject, projectGem: Variant | undefined): ComponentNode {
  const directory = path.posix.dirname(project.lockfile);
  const name = projectGem?.spec.name ?? (directory === '.' ? 'project' : path.posix.basename(directory));
  const version = projectGem?.spec.version ?? '';
  const purl = new PackageURL('gem', undefined, name, version || undefined, undefined, undefined).toString();
  const properties: Record<string, string> = {};
  if (lock.platforms.length > 0) properties['chainward:gem:lock-platforms'] = lock.platforms.join(',');
  if (lock.rubyVersion) properties['chainward:gem:ruby-version'] = lock.rubyVersion;
  if (lock.bundledWith) properties['chainward:gem:bundled-with'] = lock.bundledWith;
  return projectRoot({ ecosystem: 'rubygems', purl, name, version, sourceFile: project.gemfile?.path ?? project.lockfile, properties });
}
