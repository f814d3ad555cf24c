import path from 'node:path';
import { PackageURL } from 'packageurl-js';
import { libraryNode, projectRoot as projectRootNode, type ComponentNode } from '../../model/graph.js';
import { expandProperties, type MsBuildFile, type MsBuildItem } from './msbuild-file.js';

/** The MSBuild files that say what one project references, as MSBuild would import them. */
export interface NuGetProject {
  /** The lockfile, or the project file when it is read alone: what components are attributed to. */
  primaryFile: string;
  projectFile?: MsBuildFile;
  /** The nearest `Directory.Build.props` above the project (imported before the project body). */
  buildProps?: MsBuildFile;
  /** The nearest `Directory.Packages.props` above the project (Central Package Management). */
  packagesProps?: MsBuildFile;
}

export interface DeclaredReference {
  id: string;
  /** The version or range as declared after property expansion; undefined when none can be found. */
  constraint?: string;
  /** `PrivateAssets="all"`, or a GlobalPackageReference (private by default): needed to build, not shipped. */
  development: boolean;
  condition?: string;
  /** The file the reference (not its version) is declared in. */
  declaredIn: string;
}

/** Properties visible to the project: Directory.Build.props, then Directory.Packages.props, then the project's own. */
export function projectProperties(project: NuGetProject): Map<string, string> {
  return new Map([...(project.buildProps?.properties ?? []), ...(project.packagesProps?.properties ?? []), ...(project.projectFile?.properties ?? [])]);
}

/**
 * The PackageReference items of the project (and of Directory.Build.props), with
 * their versions: `VersionOverride`, then `Version`, then under Central Package
 * Management the `PackageVersion` of Directory.Packages.props. A later
 * declaration of the same id replaces an earlier one, as MSBuild items do for NuGet.
 */
export function declaredReferences(project: NuGetProject, warnings: string[]): DeclaredReference[] {
  const properties = projectProperties(project);
  const central = /^true$/i.test(properties.get('ManagePackageVersionsCentrally')?.trim() ?? '');
  const centralVersions = new Map<string, string>();
  if (central) for (const item of project.packagesProps?.packageVersions ?? []) centralVersions.set(item.include.toLowerCase(), metadata(item, 'Version') ?? '');
  const byId = new Map<string, DeclaredReference>();
  const add = (item: MsBuildItem, file: string, global: boolean): void => {
    const written = metadata(item, 'VersionOverride') ?? metadata(item, 'Version') ?? (central ? centralVersions.get(item.include.toLowerCase()) : undefined);
    const constraint = written === undefined || written.trim() === '' ? undefined : expandProperties(written.trim(), properties);
    if (written !== undefined && written.trim() !== '' && constraint === undefined) warnings.push(`${file}: the version of ${item.include} (${written.trim()}) uses a property this project does not define`);
    const privateAssets = metadata(item, 'PrivateAssets')?.toLowerCase().split(';').map((s) => s.trim()) ?? [];
    byId.set(item.include.toLowerCase(), {
      id: item.include,
      ...(constraint === undefined ? {} : { constraint }),
      development: global || privateAssets.includes('all'),
      ...(item.condition ? { condition: item.condition } : {}),
      declaredIn: file,
    });
  };
  for (const file of [project.buildProps, project.projectFile]) {
    for (const item of file?.packageReferences ?? []) add(item, file?.path as string, false);
  }
  if (central) for (const item of project.packagesProps?.globalPackageReferences ?? []) add(item, project.packagesProps?.path as string, true);
  return [...byId.values()];
}

/** Item metadata by name, case-insensitively, as MSBuild reads it. */
export function metadata(item: MsBuildItem, name: string): string | undefined {
  const lower = name.toLowerCase();
  for (const [key, value] of item.metadata) if (key.toLowerCase() === lower) return value;
  return undefined;
}

/**
 * The project itself: named by `PackageId`, `AssemblyName` or its file name,
 * versioned by `Version` or `PackageVersion` when the project states one
 * (the SDK's default `1.0.0` is not a version anyone chose, so it is not used).
 */
export function projectRoot(project: NuGetProject, usedRefs: ReadonlySet<string>): ComponentNode {
  const properties = projectProperties(project);
  const directory = path.posix.dirname(project.projectFile?.path ?? project.primaryFile);
  const fileName = project.projectFile ? path.posix.basename(project.projectFile.path).replace(/\.[^.]+$/, '') : undefined;
  const pick = (...names: string[]): string | undefined => {
    for (const name of names) {
      const value = properties.get(name);
      const expanded = value === undefined ? undefined : expandProperties(value.trim(), properties);
      if (expanded) return expanded;
    }
    return undefined;
  };
  const name = pick('PackageId', 'AssemblyName') ?? fileName ?? (directory === '.' ? 'project' : path.posix.basename(directory));
  const version = pick('Version', 'PackageVersion') ?? '';
  const purl = new PackageURL('nuget', undefined, name, version || undefined, undefined, undefined).toString();
  const ref = usedRefs.has(purl) ? new PackageURL('nuget', undefined, name, version || undefined, { project: project.projectFile?.path ?? directory }, undefined).toString() : purl;
  const rootProperties: Record<string, string> = {};
  const frameworks = pick('TargetFrameworks', 'TargetFramework');
  if (frameworks) rootProperties['chainward:nuget:target-frameworks'] = frameworks.split(';').map((f) => f.trim()).filter(Boolean).join(',');
  return projectRootNode({ ecosystem: 'nuget', purl, ref, name, version, sourceFile: project.projectFile?.path ?? project.primaryFile, properties: rootProperties });
}

/** A library component with the common fields filled in. */
export function nugetLibrary(id: string, version: string, sourceFile: string, properties: Record<string, string>): ComponentNode {
  const purl = new PackageURL('nuget', undefined, id, version || undefined, undefined, undefined).toString();
  return libraryNode({ ecosystem: 'nuget', purl, name: id, version, sourceFile, properties });
}
