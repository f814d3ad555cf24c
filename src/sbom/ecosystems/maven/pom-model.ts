/**
 * The parts of a POM the scanner reads, as written (before inheritance and
 * interpolation): strings stay raw, `${...}` included.
 */

/** A `<dependency>` of `<dependencies>` or `<dependencyManagement>`. */
export interface PomDependency {
  groupId?: string;
  artifactId?: string;
  version?: string;
  type?: string;
  classifier?: string;
  scope?: string;
  optional?: string;
  /** The POM that declares it (relative path), for `sourceFile` and messages. */
  declaredIn: string;
  line?: number;
}

export interface PomParent {
  groupId?: string;
  artifactId?: string;
  version?: string;
  /** `undefined` when the element is absent (Maven then looks in `../pom.xml`), '' for `<relativePath/>`. */
  relativePath?: string;
  line?: number;
}

export interface Pom {
  /** Relative path of the file. */
  path: string;
  groupId?: string;
  artifactId?: string;
  version?: string;
  packaging?: string;
  parent?: PomParent;
  /** `<properties>`, in document order. */
  properties: Map<string, string>;
  dependencies: PomDependency[];
  managedDependencies: PomDependency[];
  /** `<modules>` entries as written (directories or POM files, relative to this POM). */
  modules: string[];
  /** `<licenses><license><name>` texts. */
  licenses: string[];
}

/** Coordinates as Maven names them in messages: `group:artifact:version`. */
export function coordinates(groupId: string | undefined, artifactId: string | undefined, version?: string): string {
  return [groupId ?? '?', artifactId ?? '?', ...(version === undefined ? [] : [version])].join(':');
}
