/**
 * A pip requirements file with everything it includes (`-r`, relative to the
 * including file) and the constraints it applies (`-c`): one project root,
 * one component per requirement. pip-compile's `# via` annotations give the
 * edges between packages; without them every requirement hangs from the root.
 */
import path from 'node:path';
import { classifyByReachability, type EdgeKind, type TypedEdge } from '../../common/classify.js';
import { addEdge, emptyGraph, projectRoot as projectRootNode, type ComponentNode, type DependencyGraph } from '../../model/graph.js';
import type { ProjectFiles, TextFile } from '../types.js';
import { declaredComponent } from './declared-component.js';
import { DEVELOPMENT_PROPERTY } from './locked-graph.js';
import { addHashes, normalizePypiName, pypiPurl } from './names.js';
import { projectRoot } from './project-root.js';
import { readPyproject } from './pyproject.js';
import { readRequirementsFile, type RequirementEntry } from './requirements-file.js';

/** Warnings kept per requirements file. */
const MAX_WARNINGS = 200;
/** Files named for development use only (`requirements-dev.txt`, `requirements/test.txt`, `docs-requirements.txt`). */
const DEVELOPMENT_FILE = /(^|[-_.])(dev|develop|development|test|tests|testing|lint|linting|doc|docs|typing|ci)([-_.]|$)/i;

interface Collected {
  requirements: RequirementEntry[];
  constraints: RequirementEntry[];
  /** Directories of local projects named by path only (`-e .`). */
  localProjects: Array<{ path: string; where: string }>;
  /** Files read, in order. */
  read: Set<string>;
  /** File and mode (requirement or constraint) pairs already expanded. */
  visits: Set<string>;
}

export function parseRequirementsProject(files: ProjectFiles): DependencyGraph {
  const { lockfile } = files;
  const texts = new Map<string, TextFile>([[lockfile.path, lockfile], ...files.manifests.map((m): [string, TextFile] => [m.path, m])]);
  const warnings: string[] = [];
  const warn = (message: string): void => {
    // A hostile or broken file could produce one warning per token: keep the report readable.
    if (warnings.length < MAX_WARNINGS) warnings.push(message);
    else if (warnings.length === MAX_WARNINGS) warnings.push(`more than ${MAX_WARNINGS} problems; the rest are not listed`);
  };
  const collected: Collected = { requirements: [], constraints: [], localProjects: [], read: new Set([lockfile.path]), visits: new Set() };
  collect(lockfile, false, [lockfile.path], texts, collected, warn);

  const pyprojectFile = files.manifests.find((m) => path.posix.basename(m.path) === 'pyproject.toml');
  const pyproject = pyprojectFile ? readPyproject(pyprojectFile) : undefined;
  const root = projectRoot(lockfile.path, pyproject?.name ? pyprojectFile : undefined, pyproject);
  const rootPurl = pypiPurl(root.name, root.version);
  // Several requirements files of one project are each their own install set: the ref names the file.
  const rootRef = pypiPurl(root.name, root.version, { manifest: lockfile.path });
  const projectDirectory = path.posix.dirname(pyprojectFile?.path ?? lockfile.path);
  for (const local of collected.localProjects) {
    if (local.path !== projectDirectory) warn(`${local.where}: local project ${local.path} has no name in the requirement; not listed`);
  }

  const graph = emptyGraph();
  graph.roots = [rootRef];
  graph.components.set(rootRef, projectRootNode({ ecosystem: 'pypi', purl: rootPurl, ref: rootRef, name: root.name, version: root.version, sourceFile: lockfile.path, licenses: root.licenses }));

  const requirements = mergeDuplicates(collected.requirements, warn);
  const pins = constraintPins(collected.constraints);
  const refByName = new Map<string, string>();
  const libraries = new Map<string, ComponentNode>();
  for (const requirement of requirements) {
    const pin = requirement.version === '' && !requirement.reference ? pins.get(normalizePypiName(requirement.name)) : undefined;
    const component = declaredComponent({
      ...requirement,
      version: requirement.version || (pin?.version ?? ''),
      hashes: [...requirement.hashes, ...(pin?.hashes ?? [])],
      sourceFile: requirement.file,
    });
    if (pin) component.properties['chainward:pypi:pinned-by'] = pin.file;
    libraries.set(component.ref, component);
    refByName.set(normalizePypiName(requirement.name), component.ref);
  }

  const rootKind: EdgeKind = DEVELOPMENT_FILE.test(path.posix.basename(lockfile.path).replace(/\.txt$/i, '')) ? 'dev' : 'prod';
  const edges: TypedEdge[] = [];
  for (const requirement of requirements) {
    const ref = refByName.get(normalizePypiName(requirement.name)) as string;
    const parents = requirement.via.flatMap((item) => {
      if (/^-[rc]\s/.test(item)) return [];
      const parent = refByName.get(normalizePypiName(item.replace(/\s*\(.*\)$/, '').replace(/\[.*\]$/, '')));
      return parent && parent !== ref ? [parent] : [];
    });
    for (const parent of parents) edges.push({ from: parent, to: ref, kind: 'prod' });
    // Named by the input file (`-r requirements.in`), by the project itself, or not annotated: a direct requirement.
    const direct = requirement.via.length === 0 || parents.length < requirement.via.length;
    if (direct) edges.push({ from: rootRef, to: ref, kind: rootKind });
  }
  const classification = classifyByReachability(graph.roots, edges, libraries.keys());
  for (const [ref, component] of [...libraries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    Object.assign(component, classification.get(ref));
    if (component.development) component.properties[DEVELOPMENT_PROPERTY] = 'true';
    graph.components.set(ref, component);
  }
  for (const edge of edges) addEdge(graph, edge.from, edge.to);
  graph.sources = [...collected.read, ...(pyprojectFile ? [pyprojectFile.path] : [])];
  graph.warnings = warnings.map((message) => ({ file: lockfile.path, message }));
  return graph;
}

/** Reads a file and, depth first in file order as pip does, the files it includes. */
function collect(
  file: TextFile,
  constraint: boolean,
  stack: string[],
  texts: Map<string, TextFile>,
  collected: Collected,
  warn: (message: string) => void,
): void {
  for (const entry of readRequirementsFile(file, warn)) {
    if (entry.kind === 'requirement') {
      (constraint ? collected.constraints : collected.requirements).push(entry);
    } else if (entry.kind === 'local-project') {
      const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(file.path), entry.path)).replace(/\/$/, '');
      collected.localProjects.push({ path: resolved || '.', where: `${file.path}:${entry.line}` });
    } else {
      const where = `${file.path}:${entry.line}`;
      if (/^[a-z][a-z0-9+.-]*:\/\//i.test(entry.target)) {
        warn(`${where}: ${entry.target} is a remote file; it is not fetched`);
        continue;
      }
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(file.path), entry.target.replace(/\\/g, '/')));
      if (path.posix.isAbsolute(entry.target) || target.startsWith('../') || target === '..') {
        warn(`${where}: ${entry.target} is outside the scanned directory; not read`);
        continue;
      }
      if (stack.includes(target)) {
        warn(`${where}: ${entry.target} includes itself (${[...stack, target].join(' -> ')}); the cycle is not followed`);
        continue;
      }
      const included = texts.get(target);
      if (!included) {
        warn(`${where}: included file ${target} not found`);
        continue;
      }
      const mode = constraint || entry.constraint;
      const visit = `${target}\u0000${mode}`;
      if (collected.visits.has(visit)) continue;
      collected.visits.add(visit);
      collected.read.add(target);
      collect(included, mode, [...stack, target], texts, collected, warn);
    }
  }
}

