import path from 'node:path';
import type { GraphWarning } from '../../model/graph.js';
import type { TextFile } from '../types.js';
import { Interpolator } from './interpolate.js';
import { coordinates, type Pom, type PomDependency } from './pom-model.js';
import { readPom } from './read-pom.js';

/** Longest parent chain followed: real ones are a handful deep. */
const MAX_PARENT_DEPTH = 32;

/** A POM with what it inherits from its parents inside the repository, ready to interpolate. */
export interface EffectivePom {
  pom: Pom;
  /** Parents found in the repository, nearest first. */
  parents: Pom[];
  /** The first parent that is not in the repository (`group:artifact:version`): what it declares is unknown here. */
  externalParent?: string;
  /** Own and inherited `<dependencies>`, the child's declaration first. */
  dependencies: PomDependency[];
  /** Own and inherited `<dependencyManagement>` entries, the child's first. */
  managedDependencies: PomDependency[];
  licenses: string[];
  /** `${...}` substitution in this model's context (Maven interpolates after inheritance). */
  interpolator: Interpolator;
  groupId?: string;
  artifactId?: string;
  version?: string;
}

/**
 * The POM files a parse may use, read on demand, and the effective models
 * built from them (inheritance from parents found by `relativePath` or by
 * coordinates among these files). Problems that do not stop the scan are
 * collected as warnings.
 */
export class PomWorkspace {
  readonly warnings: GraphWarning[] = [];
  /** POMs read to build the models (parents, imported BOMs), for the graph's sources. */
  readonly used = new Set<string>();
  private readonly files = new Map<string, TextFile>();
  private readonly poms = new Map<string, Pom>();
  private readonly models = new Map<string, EffectivePom>();
  private byCoordinates: Map<string, string[]> | undefined;
  private readonly warned = new Set<string>();

  constructor(files: readonly TextFile[]) {
    for (const file of files) this.files.set(file.path, file);
  }

  has(file: string): boolean {
    return this.files.has(file);
  }

  /** The POM at that path, parsed once; throws bad input when it is malformed. */
  pom(file: string): Pom {
    let pom = this.poms.get(file);
    if (!pom) {
      const text = this.files.get(file);
      if (!text) throw new Error(`internal: ${file} was not planned`);
      pom = readPom(text);
      this.poms.set(file, pom);
    }
    return pom;
  }

  warn(file: string, message: string): void {
    const key = `${file}\u0000${message}`;
    if (this.warned.has(key)) return;
    this.warned.add(key);
    this.warnings.push({ file, message });
  }

  /** The POM among these files with those coordinates (a version with an unresolved `${...}` matches any). */
  findByCoordinates(groupId: string, artifactId: string, version: string | undefined): string | undefined {
    if (!this.byCoordinates) {
      this.byCoordinates = new Map();
      for (const file of [...this.files.keys()].sort()) {
        // A POM that does not parse cannot be anyone's parent; it is reported where it is scanned itself.
        let pom: Pom;
        try {
          pom = this.pom(file);
        } catch {
          continue;
        }
        const own = ownCoordinates(pom);
        if (!own.groupId || !own.artifactId) continue;
        const key = `${own.groupId}:${own.artifactId}`;
        this.byCoordinates.set(key, [...(this.byCoordinates.get(key) ?? []), file]);
      }
    }
    const candidates = this.byCoordinates.get(`${groupId}:${artifactId}`) ?? [];
    return candidates.find((file) => versionsMatch(ownCoordinates(this.pom(file)).version, version));
  }

  /** The effective model of a POM: parents applied, not yet interpolated. */
  effective(file: string, chain: readonly string[] = []): EffectivePom {
    const cached = this.models.get(file);
    if (cached) return cached;
    const pom = this.pom(file);
    const parentFile = pom.parent ? this.locateParent(pom, chain) : undefined;
    let parentModel: EffectivePom | undefined;
    if (parentFile) {
      this.used.add(parentFile);
      parentModel = this.effective(parentFile, [...chain, file]);
    }
    const externalParent = pom.parent && !parentModel ? coordinates(pom.parent.groupId, pom.parent.artifactId, pom.parent.version ?? '') : parentModel?.externalParent;
    const properties = new Map([...(parentModel ? effectiveProperties(parentModel) : []), ...pom.properties]);
    const model: EffectivePom = {
      pom,
      parents: parentModel ? [parentModel.pom, ...parentModel.parents] : [],
      ...(externalParent ? { externalParent } : {}),
      dependencies: inherit(pom.dependencies, parentModel?.dependencies ?? []),
      managedDependencies: inherit(pom.managedDependencies, parentModel?.managedDependencies ?? []),
      licenses: pom.licenses.length > 0 ? pom.licenses : (parentModel?.licenses ?? []),
      interpolator: undefined as unknown as Interpolator,
    };
    model.interpolator = new Interpolator(
      (name) => modelValue(pom, name) ?? properties.get(name) ?? legacyModelValue(pom, name),
      (message) => this.warn(file, message),
    );
    const groupId = pom.groupId ?? pom.parent?.groupId;
    const version = pom.version ?? pom.parent?.version;
    for (const [key, raw] of [['groupId', groupId], ['artifactId', pom.artifactId], ['version', version]] as const) {
      if (raw === undefined) continue;
      const value = model.interpolator.interpolate(raw);
      if (value.complete) model[key] = value.value;
    }
    this.models.set(file, model);
    return model;
  }

