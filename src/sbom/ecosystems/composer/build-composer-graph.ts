import path from 'node:path';
import { PackageURL } from 'packageurl-js';
import { assembleGraph } from '../../common/assemble-graph.js';
import type { TypedEdge } from '../../common/classify.js';
import { licenseFact } from '../../licenses/normalize.js';
import { projectRoot, type ComponentNode, type DependencyGraph, type HashFact, type LicenseFact, type LicenseSource } from '../../model/graph.js';
import { lockedPackageSchema, type ComposerLock, type ComposerManifest, type LockedPackage } from './composer-schema.js';

export interface ComposerProject {
  lockfile: string;
  lock: ComposerLock;
  manifest?: { path: string; content: ComposerManifest };
}

/**
 * Composer's platform packages (PlatformRepository): PHP itself, its extensions
 * and libraries, and Composer's own APIs. They are not installed packages, so
 * requirements on them are not edges; the root records the project's.
 */
const PLATFORM_PACKAGE = /^(?:php(?:-64bit|-ipv6|-zts|-debug)?|hhvm|(?:ext|lib)-[a-z0-9](?:[_.-]?[a-z0-9]+)*|composer(?:-(?:plugin|runtime)-api)?)$/i;

export function isPlatformPackage(name: string): boolean {
  return PLATFORM_PACKAGE.test(name);
}

/**
 * Graph of a composer.lock: one component per locked package, development when
 * it is in `packages-dev` (Composer computes that list itself), edges from each
 * package's `require` (through `replace` and `provide` where another package
 * stands in) and from the root's composer.json `require` / `require-dev`.
 */
export function buildComposerGraph(project: ComposerProject): DependencyGraph {
  const warnings: string[] = [];
  const libraries = new Map<string, ComponentNode>();
  /** Lower-case name -> ref; names are case-insensitive on Packagist. */
  const refByName = new Map<string, string>();
  const requires: Array<[string, LockedPackage]> = [];
  const sections: Array<['packages' | 'packages-dev', unknown[]]> = [
    ['packages', project.lock.packages],
    ['packages-dev', project.lock['packages-dev'] ?? []],
  ];
  for (const [section, entries] of sections) {
    entries.forEach((entry, index) => {
      const parsed = lockedPackageSchema.safeParse(entry);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        warnings.push(`${section}[${index}]: ${issue?.path.join('.') || 'entry'}: ${issue?.message ?? 'not a package'}; skipped`);
        return;
      }
      const node = packageComponent(parsed.data, section === 'packages-dev', project.lockfile);
      if (libraries.has(node.ref)) {
        warnings.push(`${parsed.data.name} ${parsed.data.version} is locked twice; the second entry is skipped`);
        return;
      }
      libraries.set(node.ref, node);
      refByName.set(parsed.data.name.toLowerCase(), node.ref);
      requires.push([node.ref, parsed.data]);
    });
  }
  // A package that `replace`s or `provide`s a name satisfies requirements on it (laravel/framework replaces illuminate/*).
  const standIns = new Map<string, string>();
  for (const [ref, entry] of requires) {
    for (const name of [...Object.keys(entry.replace ?? {}), ...Object.keys(entry.provide ?? {})]) {
      if (!refByName.has(name.toLowerCase()) && !standIns.has(name.toLowerCase())) standIns.set(name.toLowerCase(), ref);
    }
  }
  const resolve = (name: string): string | undefined => refByName.get(name.toLowerCase()) ?? standIns.get(name.toLowerCase());

  const root = rootComponent(project);
  const edges: TypedEdge[] = [];
  for (const [from, entry] of requires) {
    for (const name of Object.keys(entry.require ?? {})) {
      if (isPlatformPackage(name)) continue;
      const to = resolve(name);
      if (to) edges.push({ from, to, kind: 'prod' });
      else warnings.push(`${entry.name} requires ${name}, which is not in the lockfile`);
    }
  }
  const manifest = project.manifest?.content;
  for (const [field, kind] of [['require', 'prod'], ['require-dev', 'dev']] as const) {
    for (const name of Object.keys(manifest?.[field] ?? {})) {
      if (isPlatformPackage(name)) continue;
      const to = resolve(name);
      if (to) edges.push({ from: root.ref, to, kind });
      else warnings.push(`composer.json ${field} ${name} is not in the lockfile (run composer update?)`);
    }
  }
  if (!project.manifest) warnings.push('no composer.json beside the lockfile: direct dependencies are unknown');

  return assembleGraph({
    file: project.lockfile,
    roots: [root],
    libraries: libraries.values(),
    edges,
    sources: [project.lockfile, ...(project.manifest ? [project.manifest.path] : [])],
    warnings,
    flags: 'given',
  });
}