/** pip refuses two different pins of one name; keep the first and say so. Same-name lines otherwise join. */
function mergeDuplicates(requirements: RequirementEntry[], warn: (message: string) => void): RequirementEntry[] {
  const byName = new Map<string, RequirementEntry>();
  for (const requirement of requirements) {
    const key = normalizePypiName(requirement.name);
    const first = byName.get(key);
    if (!first) {
      byName.set(key, { ...requirement, hashes: [...requirement.hashes], via: [...requirement.via], extras: [...requirement.extras] });
      continue;
    }
    if (first.version !== '' && requirement.version !== '' && first.version !== requirement.version) {
      warn(
        `${requirement.name} is pinned twice (${first.version} at ${first.file}:${first.line}, ${requirement.version} at ${requirement.file}:${requirement.line}); the first is listed`,
      );
      continue;
    }
    if (first.version === '' && requirement.version !== '') Object.assign(first, { version: requirement.version, specifier: requirement.specifier });
    addHashes(first.hashes, requirement.hashes);
    for (const extra of requirement.extras) if (!first.extras.includes(extra)) first.extras.push(extra);
    for (const item of requirement.via) if (!first.via.includes(item)) first.via.push(item);
  }
  return [...byName.values()];
}

/** Exact pins of a constraints file, which fix the version of an otherwise unpinned requirement. */
function constraintPins(constraints: RequirementEntry[]): Map<string, { version: string; hashes: RequirementEntry['hashes']; file: string }> {
  const pins = new Map<string, { version: string; hashes: RequirementEntry['hashes']; file: string }>();
  for (const constraint of constraints) {
    const key = normalizePypiName(constraint.name);
    if (constraint.version !== '' && !constraint.reference && !pins.has(key)) pins.set(key, { version: constraint.version, hashes: constraint.hashes, file: constraint.file });
  }
  return pins;
}