  /** Maven's rule: `relativePath` (default `../pom.xml`) when the POM there has the parent's coordinates, else the repository. */
  private locateParent(pom: Pom, chain: readonly string[]): string | undefined {
    const parent = pom.parent;
    if (!parent?.groupId || !parent.artifactId) return undefined;
    const wanted = coordinates(parent.groupId, parent.artifactId, parent.version);
    if (chain.length >= MAX_PARENT_DEPTH || chain.includes(pom.path)) {
      this.warn(pom.path, `parent ${wanted}: the parent chain loops or is deeper than ${MAX_PARENT_DEPTH}; treated as outside the repository`);
      return undefined;
    }
    const accept = (file: string): boolean => {
      if (file === pom.path || chain.includes(file)) return false;
      const own = ownCoordinates(this.pom(file));
      return own.groupId === parent.groupId && own.artifactId === parent.artifactId && versionsMatch(own.version, parent.version);
    };
    if (parent.relativePath !== '') {
      const candidate = pomFileAt(path.posix.dirname(pom.path), parent.relativePath ?? '../pom.xml');
      if (candidate && this.has(candidate) && accept(candidate)) return candidate;
      if (parent.relativePath !== undefined) {
        this.warn(pom.path, `line ${parent.line ?? '?'}: parent ${wanted} is not at relativePath ${parent.relativePath}; looking for it by coordinates`);
      }
    }
    const found = this.findByCoordinates(parent.groupId, parent.artifactId, parent.version);
    return found && accept(found) ? found : undefined;
  }
}

/** The repository path of the POM a `relativePath` or `<module>` names (a directory means its pom.xml); undefined outside. */
export function pomFileAt(fromDirectory: string, relative: string): string | undefined {
  const joined = path.posix.normalize(path.posix.join(fromDirectory, relative.trim().replace(/\\/g, '/'))).replace(/\/+$/, '');
  if (joined === '..' || joined.startsWith('../') || path.posix.isAbsolute(joined)) return undefined;
  if (/\.xml$/i.test(joined)) return joined;
  return joined === '.' || joined === '' ? 'pom.xml' : `${joined}/pom.xml`;
}

function effectiveProperties(model: EffectivePom): Map<string, string> {
  const merged = new Map<string, string>();
  for (const pom of [...model.parents].reverse()) for (const [name, value] of pom.properties) merged.set(name, value);
  for (const [name, value] of model.pom.properties) merged.set(name, value);
  return merged;
}

/** A child's declaration replaces the parent's with the same group, artifact, type and classifier. */
function inherit(own: readonly PomDependency[], inherited: readonly PomDependency[]): PomDependency[] {
  const key = (d: PomDependency): string => `${d.groupId}:${d.artifactId}:${d.type ?? 'jar'}:${d.classifier ?? ''}`;
  const seen = new Set(own.map(key));
  return [...own, ...inherited.filter((d) => !seen.has(key(d)))];
}

/** `${project.*}` / `${pom.*}` from the model, which Maven consults before `<properties>`. */
function modelValue(pom: Pom, name: string): string | undefined {
  const match = /^(?:project|pom)\.(.+)$/.exec(name);
  if (!match) return undefined;
  switch (match[1]) {
    case 'groupId':
      return pom.groupId ?? pom.parent?.groupId;
    case 'artifactId':
      return pom.artifactId;
    case 'version':
      return pom.version ?? pom.parent?.version;
    case 'packaging':
      return pom.packaging ?? 'jar';
    case 'parent.groupId':
      return pom.parent?.groupId;
    case 'parent.artifactId':
      return pom.parent?.artifactId;
    case 'parent.version':
      return pom.parent?.version;
    default:
      return undefined;
  }
}

/** The deprecated bare forms (`${version}`), which Maven 3 still resolves after the properties. */
function legacyModelValue(pom: Pom, name: string): string | undefined {
  return name === 'groupId' || name === 'artifactId' || name === 'version' ? modelValue(pom, `project.${name}`) : undefined;
}

/** Coordinates of a POM from itself alone (its own properties, `<parent>` for what it inherits). */
function ownCoordinates(pom: Pom): { groupId?: string; artifactId?: string; version?: string } {
  const interpolator = new Interpolator(
    (name) => modelValue(pom, name) ?? pom.properties.get(name) ?? legacyModelValue(pom, name),
    () => undefined,
  );
  const value = (raw: string | undefined): string | undefined => (raw === undefined ? undefined : interpolator.interpolate(raw).value);
  return { groupId: value(pom.groupId ?? pom.parent?.groupId), artifactId: value(pom.artifactId), version: value(pom.version ?? pom.parent?.version) };
}

/** Equal versions, or one still holding `${...}` (e.g. `${revision}` set by the parent), which cannot be compared. */
function versionsMatch(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined || a.includes('${') || b.includes('${')) return true;
  return a === b;
}