function packageComponent(entry: LockedPackage, development: boolean, lockfile: string): ComponentNode {
  const { vendor, name } = splitName(entry.name);
  const purl = new PackageURL('composer', vendor, name, entry.version, undefined, undefined).toString();
  const properties: Record<string, string> = {};
  // Names from the CycloneDX property taxonomy (cdx:composer), as cyclonedx-php-composer writes them.
  if (entry.type) properties['cdx:composer:package:type'] = entry.type;
  if (development) properties['cdx:composer:package:isDevRequirement'] = 'true';
  if (entry.source?.reference) properties['cdx:composer:package:sourceReference'] = entry.source.reference;
  if (entry.dist?.reference) properties['cdx:composer:package:distReference'] = entry.dist.reference;
  if (entry.abandoned !== undefined && entry.abandoned !== false) {
    properties['chainward:composer:abandoned'] = entry.abandoned === true ? 'true' : `replaced by ${entry.abandoned}`;
  }
  const hashes: HashFact[] = [];
  const shasum = entry.dist?.shasum?.trim().toLowerCase();
  if (shasum && /^[0-9a-f]{40}$/.test(shasum)) hashes.push({ alg: 'SHA-1', content: shasum });
  return {
    ref: purl,
    ecosystem: 'composer',
    purl,
    ...(vendor ? { group: vendor } : {}),
    name,
    version: entry.version,
    type: 'library',
    scope: development ? 'optional' : 'required',
    development,
    direct: false,
    licenses: composerLicenses(entry.license, 'lockfile'),
    hashes,
    sourceFile: lockfile,
    properties,
  };
}

/**
 * Composer's `license`: a string, or an array meaning the user may pick any of
 * them (a disjunction). When every entry is an SPDX expression the array is one
 * `(A OR B)` expression; otherwise each entry is kept as it is written.
 */
export function composerLicenses(value: unknown, source: LicenseSource): LicenseFact[] {
  const texts = (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string' && v.trim() !== '');
  const facts = texts.map((text) => licenseFact(text, source)).filter((fact): fact is LicenseFact => fact !== undefined);
  if (facts.length > 1 && facts.every((fact) => fact.kind === 'expression')) {
    const joined = licenseFact(`(${texts.map((t) => asOperand(t.trim())).join(' OR ')})`, source);
    if (joined) return [joined];
  }
  return facts;
}

/** An expression as one operand of OR: compound expressions in parentheses, unless already wrapped whole. */
function asOperand(expression: string): string {
  if (!/\s/.test(expression)) return expression;
  let depth = 0;
  for (let i = 0; i < expression.length; i++) {
    if (expression[i] === '(') depth++;
    else if (expression[i] === ')') depth--;
    if (depth === 0 && i < expression.length - 1) return `(${expression})`;
  }
  return expression;
}

function splitName(full: string): { vendor?: string; name: string } {
  const slash = full.indexOf('/');
  return slash > 0 ? { vendor: full.slice(0, slash), name: full.slice(slash + 1) } : { name: full };
}

function rootComponent(project: ComposerProject): ComponentNode {
  const manifest = project.manifest?.content;
  const directory = path.posix.dirname(project.lockfile);
  const fullName = manifest?.name?.trim() || (directory === '.' ? 'project' : path.posix.basename(directory));
  const { vendor, name } = splitName(fullName);
  const version = manifest?.version?.trim() ?? '';
  const purl = new PackageURL('composer', vendor, name, version || undefined, undefined, undefined).toString();
  const properties: Record<string, string> = {};
  const platform = platformRequirements(project.lock.platform, project.lock['platform-dev']);
  if (platform) properties['chainward:composer:platform'] = platform;
  return projectRoot({
    ecosystem: 'composer',
    purl,
    group: vendor,
    name,
    version,
    sourceFile: project.manifest?.path ?? project.lockfile,
    licenses: composerLicenses(manifest?.license, 'manifest'),
    properties,
  });
}

/** The lockfile's `platform` and `platform-dev` as `php ^8.1, ext-json *` (Composer writes `[]` when empty). */
function platformRequirements(...maps: unknown[]): string | undefined {
  const entries = maps.flatMap((map) => (map && typeof map === 'object' && !Array.isArray(map) ? Object.entries(map) : []));
  const seen = new Set<string>();
  const parts: string[] = [];
  for (const [name, constraint] of entries) {
    if (seen.has(name)) continue;
    seen.add(name);
    parts.push(`${name} ${typeof constraint === 'string' ? constraint : '*'}`);
  }
  return parts.length > 0 ? parts.join(', ') : undefined;
}
