import type { Interpolated } from './interpolate.js';
import { coordinates, type PomDependency } from './pom-model.js';
import type { EffectivePom, PomWorkspace } from './pom-workspace.js';

/** Deepest chain of BOM imports followed. */
const MAX_IMPORT_DEPTH = 16;

/** A dependency of a project, its fields interpolated and dependency management applied. */
export interface ResolvedDependency {
  groupId: string;
  artifactId: string;
  /** `jar` unless declared otherwise. */
  type: string;
  classifier?: string;
  /** '' when the version is not known exactly: never guessed. */
  version: string;
  /** What was declared instead of an exact version: a range, `LATEST`, an unresolved `${...}`. */
  constraint?: string;
  /** A range or `LATEST`/`RELEASE`: the build picks the version. */
  unpinned: boolean;
  /** `compile`, `runtime`, `test`, `provided`, `system` (as declared, default `compile`). */
  scope: string;
  optional: boolean;
  /** POM that declares the dependency, and the line. */
  declaredIn: string;
  line?: number;
  /** When the version is missing: the parent or BOMs outside the repository that may manage it. */
  managedOutside: string[];
}

interface ManagedEntry {
  version?: Interpolated;
  scope?: string;
  optional?: string;
}

interface Management {
  entries: Map<string, ManagedEntry>;
  /** Imported BOMs that are not in the repository, as coordinates. */
  outside: string[];
}

const VALID_SCOPES = new Set(['compile', 'runtime', 'test', 'provided', 'system']);

/**
 * Applies Maven's dependency management to the dependencies of effective
 * models: the nearest declaration wins (the POM's own, then its parents'),
 * then `import`-scoped BOMs in declaration order, each interpolated in its
 * own context. BOMs inside the repository are read; those outside are named
 * on the dependencies whose version they may hold.
 */
export class DependencyResolver {
  private readonly managements = new Map<string, Management>();

  constructor(private readonly workspace: PomWorkspace) {}

  dependencies(file: string): ResolvedDependency[] {
    const model = this.workspace.effective(file);
    const management = this.management(file, []);
    const outside = [...(model.externalParent ? [model.externalParent] : []), ...management.outside];
    const resolved: ResolvedDependency[] = [];
    for (const declared of model.dependencies) {
      const fields = this.interpolateFields(model, declared);
      if (!fields) continue;
      const managed = management.entries.get(managementKey(fields));
      const version = declared.version !== undefined ? model.interpolator.interpolate(declared.version) : managed?.version;
      let scope = fields.scope ?? managed?.scope ?? 'compile';
      if (!VALID_SCOPES.has(scope)) {
        this.workspace.warn(declared.declaredIn, `line ${declared.line ?? '?'}: ${coordinates(fields.groupId, fields.artifactId)} has scope "${scope}", which Maven does not know; read as compile`);
        scope = 'compile';
      }
      resolved.push({
        groupId: fields.groupId,
        artifactId: fields.artifactId,
        type: fields.type,
        ...(fields.classifier ? { classifier: fields.classifier } : {}),
        ...readVersion(version),
        scope,
        optional: (fields.optional ?? managed?.optional) === 'true',
        declaredIn: declared.declaredIn,
        ...(declared.line === undefined ? {} : { line: declared.line }),
        managedOutside: version === undefined ? outside : [],
      });
    }
    return resolved;
  }

  /** The dependency management of a POM in its own context, imports applied. */
  private management(file: string, importing: readonly string[]): Management {
    const cached = this.managements.get(file);
    if (cached) return cached;
    const model = this.workspace.effective(file);
    const entries = new Map<string, ManagedEntry>();
    const imports: Array<{ groupId: string; artifactId: string; version: Interpolated | undefined; declared: PomDependency }> = [];
    for (const declared of model.managedDependencies) {
      const fields = this.interpolateFields(model, declared);
      if (!fields) continue;
      const version = declared.version === undefined ? undefined : model.interpolator.interpolate(declared.version);
      if (fields.scope === 'import') {
        imports.push({ groupId: fields.groupId, artifactId: fields.artifactId, version, declared });
        continue;
      }
      const key = managementKey(fields);
      if (!entries.has(key)) entries.set(key, { ...(version ? { version } : {}), ...(fields.scope ? { scope: fields.scope } : {}), ...(fields.optional ? { optional: fields.optional } : {}) });
    }
    const outside: string[] = [];
    for (const bom of imports) {
      const version = bom.version?.complete ? bom.version.value : undefined;
      const found = version === undefined ? undefined : this.workspace.findByCoordinates(bom.groupId, bom.artifactId, version);
      const name = coordinates(bom.groupId, bom.artifactId, bom.version?.value ?? '');
      if (!found) {
        outside.push(name);
        continue;
      }
      if (importing.includes(found) || found === file || importing.length >= MAX_IMPORT_DEPTH) {
        this.workspace.warn(bom.declared.declaredIn, `line ${bom.declared.line ?? '?'}: import of ${name} loops back or nests deeper than ${MAX_IMPORT_DEPTH}; not followed`);
        continue;
      }
      this.workspace.used.add(found);
      const imported = this.management(found, [...importing, file]);
      for (const [key, entry] of imported.entries) if (!entries.has(key)) entries.set(key, entry);
      outside.push(...imported.outside);
    }
    const management = { entries, outside: [...new Set(outside)] };
    this.managements.set(file, management);
    return management;
  }

  private interpolateFields(model: EffectivePom, declared: PomDependency): InterpolatedFields | undefined {
    const text = (raw: string | undefined): string | undefined => (raw === undefined ? undefined : model.interpolator.interpolate(raw).value);
    const groupId = text(declared.groupId);
    const artifactId = text(declared.artifactId);
    if (!groupId || !artifactId || groupId.includes('${') || artifactId.includes('${')) {
      this.workspace.warn(
        declared.declaredIn,
        `line ${declared.line ?? '?'}: dependency ${coordinates(groupId, artifactId)} has no resolvable groupId or artifactId; left out`,
      );
      return undefined;
    }
    const classifier = text(declared.classifier);
    const scope = text(declared.scope);
    const optional = text(declared.optional);
    return {
      groupId,
      artifactId,
      type: text(declared.type) || 'jar',
      ...(classifier ? { classifier } : {}),
      ...(scope ? { scope } : {}),
      ...(optional ? { optional } : {}),
    };
  }
}

interface InterpolatedFields {
  groupId: string;
  artifactId: string;
  type: string;
  classifier?: string;
  scope?: string;
  optional?: string;
}

/** Dependency management matches on group, artifact, type and classifier. */
function managementKey(fields: InterpolatedFields): string {
  return `${fields.groupId}:${fields.artifactId}:${fields.type}:${fields.classifier ?? ''}`;
}

/**
 * An exact version, or '' with the declared text kept as the constraint:
 * version ranges (`[1.0,2.0)`), the `LATEST`/`RELEASE` meta-versions and
 * expressions left unresolved are never turned into a version.
 */
function readVersion(version: Interpolated | undefined): Pick<ResolvedDependency, 'version' | 'constraint' | 'unpinned'> {
  if (version === undefined || version.value === '') return { version: '', unpinned: false };
  const text = version.value;
  if (!version.complete) return { version: '', constraint: text, unpinned: false };
  if (/^[[(]/.test(text) || text === 'LATEST' || text === 'RELEASE') return { version: '', constraint: text, unpinned: true };
  return { version: text, unpinned: false };
}
